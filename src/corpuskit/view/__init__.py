"""Looking at one document: a terminal view (terminal.py) and an HTML page (html.py)."""
