"""Fair use of the checker's workers by the web doors: nobody's checks starve anyone else's.

Every check from a page or the API passes two gates, both in the event loop (a waiting check
holds neither a thread nor its file's bytes: the upload stays spooled to disk meanwhile):

1. `visit` refuses at once, with 429 and Retry-After: an anonymous client over its rate (checks
   per hour) or with a check already under way, and anyone when the wait queue is full. A
   check still uploading counts as waiting: it queues for a worker as soon as its file is in;
2. `Visit.slot` waits for one of the worker slots. Signed-in users' checks go first and may use
   every worker; anonymous checks never hold more than `workers - reserved` of them, so a
   signed-in check always finds a worker that no anonymous upload can take.
"""

from __future__ import annotations

import math
import time
from collections import deque
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass, field

import anyio

from crp_checker.errors import CRPError
from crp_checker.settings import Settings
from crp_checker.worker import BusyError

RATE_WINDOW_SECONDS = 3600.0
QUEUE_FULL_RETRY_SECONDS = 30
MAX_CLIENTS = 100_000  # rate records kept: a spray of addresses cannot fill memory


class RateLimitedError(CRPError):
    """An anonymous client over its share, or every place in the wait queue taken."""

    code = "rate_limited"
    http_status = 429
    title = "Too many checks"

    def __init__(self, message: str, hint: str, retry_after: float) -> None:
        super().__init__(message, hint)
        self.retry_after = retry_after


@dataclass
class _Waiter:
    visit: Visit
    ready: anyio.Event = field(default_factory=anyio.Event)
    granted: bool = False

    @property
    def signed_in(self) -> bool:
        return self.visit.signed_in


