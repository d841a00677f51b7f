#!/usr/bin/env python3
"""A complete receiver of Inlet's webhooks, standard library only. Copy it and make it yours.

    WEBHOOK_SECRET=s3cret python3 webhook_receiver.py 9000
    bin/inlet --webhook-secret s3cret \
        --auth-webhook http://127.0.0.1:9000/auth --event-webhook http://127.0.0.1:9000/events

- Every request's X-Inlet-Signature is checked against the raw body (401 when it does not match).
- /auth answers the auth webhook from KEYS: a known key is allowed under its stream name, any other
  refused with a reason the publisher sees.
- /events logs each stream event once: a retried request (same id and seq) is answered 200 and
  ignored, since Inlet delivers at least once.
"""
import hashlib
import hmac
import json
import os
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from threading import Lock

SECRET = os.environ.get("WEBHOOK_SECRET", "").encode()

# Stream key -> stream name. In a real backend: your accounts database.
KEYS = {
    "k-7f3a9c2e1b": "cam1",
    "k-0d4e8b6a5f": "cam2",
}

# (stream id, seq) of the events already handled. In a real backend: a unique index in your database.
seen = set()
seen_lock = Lock()


def signed_by_inlet(body: bytes, header: str) -> bool:
    if not SECRET:
        return True  # Inlet runs without --webhook-secret
    expected = "sha256=" + hmac.new(SECRET, body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, header or "")


def decide(request: dict) -> dict:
    name = KEYS.get(request.get("key"))
    if name is None:
        return {"allow": False, "reason": "Unknown stream key."}
    return {"allow": True, "name": name}


def handle_event(event: dict) -> None:
    with seen_lock:
        first_time = (event["id"], event["seq"]) not in seen
        seen.add((event["id"], event["seq"]))
    if first_time:
        print(f"{event['at']} stream {event['name']} #{event['seq']} {event['type']}"
              f" (ingest {event.get('ingestNode')})", flush=True)


class Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        if not signed_by_inlet(body, self.headers.get("X-Inlet-Signature")):
            return self.answer(401, {"error": "bad signature"})
        request = json.loads(body)
        if self.path == "/auth":
            return self.answer(200, decide(request))
        if self.path == "/events":
            handle_event(request)
            return self.answer(200, {})
        self.answer(404, {"error": "unknown path"})

    def answer(self, status: int, body: dict) -> None:
        raw = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(raw)))
        self.end_headers()
        self.wfile.write(raw)

    def log_message(self, *args):
        pass  # the auth request carries the stream key: keep it out of access logs


if __name__ == "__main__":
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 9000
    ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()
