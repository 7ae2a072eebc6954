#!/usr/bin/env python3
"""Local AWS (moto) bootstrap and helpers for the README's session: the commands below
(`<command> --help` says more of each).

The ones that run a function no browser reaches (access-token, upkeep or refresh,
publish) need `infra/dev.sh serve` running: they invoke it through cargo lambda watch's
Lambda API (on WATCH_PORT, 9000 unless set) with the event AWS would hand it.

Idempotent: running bootstrap twice changes nothing the second time. Settings come from
infra/local.env, overridable by the environment.
"""
import argparse
import base64
import html
import json
import os
import re
import secrets
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path
from urllib.parse import parse_qs, urlparse

HERE = Path(__file__).resolve().parent


def settings():
    values = {}
    for line in (HERE / "local.env").read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            name, _, value = line.partition("=")
            values[name] = value
    values.update({k: v for k, v in os.environ.items() if k in values})
    return values


ENV = settings()


def client(service):
    import boto3

    return boto3.client(
        service,
        endpoint_url=ENV["AWS_ENDPOINT_URL"],
        region_name=ENV["AWS_REGION"],
        aws_access_key_id=ENV["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=ENV["AWS_SECRET_ACCESS_KEY"],
    )


def say(message):
    print(f"[bootstrap] {message}")


def table_shape():
    """The table's keys and indexes (infra/table.json: one definition for every user)."""
    return json.loads((HERE / "table.json").read_text())


def ensure_table(dynamodb, table):
    """Creates `table` as infra/table.json describes it, or adds the indexes it lacks."""
    shape = table_shape()
    if table in dynamodb.list_tables()["TableNames"]:
        say(f"table {table} already exists")
        present = {index["IndexName"] for index in dynamodb.describe_table(TableName=table)["Table"].get("GlobalSecondaryIndexes", [])}
        for index in shape["GlobalSecondaryIndexes"]:
            if index["IndexName"] not in present:
                dynamodb.update_table(TableName=table, AttributeDefinitions=shape["AttributeDefinitions"],
                                      GlobalSecondaryIndexUpdates=[{"Create": index}])
                say(f"created GSI {index['IndexName']}")
    else:
        dynamodb.create_table(
            TableName=table,
            BillingMode="PAY_PER_REQUEST",
            AttributeDefinitions=shape["AttributeDefinitions"],
            KeySchema=shape["KeySchema"],
            GlobalSecondaryIndexes=shape["GlobalSecondaryIndexes"],
        )
        say(f"created table {table} with GSIs {', '.join(i['IndexName'] for i in shape['GlobalSecondaryIndexes'])}")
    ttl = dynamodb.describe_time_to_live(TableName=table)["TimeToLiveDescription"]
    attribute = shape["TimeToLiveAttribute"]
    if ttl.get("TimeToLiveStatus") == "ENABLED" and ttl.get("AttributeName") == attribute:
        say(f"TTL already enabled on attribute {attribute}")
    else:
        dynamodb.update_time_to_live(
            TableName=table,
            TimeToLiveSpecification={"Enabled": True, "AttributeName": attribute},
        )
        say(f"enabled TTL on attribute {attribute}")


def queue_name(url):
    return url.rstrip("/").rsplit("/", 1)[1]


def ensure_upkeep_queue(sqs):
    """The upkeep queue of infra/local.env, with a dead-letter queue as in template.yaml
    (local AWS has no event source mapping: `upkeep` hands its messages to the worker)."""
    name = queue_name(ENV["UPKEEP_QUEUE_URL"])
    dead = sqs.create_queue(QueueName=name + "-dead")["QueueUrl"]
    dead_arn = sqs.get_queue_attributes(QueueUrl=dead, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    sqs.create_queue(QueueName=name, Attributes={
        "VisibilityTimeout": "360",
        "RedrivePolicy": json.dumps({"deadLetterTargetArn": dead_arn, "maxReceiveCount": "5"}),
    })
    say(f"upkeep queue {name} (dead letters: {name}-dead)")


def invoke(function, event, port=None):
    """Invokes a function through cargo lambda watch's Lambda API (infra/dev.sh serve);
    its first invocation compiles it."""
    port = port or os.environ.get("WATCH_PORT", "9000")
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/2015-03-31/functions/{function}/invocations",
        data=json.dumps(event).encode(), method="POST", headers={"content-type": "application/json"})
    with urllib.request.urlopen(request, timeout=900) as response:
        return json.load(response)


# The host's principal as API Gateway's IAM authorizer names a SigV4-signed caller: the
# one every local call of an IAM route uses (provisioning, the token service).
HOST_PRINCIPAL = os.environ.get("LOCAL_HOST_PRINCIPAL", "arn:aws:sts::123456789012:assumed-role/clientconnect-host/local")


def api_event(method, path, params=None, query=None, body=None, headers=None, iam_caller=None):
    """The event API Gateway (HTTP API, payload 2.0) hands a function for a request to the
    route `method path` ({name} for each of `params`); with `iam_caller`, the IAM
    authorizer's context of a SigV4-signed caller."""
    params = params or {}
    raw_path = path
    for name, value in params.items():
        raw_path = raw_path.replace("{" + name + "}", urllib.parse.quote(value, safe=""))
    query = query or {}
    headers = {"content-type": "application/json", **(headers or {})}
    return {
        "version": "2.0",
        "routeKey": f"{method} {path}",
        "rawPath": raw_path,
        "rawQueryString": urllib.parse.urlencode(query),
        "headers": headers,
        "queryStringParameters": query or None,
        "pathParameters": params or None,
        "requestContext": {
            "accountId": "123456789012", "apiId": "local", "domainName": "127.0.0.1", "domainPrefix": "local",
            "http": {"method": method, "path": raw_path, "protocol": "HTTP/1.1", "sourceIp": "127.0.0.1", "userAgent": "local"},
            "requestId": str(uuid.uuid4()), "routeKey": f"{method} {path}", "stage": "$default",
            "time": time.strftime("%d/%b/%Y:%H:%M:%S +0000", time.gmtime()), "timeEpoch": int(time.time() * 1000),
            **({"authorizer": {"iam": {"accountId": "123456789012", "userArn": iam_caller}}} if iam_caller else {}),
        },
        "body": body,
        "isBase64Encoded": False,
    }


def invoke_route(function, method, path, params, body=None, port=None, principal=HOST_PRINCIPAL):
    """An IAM route's function, invoked as API Gateway would after signing was checked:
    (status, parsed JSON body)."""
    reply = invoke(function, api_event(method, path, params, body=body, iam_caller=principal), port)
    return reply.get("statusCode", 500), json.loads(reply.get("body") or "null")


def access_token(args):
    """The token service for one connection, as the host's publishing service calls it."""
    body = None if args.min_validity is None else json.dumps({"min_validity_seconds": args.min_validity})
    status, reply = invoke_route("issue-access-token", "POST",
                                 "/internal/workspaces/{workspace_id}/connections/{connection_id}/access-token",
                                 {"workspace_id": args.workspace_id, "connection_id": args.connection_id}, body,
                                 principal=args.principal)
    print(json.dumps(reply))
    if status >= 400:
        sys.exit(1)


def publish(_args):
    """The outbox's publisher, as the table's stream or its schedule starts it."""
    print(json.dumps({"publish-events": invoke("publish-events", {})}))


def consent(authorize_url, **answer):
    """Consents at the local OAuth provider as the consent page's Allow would (the
    answer's fields: account_id, account_name, manages, moderates, decision): where the
    provider sends the browser back to."""
    fields = [(name, value) for name, values in answer.items()
              for value in (values if isinstance(values, list) else [values])]

    class Stay(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *_args, **_kwargs):
            return None

    request = urllib.request.Request(authorize_url, data=urllib.parse.urlencode(fields).encode(), method="POST")
    try:
        urllib.request.build_opener(Stay).open(request, timeout=60)
    except urllib.error.HTTPError as redirect:
        if redirect.code == 302:
            return redirect.headers["location"]
        raise RuntimeError(f"the local provider answered {redirect.code}: {redirect.read().decode()}") from None
    raise RuntimeError("the local provider did not redirect")


def upkeep(_args):
    """The dispatcher's run, then every message it queued handed to the worker in batches
    of ten as SQS events; the messages the worker did not report failed are deleted."""
    sqs = client("sqs")
    url = ENV["UPKEEP_QUEUE_URL"]
    print(json.dumps({"dispatch-upkeep": invoke("dispatch-upkeep", {})}))
    totals = {}
    while True:
        messages = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, VisibilityTimeout=360).get("Messages", [])
        if not messages:
            break
        event = {"Records": [{
            "messageId": m["MessageId"], "receiptHandle": m["ReceiptHandle"], "body": m["Body"],
            "attributes": {}, "messageAttributes": {}, "md5OfBody": m.get("MD5OfBody"),
            "eventSource": "aws:sqs", "eventSourceARN": "arn:aws:sqs:us-east-1:123456789012:" + queue_name(url),
            "awsRegion": ENV["AWS_REGION"],
        } for m in messages]}
        answer = invoke("upkeep-worker", event)
        failed = {failure["itemIdentifier"] for failure in answer.get("batchItemFailures", [])}
        for name, count in answer.get("report", {}).items():
            totals[name] = totals.get(name, 0) + count
        for message in messages:
            if message["MessageId"] not in failed:
                sqs.delete_message(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"])
    print(json.dumps({"upkeep-worker": totals}))


def bootstrap(_args):
    ensure_table(client("dynamodb"), ENV["TABLE_NAME"])

    sender = re.sub(r".*<(.+)>.*", r"\1", ENV["SENDER_EMAIL"])
    ses = client("sesv2")
    known = [i["IdentityName"] for i in ses.list_email_identities()["EmailIdentities"]]
    if sender in known:
        say(f"SES sender {sender} already verified")
    else:
        ses.create_email_identity(EmailIdentity=sender)
        say(f"verified SES sender {sender}")

    ensure_upkeep_queue(client("sqs"))

    sm = client("secretsmanager")
    wanted = {
        # Read by the OAuth connect functions: AES-256-GCM key for platform tokens.
        "clientconnect/token-encryption-key": base64.b64encode(secrets.token_bytes(32)).decode(),
        # Client ids and secrets of the platform apps; locally the local OAuth provider.
        "clientconnect/platform-credentials": json.dumps(
            {p: {"client_id": f"local-{p}", "client_secret": f"local-{p}-secret"}
             for p in ["youtube", "tiktok", "instagram", "facebook", "linkedin", "x"]}
        ),
    }
    existing = {s["Name"] for s in sm.list_secrets().get("SecretList", [])}
    for name, value in wanted.items():
        if name in existing:
            say(f"secret {name} already exists")
        else:
            sm.create_secret(Name=name, SecretString=value)
            say(f"created secret {name}")
    say("local AWS is ready")


def seed_workspace(args):
    """A workspace and its owner, through the provisioning use cases themselves
    (`operator seed-workspace`): what the provisioning API refuses (a name with a control
    character, an invalid email or id, a client's role) is refused here too, and nothing
    is written. OPERATOR_BIN names a built `operator`; else cargo runs it."""
    import subprocess

    command = [os.environ["OPERATOR_BIN"]] if os.environ.get("OPERATOR_BIN") else [
        "cargo", "run", "--quiet", "--locked", "-p", "clientconnect-operator", "--"]
    command += ["seed-workspace", "--id", args.id, "--name", args.name, "--plan", args.plan,
                "--seats", str(args.seats), "--owner-sub", args.owner_sub,
                "--owner-email", args.owner_email, "--role", args.role]
    if args.owner_name:
        command += ["--owner-name", args.owner_name]
    seeded = subprocess.run(command, cwd=HERE.parent, env={**os.environ, **ENV, "RUST_LOG": "warn"},
                            capture_output=True, text=True)
    if seeded.returncode != 0:
        said = [line for line in seeded.stderr.splitlines() if line.startswith("operator:")]
        raise SystemExit("seed-workspace refused: " + ("\n".join(said) or seeded.stderr.strip()))
    print(seeded.stdout.strip())


def signed_jwt(sub, email, name=None, minutes=60, verified=True):
    """A bearer JWT as the identity provider would issue it, signed with the dev key whose
    JWKS the local issuer serves."""
    import jwt

    now = int(time.time())
    claims = {
        "iss": ENV["JWT_ISSUER"], "aud": ENV["JWT_AUDIENCE"], "sub": sub,
        "email": email, "email_verified": verified,
        "iat": now, "exp": now + 60 * minutes,
    }
    if name:
        claims["name"] = name
    key = (HERE / "local-issuer" / "dev-signing-key.pem").read_text()
    return jwt.encode(claims, key, algorithm="RS256", headers={"kid": "local-dev-1"})


def token(args):
    print(signed_jwt(args.sub, args.email, args.name, args.minutes, not args.unverified))


def mail(args):
    url = ENV["AWS_ENDPOINT_URL"].rstrip("/") + "/_local/ses/messages"
    if args.to:
        url += "?" + urllib.parse.urlencode({"to": args.to})
    for message in json.load(urllib.request.urlopen(url)):
        to = message["to"]
        links = [html.unescape(link) for link in re.findall(r'href="([^"]+)"', message.get("body", ""))]
        tokens = [parse_qs(urlparse(link).query).get("token", [""])[0] for link in links]
        print(json.dumps({"to": to, "subject": message.get("subject"), "link": links[0] if links else None,
                          "token": tokens[0] if tokens else None}))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    commands.add_parser("bootstrap", help="create the table (TTL on) and the upkeep queue, verify the SES sender, "
                        "seed the secrets").set_defaults(run=bootstrap)
    seed = commands.add_parser("seed-workspace", help="put a workspace and its owner into the table")
    seed.add_argument("--id", required=True)
    seed.add_argument("--name", required=True)
    seed.add_argument("--plan", default="team", choices=["free", "solo", "team"])
    seed.add_argument("--seats", type=int, default=5)
    seed.add_argument("--owner-sub", required=True)
    seed.add_argument("--owner-email", required=True)
    seed.add_argument("--owner-name")
    seed.add_argument("--role", default="owner", choices=["owner", "admin", "member"])
    seed.set_defaults(run=seed_workspace)
    tok = commands.add_parser("token", help="print a local bearer JWT, signed with the dev key the local JWKS serves")
    tok.add_argument("--sub", required=True)
    tok.add_argument("--email", required=True)
    tok.add_argument("--name")
    tok.add_argument("--minutes", type=int, default=60)
    tok.add_argument("--unverified", action="store_true", help="email_verified=false")
    tok.set_defaults(run=token)
    read = commands.add_parser("mail", help="print the emails local SES sent, one JSON line each with its link and token")
    read.add_argument("--to", help="only those to this address")
    read.set_defaults(run=mail)
    issue = commands.add_parser("access-token", help="the token service's answer for a connection, as the host's publisher gets it",
                                description=access_token.__doc__ + " Prints its JSON answer; exits 1 on a refusal.")
    issue.add_argument("workspace_id")
    issue.add_argument("connection_id")
    issue.add_argument("--min-validity", type=int, metavar="S",
                       help="seconds the token must stay valid (0 to 86400; the service's default: 120)")
    issue.add_argument("--principal", default=HOST_PRINCIPAL,
                       help="the IAM principal the authorizer names (default: %(default)s)")
    issue.set_defaults(run=access_token)
    commands.add_parser("upkeep", aliases=["refresh"], help="one minute of the upkeep (the refresher): the dispatcher, then the worker",
                        description=upkeep.__doc__).set_defaults(run=upkeep)
    commands.add_parser("publish", help="the outbox's publisher, once: waiting events to local EventBridge",
                        description=publish.__doc__).set_defaults(run=publish)
    args = parser.parse_args()
    try:
        args.run(args)
    except Exception as error:  # say what is missing instead of a traceback
        needs = "infra/dev.sh serve" if args.run in (access_token, upkeep, publish) else "infra/dev.sh up"
        sys.exit(f"{args.command} failed: {error}\n(is the local stack running? {needs})")


if __name__ == "__main__":
    main()
