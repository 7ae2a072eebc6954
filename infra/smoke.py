#!/usr/bin/env python3
"""Smoke test of the served API: every route answers through `cargo lambda watch`.

Runs against what `infra/dev.sh serve` starts (local AWS, issuer, watch on
127.0.0.1:9000). Every route of the route table (functions/src/routes.rs) is called
without credentials first: a Bearer route must answer 401, an IAM route 403, and a
public route or page what PUBLIC and PAGES below say (a route missing there stops the
smoke test with the line to add). Each route's first request compiles that function, so
this also warms them. Then one invitation goes through create → email → preview → accept
→ list over real HTTP. Exits non-zero with the failing step named.
"""
import http.client
import json
import os
import re
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

HERE = Path(__file__).resolve().parent
BASE = "http://127.0.0.1:" + (sys.argv[1] if len(sys.argv) > 1 else "9000")
LOCAL = [sys.executable, str(HERE / "local.py")]
# (function, method, path, access) of every route.
ROUTES = re.findall(r'^\s*\w+ "([\w-]+)" ([A-Z]+) "([^"]+)" (\w+) =>', (HERE.parent / "functions/src/routes.rs").read_text(), re.M)
# What a request without credentials gets, by the route's access.
REFUSED = {"Bearer": (401, "a token"), "Iam": (403, "IAM")}
# The public API answers from what it is sent: the body each route gets here and its
# status (None: the flows below drive it).
PUBLIC = {
    "preview-invite": ({"token": "x"}, 404),
    "connect-callback": None,
}
# The pages: the query each gets here (a POST sends an empty form) and its status.
PAGES = {
    "invite-page": ("?token=unknown", 404),
    "connect-page": ("", 303),
    "auth-login": ("?next=/connect", 303),
    "auth-callback": ("?code=x&state=y", 401),
    "invite-accept-form": ("", 422),
    "connect-page-start": ("", 422),
    "connect-page-disconnect": ("", 422),
    "choose-page": ("", 410),
    "choose-form": ("", 410),
    "join-page": ("?token=unknown", 410),
    "join-form": ("", 422),
    # The agency's pages send a stranger to the sign-in first; a button's empty form
    # (no workspace, no action) is refused as a malformed form before that.
    "agency-clients-page": ("", 303),
    "agency-clients-form": ("", 422),
    "agency-invite-link-page": ("", 303),
    "agency-invite-link-form": ("", 422),
    "agency-connections-page": ("", 303),
    "agency-connections-form": ("", 422),
}


def call(method, path, body=None, bearer=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(BASE + path, data=data, method=method)
    request.add_header("content-type", "application/json")
    if bearer:
        request.add_header("authorization", f"Bearer {bearer}")
    try:
        with urllib.request.urlopen(request, timeout=600) as response:
            return response.status, response.headers.get("content-type"), json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("content-type"), json.load(error)


def fetch_without_following(url, cookie=None):
    """GET like a browser would, but report the redirect instead of following it."""
    parsed = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=600)
    target = parsed.path + ("?" + parsed.query if parsed.query else "")
    connection.request("GET", target, headers={"cookie": cookie} if cookie else {})
    response = connection.getresponse()
    response.read()
    return response.status, response.getheader("location")


def page_status(method, path):
    parsed = urllib.parse.urlsplit(BASE + path)
    connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=600)
    target = parsed.path + ("?" + parsed.query if parsed.query else "")
    body = "" if method == "POST" else None
    headers = {"content-type": "application/x-www-form-urlencoded"} if method == "POST" else {}
    connection.request(method, target, body=body, headers=headers)
    response = connection.getresponse()
    response.read()
    return response.status


def expect(step, reply, status, content_type="application/json"):
    got_status, got_type, body = reply
    if got_status != status or got_type != content_type:
        sys.exit(f"smoke: {step}: expected {status} {content_type}, got {got_status} {got_type}: {body}")
    print(f"smoke: {step}: {status} ok")
    return body


def local(*args):
    return subprocess.run(LOCAL + list(args), check=True, capture_output=True, text=True).stdout.strip()


