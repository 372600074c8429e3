#!/usr/bin/env python3
"""Load for deploy/faults.sh through HAProxy: pages (GET) and signed Stripe webhooks (POST), every answer recorded.

Usage: load.py <base-url> <webhook-file> <seconds> <out.json> [--webhooks-only]
The webhook file has one "<Stripe-Signature>\t<body>" per line (bench/webhook_events.py). Page workers loop over a
mix of public pages; webhook workers send each event once. Every request is logged with its time, kind and outcome
(HTTP status, or the network error), so the script can count errors, find the longest outage and list the events
that were acknowledged (200) — each of those must be in the database afterwards.
"""
import http.client
import json
import sys
import threading
import time
import urllib.parse

base, webhook_file, seconds, out = sys.argv[1], sys.argv[2], float(sys.argv[3]), sys.argv[4]
url = urllib.parse.urlsplit(base)
PAGES = ["/", "/login", "/signup", "/forgot-password"]
deadline = time.time() + seconds
lock = threading.Lock()
log = []


def record(kind, outcome, event_id=None):
    with lock:
        log.append({"t": time.time(), "kind": kind, "outcome": outcome, "event": event_id})


def connection():
    return http.client.HTTPConnection(url.hostname, url.port, timeout=10)


def request(conn, method, path, body=None, headers=None):
    try:
        conn.request(method, path, body=body, headers=headers or {})
        answer = conn.getresponse()
        answer.read()
        return answer.status, conn
    except Exception as e:  # a reset or refused connection is an outcome, not a crash of the load
        conn.close()
        return type(e).__name__, connection()


def pages(worker):
    conn, n = connection(), worker
    while time.time() < deadline:
        status, conn = request(conn, "GET", PAGES[n % len(PAGES)])
        record("page", status)
        n += 1


def webhooks(lines):
    conn = connection()
    for line in lines:
        if time.time() >= deadline:
            break
        signature, body = line.rstrip("\n").split("\t", 1)
        event_id = json.loads(body)["id"]
        status, conn = request(conn, "POST", "/webhooks/stripe", body.encode(),
                               {"Stripe-Signature": signature, "Content-Type": "application/json"})
        record("webhook", status, event_id)
        time.sleep(0.02)


events = open(webhook_file).readlines()
page_workers = 0 if "--webhooks-only" in sys.argv[5:] else 3
threads = [threading.Thread(target=pages, args=(w,)) for w in range(page_workers)]
threads += [threading.Thread(target=webhooks, args=(events[w::2],)) for w in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
json.dump(log, open(out, "w"))
