"""Serve the built book from 127.0.0.1 for tests (a real HTTP origin, as a reader's browser would see it)."""

import functools
import http.server
import threading
from pathlib import Path

HTML = Path(__file__).resolve().parents[1] / "_build" / "html"


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        pass  # a browser closing a connection early is not a failure of the book


def serve(root: Path = HTML):
    """Start a server on a free port; returns (base_url, shutdown)."""
    handler = functools.partial(QuietHandler, directory=str(root))
    server = QuietServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}", server.shutdown


def pages(root: Path = HTML) -> list[str]:
    """Every HTML page of the book, relative to its root (search and index pages included)."""
    return sorted(str(p.relative_to(root)) for p in root.rglob("*.html") if "_static" not in p.parts)
