#!/usr/bin/env python3
"""Provision workspaces and their agency members, as the host product does.

Against a deployed stack (the standard AWS credential chain: environment, profile,
SSO, instance role), every call is a SigV4-signed request to the stack's IAM-authorised
provisioning routes, so the caller needs the execute-api:Invoke statement the stack's
`ProvisioningInvokeArn` output names:

  infra/admin.py --stack clientconnect workspace put ws-1 --name "Acme" --plan team --seats 5
  infra/admin.py --stack clientconnect member put ws-1 <sub> --email a@acme.example --role owner
  infra/admin.py --stack clientconnect member remove ws-1 <sub>
  infra/admin.py --stack clientconnect workspace delete ws-1
  infra/admin.py --stack clientconnect workspace seats ws-1

(`workspace seats` is a GET, which needs the statement of the `SeatsInvokeArn` output.)

Locally (`--local`, against `infra/dev.sh serve`), the same calls go to the functions
through cargo lambda watch's invoke endpoint, as API Gateway's IAM authorizer would pass
them on (there is no IAM locally). Prints each reply as JSON; exits 1 on a refusal.
"""
import argparse
import json
import sys
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import boto3
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest

sys.path.insert(0, str(Path(__file__).resolve().parent))
import local  # noqa: E402  (infra/local.py: the local invocation of an IAM route)


def stack_url(stack):
    outputs = boto3.client("cloudformation").describe_stacks(StackName=stack)["Stacks"][0]["Outputs"]
    return next(o["OutputValue"] for o in outputs if o["OutputKey"] == "ProvisioningUrl")


def signed(method, url, body):
    session = boto3.Session()
    request = AWSRequest(method=method, url=url, data=body, headers={"content-type": "application/json"})
    SigV4Auth(session.get_credentials(), "execute-api", session.region_name or "us-east-1").add_auth(request)
    prepared = urllib.request.Request(url, data=body.encode() if body else None, method=method,
                                      headers=dict(request.headers))
    try:
        with urllib.request.urlopen(prepared, timeout=120) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, json.load(error)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    target = parser.add_mutually_exclusive_group(required=True)
    target.add_argument("--stack", help="a deployed stack's name (its ProvisioningUrl output)")
    target.add_argument("--url", help="the provisioning URL itself (…/internal/workspaces)")
    target.add_argument("--local", action="store_true", help="infra/dev.sh serve on 127.0.0.1")
    parser.add_argument("--port", type=int, default=9000, help="cargo lambda watch's port (--local)")
    kinds = parser.add_subparsers(dest="kind", required=True)
    workspace = kinds.add_parser("workspace").add_subparsers(dest="action", required=True)
    put = workspace.add_parser("put")
    put.add_argument("workspace_id")
    put.add_argument("--name", required=True)
    put.add_argument("--plan", required=True, choices=["free", "solo", "team"])
    put.add_argument("--seats", required=True, type=int)
    put.add_argument("--logo-url")
    put.add_argument("--clients-may-disconnect", choices=["true", "false"], default="true")
    put.add_argument("--reminders", choices=["true", "false"], default="true",
                     help="remind people who have not accepted an invitation (default true)")
    workspace.add_parser("delete").add_argument("workspace_id")
    workspace.add_parser("seats", help="seats in use, by kind, and the limit").add_argument("workspace_id")
    member = kinds.add_parser("member").add_subparsers(dest="action", required=True)
    mput = member.add_parser("put")
    mput.add_argument("workspace_id")
    mput.add_argument("user_id", help="the identity provider's sub")
    mput.add_argument("--email", required=True)
    mput.add_argument("--name")
    mput.add_argument("--role", required=True, choices=["owner", "admin", "member"])
    mremove = member.add_parser("remove")
    mremove.add_argument("workspace_id")
    mremove.add_argument("user_id")
    args = parser.parse_args()

    params = {"workspace_id": args.workspace_id}
    route = "/internal/workspaces/{workspace_id}"
    body = None
    if args.kind == "workspace" and args.action == "put":
        function, method = "provision-workspace", "PUT"
        settings = {"name": args.name, "plan": args.plan, "seats": args.seats,
                    "clients_may_disconnect": args.clients_may_disconnect == "true",
                    "reminders": args.reminders == "true"}
        if args.logo_url:
            settings["logo_url"] = args.logo_url
        body = json.dumps(settings)
    elif args.kind == "workspace" and args.action == "seats":
        function, method = "read-seats", "GET"
        route += "/seats"
    elif args.kind == "workspace":
        function, method = "delete-workspace", "DELETE"
    else:
        params["user_id"] = args.user_id
        route += "/members/{user_id}"
        if args.action == "put":
            function, method = "provision-member", "PUT"
            fields = {"email": args.email, "role": args.role}
            if args.name:
                fields["name"] = args.name
            body = json.dumps(fields)
        else:
            function, method = "remove-member", "DELETE"

    if args.local:
        status, reply = local.invoke_route(function, method, route, params, body, args.port)
    else:
        base = args.url or stack_url(args.stack)
        path = route.removeprefix("/internal/workspaces")
        for name, value in params.items():
            path = path.replace("{" + name + "}", urllib.parse.quote(value, safe=""))
        status, reply = signed(method, base.rstrip("/") + path, body)
    print(json.dumps(reply, indent=2))
    sys.exit(0 if status < 400 else 1)


if __name__ == "__main__":
    main()
