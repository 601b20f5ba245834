"""The load: N client threads uploading plans to POST /api/v1/assessments with their tokens.

A client whose connection breaks (the server was killed) waits and sends the same upload
again until it gets an HTTP reply, as a portal would; the reply it finally gets is recorded.
"""

from __future__ import annotations

import queue
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import httpx

from benchmarks.soak_plans import Upload

REQUEST_TIMEOUT = 180.0  # above the pool's queue wait (30 s) plus the parse limit (60 s)
RETRY_PAUSE = 0.25


@dataclass
class Reply:
    """What one upload got in the end."""

    upload: Upload
    account: int  # index into the tokens
    status: int | None = None  # None: no HTTP reply before the deadline
    seconds: float = 0.0  # the answered attempt's latency
    finished: float = 0.0  # time.perf_counter() when the reply came
    public_id: str | None = None
    broken_attempts: int = 0  # attempts cut off without a reply (connection refused or reset)
    message: str = ""


class Load:
    """Runs the uploads on `clients` threads; `on_reply(done_count)` is called after each."""

    def __init__(
        self,
        base_url: str,
        tokens: list[str],
        uploads: list[Upload],
        clients: int,
        deadline: float,
        on_reply: Callable[[int], None] | None = None,
    ) -> None:
        self.base_url, self.tokens, self.clients = base_url, tokens, clients
        self.deadline = deadline
        self.on_reply = on_reply
        self.replies: list[Reply] = []
        self._lock = threading.Lock()
        self._queue: queue.SimpleQueue[Upload] = queue.SimpleQueue()
        for upload in uploads:
            self._queue.put(upload)
        self.total = len(uploads)

    def run(self) -> float:
        """Send every upload (or until the deadline); the wall-clock seconds it took."""
        started = time.perf_counter()
        threads = [
            threading.Thread(target=self._client, args=(i,), name=f"soak-client-{i}")
            for i in range(self.clients)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return time.perf_counter() - started

    def _client(self, number: int) -> None:
        account = number % len(self.tokens)
        headers = {"Authorization": f"Bearer {self.tokens[account]}"}
        with httpx.Client(base_url=self.base_url, headers=headers, timeout=REQUEST_TIMEOUT) as http:
            while time.perf_counter() < self.deadline:
                try:
                    upload = self._queue.get_nowait()
                except queue.Empty:
                    return
                reply = self._send(http, upload, account)
                with self._lock:
                    self.replies.append(reply)
                    done = len(self.replies)
                if done % 50 == 0 or done == self.total:
                    print(f"  {done}/{self.total} uploads answered", file=sys.stderr, flush=True)
                if self.on_reply is not None:
                    self.on_reply(done)

    def _send(self, http: httpx.Client, upload: Upload, account: int) -> Reply:
        reply = Reply(upload, account)
        files = {"file": (upload.name, upload.data, upload.content_type)}
        while time.perf_counter() < self.deadline:
            started = time.perf_counter()
            try:
                response = http.post("/api/v1/assessments", files=files)
            except httpx.TransportError as error:
                reply.broken_attempts += 1
                reply.message = f"{type(error).__name__}: {error}"
                time.sleep(RETRY_PAUSE)
                continue
            reply.finished = time.perf_counter()
            reply.seconds = reply.finished - started
            reply.status = response.status_code
            if response.status_code == 201:
                reply.public_id = response.json()["id"]
            else:
                reply.message = response.text[:300]
            return reply
        return reply
