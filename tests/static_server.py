"""A quiet static file server in a thread, for the browser tests and the page benchmark.

``serve_directory(folder)`` serves ``folder`` on ``http://127.0.0.1:<free port>/`` and yields the
base URL. Requests are not logged; the browser's automatic ``/favicon.ico`` request gets 204 (the
book names no icon). With ``compress=True`` text files are sent gzip-compressed when the browser
accepts it, as a real host sends them (GitHub Pages, where the book is published, does).
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import io
import os
import threading

TEXT = (".html", ".css", ".js", ".json", ".svg", ".txt", ".xml", ".map")


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    compress = False

    def log_message(self, *args):
        pass

    def do_GET(self):  # noqa: N802
        if self.path.split("?")[0] == "/favicon.ico":
            self.send_response(204)
            self.end_headers()
            return
        super().do_GET()

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            path = os.path.join(path, "index.html")
        wants = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (self.compress and wants and path.endswith(TEXT) and os.path.isfile(path)):
            return super().send_head()
        with open(path, "rb") as f:
            data = gzip.compress(f.read(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        return io.BytesIO(data)


class GzipHandler(QuietHandler):
    compress = True


@contextlib.contextmanager
def serve_directory(directory, compress: bool = False):
    """Serve a folder from a thread; yields the base URL (with a trailing slash)."""
    handler = functools.partial(GzipHandler if compress else QuietHandler, directory=str(directory))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()
