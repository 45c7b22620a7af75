"""Presentation models shared by the pages, the slides and the meeting pack: what a card or a status shows, built
from computed figures (texts/ gives the words and the number formats; ui/ and reports/ draw them)."""
