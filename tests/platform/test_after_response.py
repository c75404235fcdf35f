"""After-response callbacks run once, after the body, even when the client resets the connection."""

from __future__ import annotations

import socket
import struct
import threading
import time

from flask import Flask
from werkzeug.serving import make_server

from diklat.common.after_response import AfterResponse, call_after_response


def _app(ran: list) -> Flask:
    app = Flask(__name__)
    app.wsgi_app = AfterResponse(app.wsgi_app)  # type: ignore[method-assign]

    @app.post("/work")
    def work():
        call_after_response(lambda: ran.append("first"))
        call_after_response(lambda: 1 / 0)  # a failing callback does not stop the next one
        call_after_response(lambda: ran.append("second"))
        return "ok"

    @app.get("/empty")
    def empty():
        call_after_response(lambda: ran.append("empty"))
        return "", 204

    @app.get("/plain")
    def plain():
        return "plain"

    return app


def _reset_after_response(port: int) -> bytes:
    """Post, read the response, then close with RST at once (what Chromium does after many form posts)."""
    sock = socket.create_connection(("127.0.0.1", port))
    sock.sendall(b"POST /work HTTP/1.1\r\nHost: t\r\nContent-Length: 2\r\n\r\nab")
    answer = sock.recv(4096)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()
    return answer


def test_callbacks_run_even_when_the_client_resets_the_connection():
    ran: list = []
    server = make_server("127.0.0.1", 0, _app(ran), threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        rounds = 30
        for _ in range(rounds):
            assert _reset_after_response(server.server_port).startswith(b"HTTP/1.1 200")
        deadline = time.monotonic() + 5
        while len(ran) < 2 * rounds and time.monotonic() < deadline:
            time.sleep(0.05)
        assert ran.count("first") == rounds and ran.count("second") == rounds
    finally:
        server.shutdown()


def test_each_callback_runs_once_after_the_body():
    ran: list = []
    client = _app(ran).test_client()
    response = client.post("/work")
    assert response.get_data(as_text=True) == "ok"
    response.close()
    assert ran == ["first", "second"]


def test_an_empty_body_runs_its_callbacks_at_close():
    ran: list = []
    response = _app(ran).test_client().get("/empty")
    response.close()
    assert response.status_code == 204 and ran == ["empty"]


def test_a_body_without_callbacks_passes_through_untouched():
    app = _app([])
    environ_body = app.wsgi_app(
        {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": "/plain",
            "SERVER_NAME": "t",
            "SERVER_PORT": "80",
            "wsgi.url_scheme": "http",
        },
        lambda *a: None,
    )
    assert type(environ_body).__name__ != "_Body"
    assert b"".join(environ_body) == b"plain"
