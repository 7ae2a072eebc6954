#!/usr/bin/env python3
"""Smoke test of the served API: every route answers through `cargo lambda watch`.

Runs against what `infra/dev.sh serve` starts (local AWS, issuer, watch on
127.0.0.1:9000). Every route of the route table (functions/src/routes.rs) is called
without credentials first: a Bearer route must answer 401, an IAM route 403, and a
public route or page what PUBLIC and PAGES below say (a route missing there stops the
smoke test with the line to add). Each route's first request compiles that function, so
this also warms them. Then one invitation goes through create → email → preview → accept
→ list over real HTTP, and connects YouTube through the local provider's consent page.

Then it runs the README's local session ("A local session, copy-paste") as written, in
bash with every curl failing on an HTTP error, in a workspace of its own (its ids get a
unique suffix) and on these ports, and checks what it printed and left; and that the
README's table of the provider's test controls is the provider's own list. Exits non-zero
with the failing step named.
"""
import argparse
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
sys.path.insert(0, str(HERE))
import local  # noqa: E402  (infra/local.py: settings, consent at the local provider)

BASE = "http://127.0.0.1:9000"  # cargo lambda watch (the port argument)
PROVIDER = local.ENV["OAUTH_PROVIDER_BASE_URL"].rstrip("/")
LOCAL = [sys.executable, str(HERE / "local.py")]
README = HERE.parent / "README.md"
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
    "agency-client-rights-page": ("", 303),
    "agency-client-rights-form": ("", 422),
    "agency-brand-page": ("", 303),
    "agency-brand-form": ("", 422),
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


def local_command(*args):
    return subprocess.run(LOCAL + list(args), check=True, capture_output=True, text=True).stdout.strip()


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
    local_command("seed-workspace", "--id", workspace, "--name", "Smoke Agency",
          "--owner-sub", owner, "--owner-email", f"{owner}@example.com")
    owner_jwt = local_command("token", "--sub", owner, "--email", f"{owner}@example.com")
    client_jwt = local_command("token", "--sub", client, "--email", client_email)

    created = expect("create", call("POST", f"/workspaces/{workspace}/invitations",
                                    {"email": client_email}, owner_jwt), 201)
    mail = json.loads(local_command("mail", "--to", client_email).splitlines()[-1])
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
    with urllib.request.urlopen(started["authorize_url"], timeout=60) as consent_page:
        page = consent_page.read().decode()
    if "<h1>Allow the app to use your YouTube account?</h1>" not in page or 'value="allow"' not in page:
        sys.exit(f"smoke: the provider's consent page is {page[:500]}")
    callback = local.consent(started["authorize_url"], decision="allow")
    if not callback.startswith(BASE + "/oauth/callback/youtube"):
        sys.exit(f"smoke: the provider's consent sent the browser to {callback}")
    print("smoke: consent page: Allow")
    status, landing = fetch_without_following(callback, cookie)
    if status != 303 or "result=connected" not in landing:
        sys.exit(f"smoke: the callback answered {status} {landing}")
    print("smoke: connect callback: 303 to", urllib.parse.urlsplit(landing).path, "with result=connected")
    listed = expect("list connections", call("GET", f"/workspaces/{workspace}/connections", None, client_jwt), 200)
    if len(listed["items"]) != 1 or listed["items"][0]["platform"] != "youtube":
        sys.exit(f"smoke: the client's connections are {listed}")
    # The worker handed a task for the connection just made: nothing is due yet for it.
    # (The README's session below runs the dispatcher and the worker, and the publisher.)
    connection = listed["items"][0]["id"]
    task = json.dumps({"task": "connection", "workspace_id": workspace, "connection_id": connection})
    answer = local.invoke("upkeep-worker", {"Records": [{
        "messageId": "smoke-1", "receiptHandle": "smoke", "body": task, "attributes": {}, "messageAttributes": {},
        "eventSource": "aws:sqs", "eventSourceARN": "arn:aws:sqs:us-east-1:123456789012:smoke", "awsRegion": "us-east-1"}]})
    if answer.get("batchItemFailures") != [] or answer.get("report", {}).get("unchanged") != 1:
        sys.exit(f"smoke: the upkeep worker answered {answer}")
    print("smoke: upkeep worker: a task for a connection with nothing due changes nothing")
    # The admin command provisions a workspace and its owner, who can then use the API.
    provisioned = "admin-" + uuid.uuid4().hex[:12]
    admin = [sys.executable, str(HERE / "admin.py"), "--local", "--port", os.environ["WATCH_PORT"]]
    for command in (["workspace", "put", provisioned, "--name", "Provisioned Agency", "--plan", "team", "--seats", "3"],
                    ["member", "put", provisioned, "boss-" + provisioned, "--email", f"boss-{provisioned}@example.com",
                     "--role", "owner"]):
        done = subprocess.run(admin + command, capture_output=True, text=True, timeout=900)
        if done.returncode != 0:
            sys.exit(f"smoke: admin {' '.join(command)} failed: {done.stdout} {done.stderr}")
    boss_jwt = local_command("token", "--sub", "boss-" + provisioned, "--email", f"boss-{provisioned}@example.com")
    expect("the provisioned owner lists invitations", call("GET", f"/workspaces/{provisioned}/invitations", None, boss_jwt), 200)
    print("smoke: admin command provisioned a workspace and its owner")
    try:
        readme_session()
        provider_controls_documented()
    finally:
        # Whatever the session left set (a shortened lifetime, an injected failure) would
        # meet the browser tests next.
        provider("POST", "/_local/reset")
    print("smoke: every route answered; an invitation and a connection went through over HTTP; "
          "the README's local session ran as written")


