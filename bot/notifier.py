"""Deliver the outbox from inside the bot process: status changes, reminders, certificate PDFs, with retries.

Every few seconds the notifier claims due messages (core.outbox: a lease per message, so several bot processes
never send one message at the same time), sends each, and marks it sent or failed right after its own send. A
failed send is retried with back-off by the outbox; a chat that blocked the bot or no longer exists is given up
at once. When an application's certificate is issued and the chat is bound to the applicant, the PDF goes with
the message as a document. Reminders for tomorrow's visits are queued from 09:00 on (core.appointments.reminders).
"""
from __future__ import annotations

import asyncio
import logging

from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest, TelegramForbiddenError
from aiogram.types import BufferedInputFile

from core import binding, outbox
from core.appointments.reminders import enqueue_due_reminders
from core.identity import redact_id_numbers

log = logging.getLogger("lantai.bot.notifier")
CAPTION_LIMIT = 1024  # Telegram's limit for a document caption
PERMANENT = (TelegramForbiddenError, TelegramBadRequest)  # blocked, chat gone, bad request: retrying will not help


class Notifier:
    def __init__(self, bot: Bot, services, *, interval: float = 2.0, batch: int = 20, lease_seconds: int = 300,
                 reminders_every: float = 600.0):
        self.bot, self.services = bot, services
        self.interval, self.batch, self.lease_seconds = interval, batch, lease_seconds
        self.reminders_every = reminders_every
        self._next_reminders = 0.0

    async def send(self, delivery: outbox.Delivery) -> None:
        """Send one message; the certificate PDF as a document when it was issued to a bound chat."""
        pdf = None
        if delivery.payload.get("status") == "issued":
            pdf = await asyncio.to_thread(binding.certificate_for_chat, self.services, delivery.application_id,
                                          delivery.chat_id)
        if pdf is None:
            await self.bot.send_message(delivery.chat_id, delivery.text)
            return
        name, data = pdf
        caption = delivery.text if len(delivery.text) <= CAPTION_LIMIT else delivery.text[:CAPTION_LIMIT - 1] + "…"
        await self.bot.send_document(delivery.chat_id, BufferedInputFile(data, filename=name), caption=caption)

    async def deliver_once(self) -> int:
        """Claim and send what is due now; returns how many were sent."""
        sessions = self.services.sessions
        deliveries = await asyncio.to_thread(outbox.claim, sessions, limit=self.batch,
                                             lease_seconds=self.lease_seconds)
        sent = 0
        for d in deliveries:
            try:
                await self.send(d)
            except asyncio.CancelledError:
                raise
            except Exception as e:  # noqa: BLE001 - every failure is recorded on the row and retried or given up
                error = redact_id_numbers(f"{type(e).__name__}: {e}")
                give_up = isinstance(e, PERMANENT)
                log.warning("outbox %s to chat %s failed (attempt %s%s): %s", d.id, d.chat_id, d.attempts,
                            ", giving up" if give_up else "", error)
                await asyncio.to_thread(outbox.mark_failed, sessions, d.id, d.claim_token, error,
                                        **({"max_attempts": d.attempts} if give_up else {}))
            else:
                sent += 1
                if not await asyncio.to_thread(outbox.mark_sent, sessions, d.id, d.claim_token):
                    log.warning("outbox %s was sent after its lease passed to another sender", d.id)
        return sent

    async def queue_reminders(self) -> None:
        loop = asyncio.get_running_loop()
        if loop.time() < self._next_reminders:
            return
        self._next_reminders = loop.time() + self.reminders_every
        added = await asyncio.to_thread(enqueue_due_reminders, self.services)
        if added:
            log.info("queued %s appointment reminders", added)

    async def run(self) -> None:
        """Deliver until cancelled; an error in one round is logged and the next round goes on."""
        while True:
            try:
                await self.queue_reminders()
                if await self.deliver_once() == self.batch:
                    continue  # more may be waiting
            except asyncio.CancelledError:
                raise
            except Exception:  # noqa: BLE001 - a database hiccup must not stop deliveries for good
                log.exception("outbox delivery round failed")
            await asyncio.sleep(self.interval)