def invoke_function(function, event):
    """Invokes a function that serves no route through cargo lambda watch's Lambda API."""
    request = urllib.request.Request(f"{BASE}/2015-03-31/functions/{function}/invocations",
                                     data=json.dumps(event).encode(), method="POST",
                                     headers={"content-type": "application/json"})
    with urllib.request.urlopen(request, timeout=900) as response:
        return json.load(response)


def without_credentials():
    """(what, method, path, status, body or None for a page) for every route of the table."""
    some_id = str(uuid.uuid4())
    values = {"workspace_id": "ws", "platform": "youtube"}
    checks = []
    for function, method, template, access in ROUTES:
        path = re.sub(r"\{(\w+)\}", lambda param: values.get(param[1], some_id), template)
        if access in REFUSED:
            status, lacking = REFUSED[access]
            checks.append((f"{method} {path} without {lacking}", method, path, status, {}))
        elif access == "Public" and function in PUBLIC:
            if PUBLIC[function]:
                body, status = PUBLIC[function]
                checks.append((f"{method} {path} ({function})", method, path, status, body))
        elif access == "Page" and function in PAGES:
            query, status = PAGES[function]
            checks.append((f"page {method} {path}{query}", method, path + query, status, None))
        else:
            table, sent = ("PAGES", '""') if access == "Page" else ("PUBLIC", "{}")
            sys.exit(f"smoke: {function} ({method} {template}) is a {access} route this test does not know: add\n"
                     f'    "{function}": ({sent}, STATUS),\n'
                     f"to {table} in infra/smoke.py: what it is sent here, and the status it answers without a session")
    for function in sorted((set(PUBLIC) | set(PAGES)) - {function for function, *_ in ROUTES}):
        sys.exit(f"smoke: {function} is in PUBLIC or PAGES but not in the route table")
    return checks


