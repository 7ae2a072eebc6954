#!/usr/bin/env python3
"""Local AWS (moto) bootstrap and helpers for the README's session.

  bootstrap        create the table (TTL on), verify the SES sender, seed the secrets
  seed-workspace   put a workspace and its owner into the table
  token            mint a local bearer JWT, signed with the dev key the local JWKS serves
  mail             print the emails the local SES has sent (newest last)

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


def bootstrap(_args):
    table = ENV["TABLE_NAME"]
    dynamodb = client("dynamodb")
    attributes = [{"AttributeName": name, "AttributeType": "S"} for name in ["pk", "sk", "gsi1pk", "gsi1sk"]]
    by_user = {
        # Every membership of one person (the code's only non-key query).
        "IndexName": "by-user",
        "KeySchema": [{"AttributeName": "gsi1pk", "KeyType": "HASH"}, {"AttributeName": "gsi1sk", "KeyType": "RANGE"}],
        "Projection": {"ProjectionType": "ALL"},
    }
    if table in dynamodb.list_tables()["TableNames"]:
        say(f"table {table} already exists")
        indexes = dynamodb.describe_table(TableName=table)["Table"].get("GlobalSecondaryIndexes", [])
        if any(index["IndexName"] == "by-user" for index in indexes):
            say("GSI by-user already exists")
        else:
            dynamodb.update_table(TableName=table, AttributeDefinitions=attributes,
                                  GlobalSecondaryIndexUpdates=[{"Create": by_user}])
            say("created GSI by-user")
    else:
        dynamodb.create_table(
            TableName=table,
            BillingMode="PAY_PER_REQUEST",
            AttributeDefinitions=attributes,
            KeySchema=[
                {"AttributeName": "pk", "KeyType": "HASH"},
                {"AttributeName": "sk", "KeyType": "RANGE"},
            ],
            GlobalSecondaryIndexes=[by_user],
        )
        say(f"created table {table} with GSI by-user")
    ttl = dynamodb.describe_time_to_live(TableName=table)["TimeToLiveDescription"]
    if ttl.get("TimeToLiveStatus") == "ENABLED" and ttl.get("AttributeName") == "ttl":
        say("TTL already enabled on attribute ttl")
    else:
        dynamodb.update_time_to_live(
            TableName=table,
            TimeToLiveSpecification={"Enabled": True, "AttributeName": "ttl"},
        )
        say("enabled TTL on attribute ttl")

    sender = re.sub(r".*<(.+)>.*", r"\1", ENV["SENDER_EMAIL"])
    ses = client("sesv2")
    known = [i["IdentityName"] for i in ses.list_email_identities()["EmailIdentities"]]
    if sender in known:
        say(f"SES sender {sender} already verified")
    else:
        ses.create_email_identity(EmailIdentity=sender)
        say(f"verified SES sender {sender}")

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
    url = ENV["AWS_ENDPOINT_URL"].rstrip("/") + "/moto-api/data.json"
    messages = json.load(urllib.request.urlopen(url))["ses"]["Message"]
    for message in messages:
        to = message.get("destinations", {}).get("ToAddresses", [])
        if args.to and args.to.lower() not in [t.lower() for t in to]:
            continue
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
    args = parser.parse_args()
    try:
        args.run(args)
    except Exception as error:  # say what is missing instead of a traceback
        sys.exit(f"{args.command} failed: {error}\n(is the local AWS server running? infra/dev.sh up)")


if __name__ == "__main__":
    main()
