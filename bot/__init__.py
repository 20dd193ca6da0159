"""Telegram bot on rights under Kazakhstan's Action Plan on Human Rights and the Rule of Law."""
