"""Is a plan's URL on the supplier's own website? PPN 006 asks for the plan to be published
and clearly signposted on the supplier's UK website, not only on a document-sharing host."""

from __future__ import annotations

from urllib.parse import urlsplit

import httpx

# Hosts that publish other people's documents: a plan here is not on the supplier's own site.
THIRD_PARTY_HOSTS = (
    "issuu.com",
    "drive.google.com",
    "docs.google.com",
    "dropbox.com",
    "dropboxusercontent.com",
    "sharepoint.com",
    "onedrive.live.com",
    "1drv.ms",
    "box.com",
    "scribd.com",
    "yumpu.com",
    "wixstatic.com",
    "squarespace-cdn.com",
    "amazonaws.com",
    "cloudfront.net",
    "googleusercontent.com",
    "canva.com",
    "flipsnack.com",
    "hubspotusercontent-na1.net",
    "hubfs.net",
)


def judge_url(url: str) -> bool | None:
    """True on the supplier's own domain, False on a known document host, None if unsure."""
    host = (urlsplit(url).hostname or "").lower()
    if not host:
        return None
    if any(host == known or host.endswith("." + known) for known in THIRD_PARTY_HOSTS):
        return False
    if host in ("localhost", "127.0.0.1") or host.startswith("192.168."):
        return None
    return True


def is_reachable(url: str, timeout: float) -> bool:
    """Does the published URL answer? A HEAD request, then a GET (some servers refuse HEAD)."""
    if urlsplit(url).scheme not in ("http", "https"):
        return False
    try:
        with httpx.Client(follow_redirects=True, timeout=timeout) as client:
            response = client.head(url)
            if response.status_code in (405, 501) or response.status_code >= 400:
                with client.stream("GET", url) as streamed:
                    return streamed.status_code < 400
            return True
    except httpx.HTTPError:
        return False
