"""The application layer: settings, the command line, and (next) the Telegram bot."""
