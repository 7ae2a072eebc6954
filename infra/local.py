#!/usr/bin/env python3
"""Local AWS (moto) bootstrap and helpers for the README's session.

  bootstrap        create the table (TTL on) and the upkeep queue, verify the SES sender,
                   seed the secrets
  seed-workspace   put a workspace and its owner into the table
  token            mint a local bearer JWT, signed with the dev key the local JWKS serves
  mail             print the emails the local SES has sent (newest last)
  upkeep           one minute of the upkeep, as on AWS: the dispatcher's run, then the
                   worker handed every message it queued (through cargo lambda watch)

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
import urllib.request
from pathlib import Path
import urllib.parse
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


def invoke(function, event):
    """Invokes a function through cargo lambda watch's Lambda API (infra/dev.sh serve)."""
    port = os.environ.get("WATCH_PORT", "9000")
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/2015-03-31/functions/{function}/invocations",
        data=json.dumps(event).encode(), method="POST", headers={"content-type": "application/json"})
    with urllib.request.urlopen(request, timeout=900) as response:
        return json.load(response)


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
    dynamodb = client("dynamodb")
    pk = f"WS#{args.id}"
    dynamodb.put_item(TableName=ENV["TABLE_NAME"], Item={
        "pk": {"S": pk}, "sk": {"S": "META"},
        "workspace_id": {"S": args.id}, "name": {"S": args.name},
        "plan": {"S": args.plan}, "seats": {"N": str(args.seats)}, "seat_version": {"N": "0"},
    })
    owner = {
        "pk": {"S": pk}, "sk": {"S": f"MEMBER#{args.owner_sub}"},
        "workspace_id": {"S": args.id}, "user_id": {"S": args.owner_sub},
        "email": {"S": args.owner_email.strip().lower()}, "role": {"S": args.role},
        "status": {"S": "active"}, "counts_as_seat": {"BOOL": True},
    }
    if args.owner_name:
        owner["name"] = {"S": args.owner_name}
    dynamodb.put_item(TableName=ENV["TABLE_NAME"], Item=owner)
    print(f"workspace {args.id} ({args.plan}, {args.seats} seats) with {args.role} {args.owner_sub}")


def token(args):
    import jwt

    now = int(time.time())
    claims = {
        "iss": ENV["JWT_ISSUER"], "aud": ENV["JWT_AUDIENCE"], "sub": args.sub,
        "email": args.email, "email_verified": not args.unverified,
        "iat": now, "exp": now + 60 * args.minutes,
    }
    if args.name:
        claims["name"] = args.name
    key = (HERE / "local-issuer" / "dev-signing-key.pem").read_text()
    print(jwt.encode(claims, key, algorithm="RS256", headers={"kid": "local-dev-1"}))


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
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("bootstrap").set_defaults(run=bootstrap)
    seed = commands.add_parser("seed-workspace")
    seed.add_argument("--id", required=True)
    seed.add_argument("--name", required=True)
    seed.add_argument("--plan", default="team", choices=["free", "solo", "team"])
    seed.add_argument("--seats", type=int, default=5)
    seed.add_argument("--owner-sub", required=True)
    seed.add_argument("--owner-email", required=True)
    seed.add_argument("--owner-name")
    seed.add_argument("--role", default="owner", choices=["owner", "admin", "member"])
    seed.set_defaults(run=seed_workspace)
    tok = commands.add_parser("token")
    tok.add_argument("--sub", required=True)
    tok.add_argument("--email", required=True)
    tok.add_argument("--name")
    tok.add_argument("--minutes", type=int, default=60)
    tok.add_argument("--unverified", action="store_true", help="email_verified=false")
    tok.set_defaults(run=token)
    read = commands.add_parser("mail")
    read.add_argument("--to")
    read.set_defaults(run=mail)
    commands.add_parser("upkeep").set_defaults(run=upkeep)
    args = parser.parse_args()
    try:
        args.run(args)
    except Exception as error:  # say what is missing instead of a traceback
        sys.exit(f"{args.command} failed: {error}\n(is the local AWS server running? infra/dev.sh up)")


if __name__ == "__main__":
    main()
