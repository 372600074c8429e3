#!/usr/bin/env python3
"""Signed Stripe webhook deliveries for bench/webhooks.sh, one per line: "<Stripe-Signature>\t<body>".

Every body is a copy of Stripe's published objects (src/test/resources/stripe/fixtures-2026-07-29.dahlia.json, the
API version stripe-java in the pom pins) with only ids, amounts, references and timestamps changed, the way the tests
build theirs (StripeFixtures). The signature is Stripe's: t=<unix seconds>,v1=hex(HMAC-SHA256(secret, t + "." + body)),
made at generation time, so a file must be sent within the webhook tolerance (5 minutes).

Usage:
  webhook_events.py checkout <customers> <secret> <out>           one checkout.session.completed per workspace
  webhook_events.py invoice-paid <customers> <count> <secret> <out> [run-tag]
  webhook_events.py customer-updated <customers> <count> <secret> <out> [run-tag]   acknowledged, nothing to apply
"""
import copy
import hashlib
import hmac
import json
import os
import sys
import time
import uuid

FIXTURES = os.path.join(os.path.dirname(__file__), "..", "src", "test", "resources", "stripe",
                        "fixtures-2026-07-29.dahlia.json")
API_VERSION = "2026-07-29.dahlia"
RESOURCES = json.load(open(FIXTURES))["resources"]


def md5_uuid(text):
    """PostgreSQL's md5(text)::uuid, as webhooks-seed.sql derives the workspaces' ids."""
    return str(uuid.UUID(hashlib.md5(text.encode()).hexdigest()))


def customer(c):
    return "cus_whbench%06d" % c


def event(event_id, type_, obj, created):
    e = copy.deepcopy(RESOURCES["event"])
    e.update(id=event_id, type=type_, api_version=API_VERSION, created=created, pending_webhooks=1)
    e["data"] = {"object": obj, "previous_attributes": {}}
    return e


def checkout_session(c, now):
    s = copy.deepcopy(RESOURCES["checkout.session"])
    tenant = md5_uuid("wh-tenant-%d" % c)
    s.update(id="cs_test_whbench%06d" % c, mode="subscription", status="complete", payment_status="paid",
             client_reference_id=tenant, customer=customer(c), subscription="sub_whbench%06d" % c,
             metadata={"tenant_id": tenant}, livemode=False, created=now)
    return s


def customer_object(c, now):
    """A customer as customer.updated delivers it: a type billing acknowledges without applying anything."""
    o = copy.deepcopy(RESOURCES["customer"])
    o.update(id=customer(c), created=now, livemode=False, metadata={"tenant_id": md5_uuid("wh-tenant-%d" % c)})
    return o


def invoice_payment(invoice_id, payment_intent, amount, now):
    p = copy.deepcopy(RESOURCES["invoice_payment"])
    p.update(id="inpay_" + invoice_id[3:], invoice=invoice_id, amount_requested=amount, amount_paid=amount,
             currency="usd", livemode=False, created=now, status="paid")
    p["payment"].update(type="payment_intent", payment_intent=payment_intent)
    p["status_transitions"]["paid_at"] = now
    return p


def paid_invoice(invoice_id, c, amount, now):
    """An invoice as invoice.paid delivers it, with payments expanded (as with expand[]=payments): see bench/README."""
    i = copy.deepcopy(RESOURCES["invoice"])
    i.update(id=invoice_id, customer=customer(c), status="paid", currency="usd", amount_due=amount,
             amount_paid=amount, amount_remaining=0, amount_overpaid=0, subtotal=amount, subtotal_excluding_tax=amount,
             total=amount, total_excluding_tax=amount, total_taxes=[],
             hosted_invoice_url="https://invoice.stripe.com/i/acct_test/" + invoice_id, period_start=now - 86400,
             period_end=now, created=now, effective_at=now, livemode=False)
    i["status_transitions"]["paid_at"] = now
    i["parent"] = {"quote_details": None, "type": "subscription_details",
                   "subscription_details": {"subscription": "sub_whbench%06d" % c, "metadata": {}}}
    line = i["lines"]["data"][0]
    line.update(invoice=invoice_id, amount=amount, subtotal=amount)
    i["lines"]["url"] = "/v1/invoices/%s/lines" % invoice_id
    i["payments"] = {"object": "list", "has_more": False, "url": "/v1/invoice_payments",
                     "data": [invoice_payment(invoice_id, "pi_" + invoice_id[3:], amount, now)]}
    return i


def signed(body, secret, t):
    v1 = hmac.new(secret.encode(), ("%d.%s" % (t, body)).encode(), hashlib.sha256).hexdigest()
    return "t=%d,v1=%s" % (t, v1)


def write(out, secret, events):
    t = int(time.time())
    with open(out, "w") as f:
        for e in events:
            body = json.dumps(e, separators=(",", ":"))
            f.write(signed(body, secret, t) + "\t" + body + "\n")


def main(argv):
    now = int(time.time()) - 60
    if argv[1] == "checkout":
        customers, secret, out = int(argv[2]), argv[3], argv[4]
        write(out, secret, (event("evt_whbench_co%06d" % c, "checkout.session.completed", checkout_session(c, now), now)
                            for c in range(customers)))
    elif argv[1] == "invoice-paid":
        customers, count, secret, out = int(argv[2]), int(argv[3]), argv[4], argv[5]
        tag = argv[6] if len(argv) > 6 else "%x" % int(time.time())
        write(out, secret, (event("evt_whbench_%s_%07d" % (tag, n), "invoice.paid",
                                  paid_invoice("in_whbench_%s_%07d" % (tag, n), n % customers, 9900, now), now)
                            for n in range(count)))
    elif argv[1] == "customer-updated":
        customers, count, secret, out = int(argv[2]), int(argv[3]), argv[4], argv[5]
        tag = argv[6] if len(argv) > 6 else "%x" % int(time.time())
        write(out, secret, (event("evt_whbench_%s_%07d" % (tag, n), "customer.updated",
                                  customer_object(n % customers, now), now)
                            for n in range(count)))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
