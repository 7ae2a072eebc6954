#!/usr/bin/env python3
"""Cold starts of every function, measured against a hello-world floor.

  infra/dev.sh bench [--runs 20] [--no-arm64]

Each release binary is started like Lambda starts it, against a stand-in Runtime API
served by this script and against local AWS (infra/dev.sh up), `--runs` times:

  init            exec -> the function's first poll for an event (its cold start)
  first response  exec -> the response to that first event, which is a representative
                  request of the function (a verified JWT or page session, its reads
                  and writes against local AWS); a state-changing request that cannot
                  repeat answers its refusal after the first run
  RSS             peak resident memory once it answered (VmHWM)

and prints the medians, each as a multiple of the floor (`functions/examples/hello.rs`:
the smallest lambda_http function, same profile, same runtime), started between the
function's own runs so that both sides of a ratio see the machine alike. Sizes are of the
bootstrap zipped as Lambda takes it: the arm64 build (`cargo lambda build --release
--arm64`, as deployed) unless --no-arm64, and the native build that was timed.
"""
import argparse
import hashlib
import io
import json
import os
import re
import secrets
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
import uuid
import zipfile
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
import local  # noqa: E402  (infra/local.py: settings and AWS clients for local AWS)

TARGET = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
ENV = local.ENV
ROUTES = re.findall(r'^\s*\w+ "([\w-]+)" (\w+) "([^"]+)" (\w+) =>', (ROOT / "functions/src/routes.rs").read_text(), re.M)


# ----- the stand-in Runtime API -----

class Invocation:
    """One process's first event and what came of it."""

    def __init__(self, event):
        self.event = json.dumps(event).encode()
        self.polled = threading.Event()
        self.answered = threading.Event()
        self.polled_at = self.answered_at = None
        self.response = None
        self.error = None


class RuntimeApi(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def __init__(self):
        super().__init__(("127.0.0.1", 0), Handler)
        self.current = None
        self.stop = threading.Event()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *_):
        pass

    def handle(self):
        # A killed function drops its connection mid-request: nothing to report.
        try:
            super().handle()
        except (ConnectionResetError, BrokenPipeError):
            pass

    def do_GET(self):
        invocation = self.server.current
        if self.path.endswith("/runtime/invocation/next") and invocation and not invocation.polled.is_set():
            invocation.polled_at = time.perf_counter()
            invocation.polled.set()
            self.send_response(200)
            for name, value in [
                ("Lambda-Runtime-Aws-Request-Id", str(uuid.uuid4())),
                ("Lambda-Runtime-Deadline-Ms", str(int(time.time() * 1000) + 30_000)),
                ("Lambda-Runtime-Invoked-Function-Arn", "arn:aws:lambda:us-east-1:123456789012:function:bench"),
                ("Lambda-Runtime-Trace-Id", "Root=1-00000000-000000000000000000000000"),
                ("Content-Type", "application/json"),
                ("Content-Length", str(len(invocation.event))),
            ]:
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(invocation.event)
            return
        # The next poll after the first answer: hold it until the process is stopped.
        self.server.stop.wait(30)
        self.send_response(204)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_POST(self):
        length = int(self.headers.get("Content-Length", 0))
        body = self.rfile.read(length)
        invocation = self.server.current
        if invocation:
            if self.path.endswith("/response"):
                invocation.response = json.loads(body or b"null")
            else:
                invocation.error = body.decode(errors="replace")
            invocation.answered_at = time.perf_counter()
            invocation.answered.set()
        self.send_response(202)
        self.send_header("Content-Length", "0")
        self.end_headers()


def function_env(api, name):
    env = {key: value for key, value in os.environ.items() if key in ("PATH", "HOME")}
    env.update(ENV)
    env.update({
        "AWS_LAMBDA_RUNTIME_API": f"127.0.0.1:{api.server_address[1]}",
        "AWS_LAMBDA_FUNCTION_NAME": name,
        "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": "256",
        "AWS_LAMBDA_FUNCTION_VERSION": "$LATEST",
        "AWS_LAMBDA_LOG_GROUP_NAME": f"/aws/lambda/{name}",
        "AWS_LAMBDA_LOG_STREAM_NAME": "bench",
        "RUST_LOG": "warn",
    })
    return env


