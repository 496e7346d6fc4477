"""The suite's network guard really fails on non-loopback connections and allows loopback."""

from __future__ import annotations

import socket
import threading
import urllib.request
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest


def test_connect_to_public_address_fails() -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        with pytest.raises(AssertionError, match="network connection"):
            sock.connect(("93.184.216.34", 80))


def test_name_resolution_of_remote_host_fails() -> None:
    with pytest.raises(AssertionError, match="resolve"):
        socket.getaddrinfo("example.com", 443)


def test_urllib_to_remote_fails() -> None:
    with pytest.raises(Exception) as info:
        urllib.request.urlopen("http://example.com/", timeout=1)
    assert "network connection" in str(info.value) or "resolve" in str(info.value)


def test_loopback_is_allowed() -> None:
    class Hello(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, *args: object) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Hello)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/"
        assert urllib.request.urlopen(url, timeout=5).read() == b"ok"
    finally:
        server.shutdown()
