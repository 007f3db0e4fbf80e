"""Dates in Persian and Arabic text: calendars and month names."""