def readme_section(title):
    """The text of the README's `## <title>` section."""
    text = README.read_text()
    start = text.index(f"## {title}\n")
    end = text.find("\n## ", start + 1)
    return text[start:end if end >= 0 else None]


def provider(method, path):
    request = urllib.request.Request(PROVIDER + path, data=b"" if method == "POST" else None, method=method)
    with urllib.request.urlopen(request, timeout=60) as response:
        return response.read().decode()


def readme_session():
    """The README's local session, as written, but in a workspace of its own and on this
    run's ports: each command runs once; a curl that gets an HTTP error, or any other
    command that fails, stops it."""
    block = re.search(r"```sh\n(.*?)```", readme_section("A local session, copy-paste"), re.S)[1]
    suffix = uuid.uuid4().hex[:8]
    script = re.sub(r"\bacme\b", f"acme-{suffix}", block)
    script = script.replace("client@brand.test", f"client-{suffix}@brand.test").replace("/tmp/cc-", f"/tmp/cc-{suffix}-")
    script = script.replace("http://127.0.0.1:9000", BASE).replace("http://127.0.0.1:9200", PROVIDER)
    preamble = "set -euo pipefail\ncurl() { command curl --fail-with-body --max-time 600 \"$@\"; }\n"
    ran = subprocess.run(["bash", "-c", preamble + script], cwd=HERE.parent, capture_output=True, text=True,
                         timeout=1800)
    printed = ran.stdout
    if ran.returncode != 0:
        sys.exit(f"smoke: the README's local session stopped (exit {ran.returncode}):\n{printed}\n{ran.stderr}")
    expected = {
        "the callback lands on the connect page": "result=connected",
        "the token service answers with a token": '"access_token"',
        "the code exchange and one renewal reached YouTube": '"token_calls":2',
        "three injected 503s wait": '"waiting":3',
        "the revoked grant needs a reconnect": "connection-needs-reconnect",
        "the upkeep ran the dispatcher and the worker": '"upkeep-worker"',
        "the publisher ran": '"publish-events"',
        "the controls were reset": '"reset":true',
        "a connect link for the choice page": '"url"',
    }
    missing = [what for what, marker in expected.items() if marker not in printed.replace(" ", "")]
    if missing:
        sys.exit(f"smoke: the README's local session did not show {missing}:\n{printed}\n{ran.stderr}")
    tokens = re.findall(r'"access_token":\s*"([^"]+)"', printed)
    if len(tokens) != 2 or tokens[0] != tokens[1]:
        sys.exit(f"smoke: with YouTube down, the token service should serve the token it has: {tokens}")
    published = json.loads(next(line for line in printed.splitlines() if line.startswith('{"publish-events"')))
    if not published["publish-events"].get("published") or published["publish-events"].get("failed"):
        sys.exit(f"smoke: the publisher answered {published}")
    print(f"smoke: the README's local session ran as written ({len(block.splitlines())} lines): token service, "
          "provider faults, upkeep, publisher, connect link")


def provider_controls_documented():
    """The README's table of the provider's controls names exactly the provider's own."""
    documented = set(re.findall(r"^\| `(GET|POST) (/_local/[\w-]+)`", readme_section("The local OAuth provider"), re.M))
    index = provider("GET", "/")
    served = set(re.findall(r"<td>(GET|POST)</td><td><code>(/_local/[\w-]+)", index))
    if documented != served:
        sys.exit(f"smoke: the README's provider controls {sorted(documented - served)} are not served, "
                 f"{sorted(served - documented)} are not in the README")
    print(f"smoke: the provider's page at / lists the {len(served)} controls the README documents")


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("port", nargs="?", type=int, default=9000,
                        help="the port cargo lambda watch serves the functions on (default: %(default)s)")
    return parser.parse_args()


if __name__ == "__main__":
    BASE = f"http://127.0.0.1:{parse_args().port}"
    os.environ["WATCH_PORT"] = BASE.rsplit(":", 1)[1]
    main()
