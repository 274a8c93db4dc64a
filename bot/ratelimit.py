"""Per-user rate limits: a fixed window counted in memory (one process) or in Redis (several bot processes)."""
from __future__ import annotations

import time
from dataclasses import dataclass


@dataclass(frozen=True)
class Rate:
    """At most `limit` messages per user in `window` seconds."""

    limit: int = 30
    window: int = 60


class MemoryLimiter:
    """Counts in this process: enough for one polling bot."""

    def __init__(self, rate: Rate, clock=time.monotonic):
        self.rate, self._clock = rate, clock
        self._counts: dict[tuple[int, int], int] = {}

    async def hit(self, user_id: int) -> int:
        """Count one message of the user; returns how many they sent in the current window."""
        window = int(self._clock() // self.rate.window)
        if len(self._counts) > 10_000:  # forget finished windows
            self._counts = {k: v for k, v in self._counts.items() if k[1] == window}
        key = (user_id, window)
        self._counts[key] = self._counts.get(key, 0) + 1
        return self._counts[key]


class RedisLimiter:
    """Counts in Redis, shared by every bot process behind one webhook."""

    def __init__(self, redis, rate: Rate, prefix: str = "lantai:rate", clock=time.time):
        self.redis, self.rate, self.prefix, self._clock = redis, rate, prefix, clock

    async def hit(self, user_id: int) -> int:
        window = int(self._clock() // self.rate.window)
        key = f"{self.prefix}:{user_id}:{window}"
        async with self.redis.pipeline(transaction=True) as pipe:
            count, _ = await pipe.incr(key).expire(key, self.rate.window * 2).execute()
        return int(count)