def main():
    problem = "application/problem+json"
    # Every route, unauthenticated: each function compiles, starts and refuses, or
    # answers (the pages before the browser tests need them).
    for what, method, path, status, body in without_credentials():
        if body is not None:
            expect(what, call(method, path, body), status, problem)
            continue
        got = page_status(method, path)
        if got != status:
            sys.exit(f"smoke: {what}: expected {status}, got {got}")
        print(f"smoke: {what}: {status} ok")

    workspace = "smoke-" + uuid.uuid4().hex[:12]
    owner, client = "owner-" + workspace, "client-" + workspace
    client_email = f"{client}@example.com"
    local("seed-workspace", "--id", workspace, "--name", "Smoke Agency",
          "--owner-sub", owner, "--owner-email", f"{owner}@example.com")
    owner_jwt = local("token", "--sub", owner, "--email", f"{owner}@example.com")
    client_jwt = local("token", "--sub", client, "--email", client_email)

    created = expect("create", call("POST", f"/workspaces/{workspace}/invitations",
                                    {"email": client_email}, owner_jwt), 201)
    mail = json.loads(local("mail", "--to", client_email).splitlines()[-1])
    expect("preview", call("POST", "/invitations/preview", {"token": mail["token"]}), 200)
    expect("accept", call("POST", "/invitations/accept", {"token": mail["token"]}, client_jwt), 200)
    listed = expect("list", call("GET", f"/workspaces/{workspace}/invitations", None, owner_jwt), 200)
    status = listed["items"][0]["status"]
    if listed["items"][0]["id"] != created["id"] or status != "active":
        sys.exit(f"smoke: the accepted client is listed as {status}")

    # The client connects YouTube through the local OAuth provider, as a browser would.
    request = urllib.request.Request(BASE + f"/workspaces/{workspace}/connections/youtube/start", data=b"", method="POST")
    request.add_header("authorization", f"Bearer {client_jwt}")
    with urllib.request.urlopen(request, timeout=600) as response:
        started = json.load(response)
        cookie = response.headers.get("set-cookie").split(";")[0]
    print("smoke: connect start: 200 ok")
    status, callback = fetch_without_following(started["authorize_url"])
    if status != 302 or not callback.startswith(BASE + "/oauth/callback/youtube"):
        sys.exit(f"smoke: the provider answered {status} {callback}")
    status, landing = fetch_without_following(callback, cookie)
    if status != 303 or "result=connected" not in landing:
        sys.exit(f"smoke: the callback answered {status} {landing}")
    print("smoke: connect callback: 303 to", urllib.parse.urlsplit(landing).path, "with result=connected")
    listed = expect("list connections", call("GET", f"/workspaces/{workspace}/connections", None, client_jwt), 200)
    if len(listed["items"]) != 1 or listed["items"][0]["platform"] != "youtube":
        sys.exit(f"smoke: the client's connections are {listed}")
    # A minute of upkeep: the dispatcher as EventBridge Scheduler starts it, the worker as
    # the queue's event source mapping would (infra/local.py upkeep, as the README says).
    report = subprocess.run([sys.executable, str(HERE / "local.py"), "upkeep"], capture_output=True, text=True,
                            timeout=900, env={**os.environ, "WATCH_PORT": BASE.rsplit(":", 1)[1]})
    if report.returncode != 0 or '"sent_connections"' not in report.stdout or '"upkeep-worker"' not in report.stdout:
        sys.exit(f"smoke: the upkeep failed: {report.stdout} {report.stderr}")
    print("smoke: upkeep run:", " ".join(report.stdout.split()))
    # The worker handed a task for the connection just made: nothing is due yet for it.
    connection = listed["items"][0]["id"]
    task = json.dumps({"task": "connection", "workspace_id": workspace, "connection_id": connection})
    answer = invoke_function("upkeep-worker", {"Records": [{
        "messageId": "smoke-1", "receiptHandle": "smoke", "body": task, "attributes": {}, "messageAttributes": {},
        "eventSource": "aws:sqs", "eventSourceARN": "arn:aws:sqs:us-east-1:123456789012:smoke", "awsRegion": "us-east-1"}]})
    if answer.get("batchItemFailures") != [] or answer.get("report", {}).get("unchanged") != 1:
        sys.exit(f"smoke: the upkeep worker answered {answer}")
    print("smoke: upkeep worker: a task for a connection with nothing due changes nothing")
    # The outbox's publisher: the invitation, the client and the connection above wait
    # there; it publishes them to local AWS's default bus.
    report = subprocess.run(["cargo", "lambda", "invoke", "publish-events", "-A", "127.0.0.1", "-P", BASE.rsplit(":", 1)[1],
                             "--data-ascii", "{}"], capture_output=True, text=True, timeout=900)
    if report.returncode != 0 or '"published"' not in report.stdout or '"failed":0' not in report.stdout.replace(" ", ""):
        sys.exit(f"smoke: the publisher failed: {report.stdout} {report.stderr}")
    print("smoke: publisher run:", report.stdout.strip())
    # The admin command provisions a workspace and its owner, who can then use the API.
    provisioned = "admin-" + uuid.uuid4().hex[:12]
    admin = [sys.executable, str(HERE / "admin.py"), "--local", "--port", BASE.rsplit(":", 1)[1]]
    for command in (["workspace", "put", provisioned, "--name", "Provisioned Agency", "--plan", "team", "--seats", "3"],
                    ["member", "put", provisioned, "boss-" + provisioned, "--email", f"boss-{provisioned}@example.com",
                     "--role", "owner"]):
        done = subprocess.run(admin + command, capture_output=True, text=True, timeout=900)
        if done.returncode != 0:
            sys.exit(f"smoke: admin {' '.join(command)} failed: {done.stdout} {done.stderr}")
    boss_jwt = local("token", "--sub", "boss-" + provisioned, "--email", f"boss-{provisioned}@example.com")
    expect("the provisioned owner lists invitations", call("GET", f"/workspaces/{provisioned}/invitations", None, boss_jwt), 200)
    print("smoke: admin command provisioned a workspace and its owner")
    print("smoke: every route answered; an invitation and a connection went through over HTTP")


if __name__ == "__main__":
    main()
