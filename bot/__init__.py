"""The Telegram bot (aiogram 3): a thin adapter over core services."""
