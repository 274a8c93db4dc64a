"""A conversation with the dialogue engine as a channel holds it: the state goes back in with every message."""
from __future__ import annotations

import json

from core.dialogue import Reply, answer


class Chat:
    def __init__(self, services, **options):
        self.services, self.options, self.state = services, {"channel": "bot", **options}, None
        self.replies: list[Reply] = []

    def say(self, text: str = "", *, command: str | None = None, secret: str | None = None) -> Reply:
        """Send a message; `secret` (a full ID number) must never come back in the reply or the state."""
        reply = answer(self.services, text, state=self.state, command=command, **self.options)
        stored = json.dumps(reply.state, ensure_ascii=False)  # the channel must be able to store it as JSON
        for value in filter(None, (secret, *self._secrets)):
            assert value not in stored and value not in reply.text
        self.state = json.loads(stored)
        self.replies.append(reply)
        return reply

    _secrets: tuple[str, ...] = ()

    def never_show(self, *values: str) -> None:
        self._secrets = (*self._secrets, *values)

    def values(self, reply: Reply | None = None) -> list[str]:
        return [b.value for b in (reply or self.replies[-1]).buttons]