class FairUse:
    """The admission state of one app: slots in use, who waits, anonymous clients' recent
    checks. Used only from the event loop, so it needs no lock."""

    def __init__(
        self,
        settings: Settings,
        *,
        slots: int | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """`slots`: how many checks run at once (default: the parse workers)."""
        self.slots = max(1, settings.parse_workers if slots is None else slots)
        # With one worker nothing can be reserved: signed-in checks then only go first.
        self.anonymous_slots = max(1, self.slots - settings.reserved_workers)
        self.per_hour = settings.anonymous_checks_per_hour
        self.at_once = max(1, settings.anonymous_checks_at_once)
        self.queue = settings.check_queue
        self.anonymous_queue = settings.anonymous_queue
        self.wait_seconds = settings.check_wait_seconds
        self.clock = clock
        self.running = 0
        self.running_anonymous = 0
        self._waiting: deque[_Waiter] = deque()
        self._in_line: set[Visit] = set()  # admitted, no slot yet: uploading or waiting
        self._recent: dict[str, deque[float]] = {}
        self._visiting: dict[str, int] = {}

    # ----------------------------------------------------------------- the first gate

    @asynccontextmanager
    async def visit(self, client: str, *, signed_in: bool) -> AsyncIterator[Visit]:
        """Admit a request now or refuse it (RateLimitedError); it then waits in `slot()`."""
        visit = Visit(self, signed_in)
        if signed_in:
            if self._line_full(True):
                raise self._queue_full()
            self._in_line.add(visit)
            try:
                yield visit
            finally:
                self._in_line.discard(visit)
            return
        self._admit_anonymous(client)
        self._visiting[client] = self._visiting.get(client, 0) + 1
        self._in_line.add(visit)
        try:
            yield visit
        finally:
            self._in_line.discard(visit)
            self._visiting[client] -= 1
            if not self._visiting[client]:
                del self._visiting[client]

    def _line_full(self, signed_in: bool) -> bool:
        """Would one more check be past the wait queue's bounds? Those in line beyond the free
        slots wait: at most `queue` in all, and `anonymous_queue` anonymous ones."""
        free = max(0, self.slots - self.running)
        if len(self._in_line) >= self.queue + free:
            return True
        if signed_in:
            return False
        free_anonymous = max(0, min(free, self.anonymous_slots - self.running_anonymous))
        anonymous = sum(1 for visit in self._in_line if not visit.signed_in)
        return anonymous >= self.anonymous_queue + free_anonymous

    def _admit_anonymous(self, client: str) -> None:
        now = self.clock()
        recent = self._recent.get(client, deque())
        while recent and recent[0] <= now - RATE_WINDOW_SECONDS:
            recent.popleft()
        if self._visiting.get(client, 0) >= self.at_once:
            raise RateLimitedError(
                "Your previous check has not finished yet.",
                "Wait for it to finish, then check the next plan; or sign in: checks by "
                "signed-in users are not limited this way.",
                retry_after=10,
            )
        if len(recent) >= self.per_hour:
            wait = recent[0] + RATE_WINDOW_SECONDS - now
            minutes = max(1, math.ceil(wait / 60))
            raise RateLimitedError(
                f"You have checked {len(recent)} plans in the last hour without signing in.",
                f"Try again in {minutes} minute{'s' if minutes != 1 else ''}, or sign in: "
                "checks by signed-in users are not limited this way.",
                retry_after=wait,
            )
        if self._line_full(False):
            raise self._queue_full()
        if client not in self._recent and len(self._recent) >= MAX_CLIENTS:
            self._forget_old(now)
        recent.append(now)
        self._recent[client] = recent

    def _forget_old(self, now: float) -> None:
        stale = [c for c, times in self._recent.items() if not times or times[-1] <= now - 3600]
        for client in stale or list(self._recent)[: MAX_CLIENTS // 2]:
            del self._recent[client]

    def _queue_full(self) -> RateLimitedError:
        return RateLimitedError(
            "Many plans are waiting to be checked right now, so this one was not queued.",
            "Try again in a minute.",
            retry_after=QUEUE_FULL_RETRY_SECONDS,
        )

    # ----------------------------------------------------------------- the second gate

    def _may_start(self, signed_in: bool) -> bool:
        if self.running >= self.slots:
            return False
        if signed_in:
            return True
        ahead = any(w.signed_in for w in self._waiting)
        return not ahead and self.running_anonymous < self.anonymous_slots

    def _take(self, visit: Visit) -> None:
        self._in_line.discard(visit)
        self.running += 1
        if not visit.signed_in:
            self.running_anonymous += 1

    def _release(self, signed_in: bool) -> None:
        self.running -= 1
        if not signed_in:
            self.running_anonymous -= 1
        self._wake()

    def _wake(self) -> None:
        """Hand free slots to waiters: signed-in ones first, then anonymous ones in turn."""
        while self._waiting and self.running < self.slots:
            chosen = next((w for w in self._waiting if w.signed_in), None)
            if chosen is None:
                if self.running_anonymous >= self.anonymous_slots:
                    return
                chosen = self._waiting[0]
            self._waiting.remove(chosen)
            self._take(chosen.visit)
            chosen.granted = True
            chosen.ready.set()

    def _would_wait(self, signed_in: bool) -> bool:
        return not (self._may_start(signed_in) and self._first_in_line(signed_in))

    def _first_in_line(self, signed_in: bool) -> bool:
        """Nobody who goes first is waiting: for a signed-in check, no signed-in one; for an
        anonymous check, nobody at all."""
        return not any(w.signed_in or not signed_in for w in self._waiting)

    @asynccontextmanager
    async def slot(self, visit: Visit) -> AsyncIterator[None]:
        """Hold a worker slot for the body of the block; BusyError (503) if none frees up."""
        signed_in = visit.signed_in
        if self._would_wait(signed_in):
            await self._wait(visit)
        else:
            self._take(visit)
        try:
            yield
        finally:
            self._release(signed_in)

    async def _wait(self, visit: Visit) -> None:
        """Queue until `_wake` hands this check a slot, at most `wait_seconds`."""
        signed_in = visit.signed_in
        waiter = _Waiter(visit)
        self._waiting.append(waiter)
        try:
            with anyio.move_on_after(self.wait_seconds):
                await waiter.ready.wait()
        except BaseException:  # the client went away: give back what it was given
            if waiter.granted:
                self._release(signed_in)
            else:
                self._waiting.remove(waiter)
            raise
        if not waiter.granted:
            self._waiting.remove(waiter)
            raise CheckersBusyError(
                f"Every checker stayed busy for {self.wait_seconds:g} seconds, so the plan was "
                "not checked."
            )


class CheckersBusyError(BusyError):
    """No worker slot freed up within the wait (503, with Retry-After)."""

    retry_after = QUEUE_FULL_RETRY_SECONDS


@dataclass(eq=False)
class Visit:
    """An admitted request: `slot()` waits for a worker."""

    fair_use: FairUse
    signed_in: bool

    def slot(self) -> AbstractAsyncContextManager[None]:
        return self.fair_use.slot(self)