def start_once(_api, binary, event):
    """Starts `binary` for one event; returns (init s, first response s, RSS kB, response).

    Each start gets a Runtime API of its own, so a killed process's last poll can never
    take the next process's event."""
    api = RuntimeApi()
    threading.Thread(target=api.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True).start()
    try:
        return run_against(api, binary, event)
    finally:
        api.stop.set()
        api.shutdown()
        api.server_close()


def run_against(api, binary, event):
    invocation = Invocation(event)
    api.current = invocation
    started = time.perf_counter()
    process = subprocess.Popen([str(binary)], env=function_env(api, binary.name), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        if not invocation.answered.wait(30):
            raise RuntimeError(f"{binary.name} did not answer within 30 s")
        rss = peak_rss_kb(process.pid)
    finally:
        api.stop.set()
        process.send_signal(signal.SIGKILL)
        process.wait()
    if invocation.error:
        raise RuntimeError(f"{binary.name} failed: {invocation.error}")
    return invocation.polled_at - started, invocation.answered_at - started, rss, invocation.response


def peak_rss_kb(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


# ----- requests -----

# The host's role, as API Gateway's IAM authorizer names a SigV4-signed caller.
PUBLISHER = local.HOST_PRINCIPAL
# The settings of every workspace the bench provisions.
PROVISIONED = {"name": "Provisioned Agency", "plan": "team", "seats": 10}


def bearer(sub, email):
    return "Bearer " + local.signed_jwt(sub, email)


def latest_token(to):
    url = ENV["AWS_ENDPOINT_URL"] + "/_local/ses/messages?" + urllib.parse.urlencode({"to": to})
    for message in reversed(json.load(urllib.request.urlopen(url))):
        if to in message["to"]:
            link = re.search(r'href="([^"]+)"', message["body"]).group(1).replace("&#x2f;", "/").replace("&amp;", "&")
            return urllib.parse.parse_qs(urllib.parse.urlparse(link).query)["token"][0]
    raise RuntimeError(f"no email to {to}")


class Scene:
    """A workspace with an owner, clients, invitations, links and a page session, made
    through the functions themselves; then one request per function."""

    def __init__(self, api, bins):
        self.api, self.bins = api, bins
        tag = uuid.uuid4().hex[:8]
        self.ws = f"bench-{tag}"
        self.owner = (f"owner-{tag}", f"owner-{tag}@bench.example")
        local.seed_workspace(argparse.Namespace(id=self.ws, name="Bench Agency", plan="team", seats=500,
                                                owner_sub=self.owner[0], owner_email=self.owner[1],
                                                owner_name="Olga Owner", role="owner"))
        self.owner_auth = {"authorization": bearer(*self.owner)}
        self.client = self.accepted_client("client", tag)
        self.removable = self.accepted_client("leaving", tag)
        self.pending = self.invite(f"pending-{tag}@bench.example")
        self.revocable = self.invite(f"revocable-{tag}@bench.example")
        self.previewed_email = f"preview-{tag}@bench.example"
        self.previewed = self.invite(self.previewed_email)
        self.previewed_token = latest_token(self.previewed_email)
        self.accepting = (f"accepting-{tag}", f"accepting-{tag}@bench.example")
        self.invite(self.accepting[1])
        self.accepting_token = latest_token(self.accepting[1])
        self.call("update-invite-link", "PUT", "/workspaces/{workspace_id}/invite-link",
                  {"workspace_id": self.ws}, body={"enabled": True}, headers=self.owner_auth)
        self.session, self.csrf = self.page_session(self.client)
        self.owner_session, self.owner_csrf = self.page_session((self.owner, None))
        self.connection = self.connect(self.client[0])
        # Another platform: the local provider signs everyone in as one account per
        # platform, and an account belongs to one owner in a workspace.
        self.agency_connection = self.connect(self.owner, "tiktok")
        self.team = self.accepted_client("team", tag)
        self.leaving_person = self.invite(f"extra-{tag}@bench.example", self.team[1])

    def call(self, function, method, path, params=None, body=None, query=None, headers=None, event=None, iam=False):
        event = event or local.api_event(method, path, params, query, None if body is None else json.dumps(body), headers,
                                    iam_caller=PUBLISHER if iam else None)
        _, _, _, response = start_once(self.api, self.bins[function], event)
        if response.get("statusCode", 500) >= 500:
            raise RuntimeError(f"{function} failed during set-up: {response}")
        return response

    def provisioned(self, member=None):
        """A workspace the host provisions now (with `member`, an agency member too): its id."""
        ws = f"bench-{uuid.uuid4().hex[:8]}"
        self.call("provision-workspace", "PUT", "/internal/workspaces/{workspace_id}", {"workspace_id": ws},
                  body=PROVISIONED, iam=True)
        if member:
            self.call("provision-member", "PUT", "/internal/workspaces/{workspace_id}/members/{user_id}",
                      {"workspace_id": ws, "user_id": member}, body={"email": f"{member}@bench.example", "role": "member"},
                      iam=True)
        return ws

    def past_cooldown(self, invitation_id):
        """The invitation, its last email moved ten minutes back: a resend is measured
        doing its work, not refused by the resend cooldown."""
        local.client("dynamodb").update_item(
            TableName=ENV["TABLE_NAME"], Key={"pk": {"S": f"WS#{self.ws}"}, "sk": {"S": f"INVITE#{invitation_id}"}},
            UpdateExpression="SET sent_at = :then", ExpressionAttributeValues={":then": {"N": str(int(time.time()) - 600)}})
        return invitation_id

    def invite(self, email, client_id=None):
        """Invites `email` (to a new client, or as one more person of `client_id`): the invitation's id."""
        body = {"email": email, **({"client_id": client_id} if client_id else {})}
        return self.invitation(body)["id"]

    def invitation(self, body):
        made = self.call("create-invite", "POST", "/workspaces/{workspace_id}/invitations",
                         {"workspace_id": self.ws}, body=body, headers=self.owner_auth)
        return json.loads(made["body"])

    def accepted_client(self, label, tag):
        """A new client whose one person accepted: the person and the client's id."""
        person = (f"{label}-{tag}", f"{label}-{tag}@bench.example")
        client_id = self.invitation({"email": person[1]})["client_id"]
        self.call("accept-invite", "POST", "/invitations/accept", body={"token": latest_token(person[1])},
                  headers={"authorization": bearer(*person)})
        return person, client_id

    def connect(self, person, platform="youtube"):
        """A connection made by `person` (a client's person or the owner): its id."""
        connected = self.call("connect-callback", "GET", "/oauth/callback/{platform}",
                              event=self.consented_callback(person, platform))
        location = urllib.parse.urlparse(connected["headers"]["location"])
        return dict(urllib.parse.parse_qsl(location.query))["connection_id"]

    def join_token(self):
        """The invite link's current token (refresh-invite-link, measured earlier, kills
        the one before)."""
        link = self.call("get-invite-link", "GET", "/workspaces/{workspace_id}/invite-link",
                         {"workspace_id": self.ws}, headers=self.owner_auth)
        return urllib.parse.parse_qs(urllib.parse.urlparse(json.loads(link["body"])["url"]).query)["token"][0]

    def page_session(self, client):
        """A signed-in page session, written as the sign-in would write it."""
        (sub, email), _ = client
        token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
        expires = int(time.time()) + 3600
        local.client("dynamodb").put_item(TableName=ENV["TABLE_NAME"], Item={
            "pk": {"S": "SESSION#" + hashlib.sha256(token.encode()).hexdigest()}, "sk": {"S": "SECRET"},
            "user_id": {"S": sub}, "email": {"S": email}, "email_verified": {"BOOL": True},
            "csrf": {"S": csrf}, "expires_at": {"N": str(expires)}, "ttl": {"N": str(expires)},
        })
        return token, csrf

    def consented_callback(self, person=None, platform="youtube"):
        """A connect of `platform` started by `person` (the client's by default) and
        consented at the local provider: the callback's request."""
        sub, email = person or self.client[0]
        started = self.call("connect-start", "POST", "/workspaces/{workspace_id}/connections/{platform}/start",
                            {"workspace_id": self.ws, "platform": platform}, headers={"authorization": bearer(sub, email)})
        cookie = started["headers"].get("set-cookie") or started.get("cookies", [""])[0]
        back = urllib.parse.urlparse(local.consent(json.loads(started["body"])["authorize_url"]))
        query = dict(urllib.parse.parse_qsl(back.query))
        return local.api_event("GET", "/oauth/callback/{platform}", {"platform": platform}, query,
                          headers={"cookie": cookie.split(";")[0]})

    def request(self, function):
        """The event measured for `function`."""
        (sub, email), client_id = self.client
        client_auth = {"authorization": bearer(sub, email)}
        page = {"cookie": f"cc_session={self.session}", "content-type": "application/x-www-form-urlencoded"}
        agency_page = {**page, "cookie": f"cc_session={self.owner_session}"}
        on_ws = {"workspace": self.ws}
        form = lambda **fields: urllib.parse.urlencode(fields)  # noqa: E731
        ws = {"workspace_id": self.ws}
        events = {
            "create-invite": lambda: local.api_event("POST", "/workspaces/{workspace_id}/invitations", ws,
                                                body=json.dumps({"email": f"new-{uuid.uuid4().hex[:8]}@bench.example"}), headers=self.owner_auth),
            "list-invites": lambda: local.api_event("GET", "/workspaces/{workspace_id}/invitations", ws, headers=self.owner_auth),
            "resend-invite": lambda: local.api_event("POST", "/workspaces/{workspace_id}/invitations/{invitation_id}/resend",
                                                {**ws, "invitation_id": self.past_cooldown(self.pending)}, headers=self.owner_auth),
            "revoke-invite": lambda: local.api_event("POST", "/workspaces/{workspace_id}/invitations/{invitation_id}/revoke",
                                                {**ws, "invitation_id": self.revocable}, headers=self.owner_auth),
            "remove-client": lambda: local.api_event("DELETE", "/workspaces/{workspace_id}/clients/{client_id}",
                                                {**ws, "client_id": self.removable[1]}, headers=self.owner_auth),
            "create-client": lambda: local.api_event("POST", "/workspaces/{workspace_id}/clients", ws,
                                                body=json.dumps({"name": f"Brand {uuid.uuid4().hex[:8]}"}), headers=self.owner_auth),
            "list-clients": lambda: local.api_event("GET", "/workspaces/{workspace_id}/clients", ws, headers=self.owner_auth),
            "remove-person": lambda: local.api_event("DELETE", "/workspaces/{workspace_id}/clients/{client_id}/people/{person_id}",
                                                {**ws, "client_id": self.team[1], "person_id": self.leaving_person},
                                                headers=self.owner_auth),
            # A batch of one person nobody invited: the caller checked, the people read, the
            # item refused (200, as any batch the caller may send).
            "batch-people": lambda: local.api_event("POST", "/workspaces/{workspace_id}/people/batch", ws,
                                               body=json.dumps({"action": "revoke", "people": [str(uuid.uuid4())]}),
                                               headers=self.owner_auth),
            "assign-connection": lambda: local.api_event("POST", "/workspaces/{workspace_id}/connections/{connection_id}/assign",
                                                    {**ws, "connection_id": self.agency_connection},
                                                    body=json.dumps({"client_id": client_id}), headers=self.owner_auth),
            "put-assignment": lambda: local.api_event("PUT", "/workspaces/{workspace_id}/connections/{connection_id}/assignments/{client_id}",
                                                 {**ws, "connection_id": self.agency_connection, "client_id": client_id},
                                                 body=json.dumps({"client_approves_posts": True}), headers=self.owner_auth),
            # Taken away once, then answered 404 assignment-not-found: both read the same.
            "delete-assignment": lambda: local.api_event("DELETE", "/workspaces/{workspace_id}/connections/{connection_id}/assignments/{client_id}",
                                                    {**ws, "connection_id": self.agency_connection, "client_id": client_id},
                                                    headers=self.owner_auth),
            "preview-invite": lambda: local.api_event("POST", "/invitations/preview", body=json.dumps({"token": self.previewed_token})),
            "accept-invite": lambda: local.api_event("POST", "/invitations/accept", body=json.dumps({"token": self.accepting_token}),
                                                headers={"authorization": bearer(*self.accepting)}),
            "connect-start": lambda: local.api_event("POST", "/workspaces/{workspace_id}/connections/{platform}/start",
                                                {**ws, "platform": "youtube"}, headers=client_auth),
            "connect-callback": self.consented_callback,
            "list-connections": lambda: local.api_event("GET", "/workspaces/{workspace_id}/connections", ws, headers=client_auth),
            "disconnect": lambda: local.api_event("DELETE", "/workspaces/{workspace_id}/connections/{connection_id}",
                                             {**ws, "connection_id": str(uuid.uuid4())}, headers=self.owner_auth),
            "request-reconnect": lambda: local.api_event("POST", "/workspaces/{workspace_id}/connections/{connection_id}/reconnect-email",
                                                    {**ws, "connection_id": self.connection}, headers=self.owner_auth),
            "issue-access-token": lambda: local.api_event("POST", "/internal/workspaces/{workspace_id}/connections/{connection_id}/access-token",
                                                     {**ws, "connection_id": self.connection},
                                                     iam_caller=PUBLISHER),
            "update-client": lambda: local.api_event("PATCH", "/workspaces/{workspace_id}/clients/{client_id}",
                                                {**ws, "client_id": client_id}, headers=self.owner_auth,
                                                body=json.dumps({"permissions": {"connect_accounts": True, "view_analytics": True}})),
            "update-person-rights": lambda: local.api_event(
                "PUT", "/workspaces/{workspace_id}/clients/{client_id}/people/{person_id}/rights",
                {**ws, "client_id": client_id, "person_id": self.invite(f"narrowed-{uuid.uuid4().hex[:8]}@bench.example", client_id)},
                headers=self.owner_auth, body=json.dumps({"platforms": ["youtube"]})),
            "create-connect-link": lambda: local.api_event("POST", "/workspaces/{workspace_id}/clients/{client_id}/connect-link",
                                                      {**ws, "client_id": client_id}, headers=self.owner_auth),
            "revoke-connect-link": lambda: local.api_event("DELETE", "/workspaces/{workspace_id}/clients/{client_id}/connect-link",
                                                      {**ws, "client_id": client_id}, headers=self.owner_auth),
            "get-invite-link": lambda: local.api_event("GET", "/workspaces/{workspace_id}/invite-link", ws, headers=self.owner_auth),
            "update-invite-link": lambda: local.api_event("PUT", "/workspaces/{workspace_id}/invite-link", ws,
                                                     body=json.dumps({"enabled": True}), headers=self.owner_auth),
            "refresh-invite-link": lambda: local.api_event("POST", "/workspaces/{workspace_id}/invite-link/refresh", ws, headers=self.owner_auth),
            "auth-login": lambda: local.api_event("GET", "/auth/login", query={"next": "/connect"}),
            "auth-callback": lambda: local.api_event("GET", "/auth/callback", query={"code": "unknown", "state": "unknown"}),
            "invite-page": lambda: local.api_event("GET", "/invite", query={"token": self.previewed_token}, headers=page),
            "invite-accept-form": lambda: local.api_event("POST", "/invite/accept", body=form(token=self.previewed_token, csrf=self.csrf), headers=page),
            "connect-page": lambda: local.api_event("GET", "/connect", query={"workspace": self.ws}, headers=page),
            "connect-page-start": lambda: local.api_event("POST", "/connect/start", body=form(workspace=self.ws, platform="youtube", csrf=self.csrf), headers=page),
            "connect-page-disconnect": lambda: local.api_event("POST", "/connect/disconnect",
                                                          body=form(workspace=self.ws, connection=str(uuid.uuid4()), csrf=self.csrf), headers=page),
            # An unknown choice: the page that says the choice has expired (410).
            "choose-page": lambda: local.api_event("GET", "/connect/choose", query={"choice": secrets.token_urlsafe(32)}, headers=page),
            "choose-form": lambda: local.api_event("POST", "/connect/choose",
                                              body=form(choice=secrets.token_urlsafe(32), csrf=self.csrf, account="x"), headers=page),
            "join-page": lambda: local.api_event("GET", "/join", query={"token": self.join_token()}, headers=page),
            "join-form": lambda: local.api_event("POST", "/join", body=form(token=self.join_token(), csrf=self.csrf), headers=page),
            "list-audit": lambda: local.api_event("GET", "/workspaces/{workspace_id}/audit", ws, headers=self.owner_auth),
            "provision-workspace": lambda: local.api_event("PUT", "/internal/workspaces/{workspace_id}",
                                                      {"workspace_id": f"bench-{uuid.uuid4().hex[:8]}"},
                                                      body=json.dumps(PROVISIONED),
                                                      iam_caller=PUBLISHER),
            "delete-workspace": lambda: local.api_event("DELETE", "/internal/workspaces/{workspace_id}",
                                                   {"workspace_id": self.provisioned()}, iam_caller=PUBLISHER),
            "provision-member": lambda: local.api_event("PUT", "/internal/workspaces/{workspace_id}/members/{user_id}",
                                                   {**ws, "user_id": f"member-{uuid.uuid4().hex[:8]}"},
                                                   body=json.dumps({"email": f"m-{uuid.uuid4().hex[:8]}@bench.example", "role": "member"}),
                                                   iam_caller=PUBLISHER),
            "read-seats": lambda: local.api_event("GET", "/internal/workspaces/{workspace_id}/seats", ws,
                                             iam_caller=PUBLISHER),
            "read-person-rights": lambda: local.api_event("GET", "/internal/workspaces/{workspace_id}/people/{user_id}/rights",
                                                     {**ws, "user_id": sub}, iam_caller=PUBLISHER),
            "remove-member": lambda: (lambda member: local.api_event(
                "DELETE", "/internal/workspaces/{workspace_id}/members/{user_id}",
                {"workspace_id": self.provisioned(member), "user_id": member}, iam_caller=PUBLISHER))(f"member-{uuid.uuid4().hex[:8]}"),
            "agency-clients-page": lambda: local.api_event("GET", "/workspace/clients", query=on_ws, headers=agency_page),
            "agency-clients-form": lambda: local.api_event("POST", "/workspace/clients", headers=agency_page,
                                                      body=form(workspace=self.ws, csrf=self.owner_csrf, action="invite",
                                                                email=f"card-{uuid.uuid4().hex[:8]}@bench.example", name="Card Person",
                                                                platform="youtube")),
            "agency-invite-link-page": lambda: local.api_event("GET", "/workspace/invite-link", query=on_ws, headers=agency_page),
            "agency-invite-link-form": lambda: local.api_event("POST", "/workspace/invite-link", headers=agency_page,
                                                          body=form(workspace=self.ws, csrf=self.owner_csrf, action="refresh")),
            "agency-client-rights-page": lambda: local.api_event("GET", "/workspace/client-rights",
                                                            query={**on_ws, "client": client_id}, headers=agency_page),
            "agency-client-rights-form": lambda: local.api_event("POST", "/workspace/client-rights", headers=agency_page,
                                                            body=form(workspace=self.ws, csrf=self.owner_csrf, client=client_id,
                                                                      connect_accounts="on", platform="youtube")),
            "agency-brand-page": lambda: local.api_event("GET", "/workspace/brand", query=on_ws, headers=agency_page),
            "agency-brand-form": lambda: local.api_event("POST", "/workspace/brand", headers=agency_page,
                                                    body=form(workspace=self.ws, csrf=self.owner_csrf, display_name="Bench Studio",
                                                              accent_colour="#1d4ed8", language="en")),
            "agency-connections-page": lambda: local.api_event("GET", "/workspace/connections", query=on_ws, headers=agency_page),
            "agency-connections-form": lambda: local.api_event("POST", "/workspace/connections", headers=agency_page,
                                                          body=form(workspace=self.ws, csrf=self.owner_csrf, action="assign",
                                                                    connection=self.agency_connection, client=client_id)),
        }
        return events[function]()


# ----- sizes -----

def zipped_size(path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        info = zipfile.ZipInfo("bootstrap")
        info.external_attr = 0o755 << 16
        archive.writestr(info, path.read_bytes(), compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
    return len(buffer.getvalue())


def build(arm64):
    print("[bench] building the release binaries (native, for timing)", file=sys.stderr, flush=True)
    subprocess.run(["cargo", "build", "--release", "--locked", "-p", "clientconnect-functions", "--bins", "--example", "hello"],
                   cwd=ROOT, check=True)
    if arm64:
        print("[bench] building the arm64 release binaries with cargo lambda (as deployed)", file=sys.stderr, flush=True)
        subprocess.run(["cargo", "lambda", "build", "--release", "--arm64", "--locked", "-p", "clientconnect-functions", "--bins"],
                       cwd=ROOT, check=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--no-arm64", action="store_true", help="skip the arm64 build; sizes are then native only")
    parser.add_argument("--no-build", action="store_true", help="measure the binaries already built")
    args = parser.parse_args()
    if not args.no_build:
        build(not args.no_arm64)
    release = TARGET / "release"
    bins = {function: release / function for function, *_ in ROUTES}
    api = None  # each start serves its own Runtime API

    hello = release / "examples" / "hello"
    scene = Scene(api, bins)
    # The floor is measured between the function's own runs, so a machine that speeds up
    # or slows down during the bench moves both sides of each ratio alike.
    floors, rows = [], []
    for function, *_ in ROUTES:
        runs, floor = [], []
        for _ in range(args.runs):
            floor.append(start_once(api, hello, local.api_event("GET", "/")))
            runs.append(start_once(api, bins[function], scene.request(function)))
        floors.extend(floor)
        statuses = sorted({run[3].get("statusCode") for run in runs})
        rows.append((function, statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs),
                     statistics.median(r[2] for r in runs), bins[function], statuses,
                     statistics.median(r[0] for r in floor), statistics.median(r[1] for r in floor)))
    floor_init = statistics.median(run[0] for run in floors)
    floor_first = statistics.median(run[1] for run in floors)
    floor_rss = statistics.median(run[2] for run in floors)
    rows.insert(0, ("hello (floor)", floor_init, floor_first, floor_rss, hello, None, floor_init, floor_first))

    arm = TARGET / "lambda"
    print(f"\nCold starts: median of {args.runs} runs, stand-in Runtime API, local AWS on loopback "
          f"({os.uname().machine}, {os.cpu_count()} cores)\n")
    print("| Function | Init ms | × floor | First response ms | × floor | RSS MB | arm64 zip MB | native zip MB | Statuses |")
    print("|---|---|---|---|---|---|---|---|---|")
    for name, init, first, rss, binary, statuses, own_floor_init, own_floor_first in rows:
        arm_zip = arm / name / "bootstrap"
        arm_size = f"{zipped_size(arm_zip) / 1e6:.2f}" if arm_zip.exists() and not args.no_arm64 else "–"
        print(f"| {name} | {init * 1000:.2f} | {init / own_floor_init:.2f} | {first * 1000:.2f} | {first / own_floor_first:.2f} | "
              f"{rss / 1024:.1f} | {arm_size} | {zipped_size(binary) / 1e6:.2f} | {statuses or '–'} |")


if __name__ == "__main__":
    main()
