"""What the catalogue's tests share."""

import http.server
import threading

import pytest


class Links(http.server.BaseHTTPRequestHandler):
    """Answers 404 for the paths in `broken`, 200 for any other."""

    broken = {"/hilang"}

    def do_HEAD(self):
        self.send_response(404 if self.path in self.broken else 200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def link_server(settings):
    """A local HTTP server standing in for the OPDs' applications: tests never reach the internet."""
    settings.VILLAGEWEB_LINK_CHECK_PRIVATE_ALLOWED = True
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Links)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
