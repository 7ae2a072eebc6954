#!/usr/bin/env python3
"""Local AWS: moto's server, answering one request at a time, with all-or-nothing
DynamoDB transactions.

moto applies a TransactWriteItems item by item on a deep copy of the whole table and
puts the copy back when a condition fails, with no lock: on its threaded server two
concurrent transactions can both pass their conditions, and a failed one can undo
another's committed write. Real DynamoDB serialises conflicting transactions, which is
what our conditional writes rely on (20 concurrent accepts make one membership). So
this wrapper
  - keeps moto's threaded server (connections are accepted in parallel) but runs its
    application under one lock, reading each response whole inside it;
  - replaces moto's TransactWriteItems with one that checks every condition first and
    then applies all items or none, copying only the items it touches (copying the
    whole table per transaction made a busy test run queue for seconds);
  - serves the emails SES accepted at `GET /_local/ses/messages[?to=<address>]`, so the
    tests read one mailbox without moto dumping every item of every table
    (`/moto-api/data.json`) while every other request waits.

  python infra/local_aws.py [-H 127.0.0.1] [-p 5000]
"""
import argparse
import copy
import json
import threading

from moto.dynamodb.comparisons import get_filter_expression
from moto.dynamodb.exceptions import (
    ConditionalCheckFailed,
    MultipleTransactionsException,
    TooManyTransactionsException,
    TransactionCanceledException,
    TransactWriteSingleOpException,
)
from moto.dynamodb.models import DynamoDBBackend

from moto.moto_server.werkzeug_app import (
    DomainDispatcherApplication,
    MotoRequestHandler,
    create_backend_app,
)
from werkzeug.serving import run_simple


def sent_messages(environ, start_response):
    """The emails SES accepted, oldest first, optionally only those to one address."""
    from urllib.parse import parse_qs

    from moto.ses.models import ses_backends

    wanted = parse_qs(environ.get("QUERY_STRING", "")).get("to", [None])[0]
    messages = []
    for account in ses_backends.values():
        for backend in account.values():
            for message in getattr(backend, "sent_messages", []):
                to = getattr(message, "destinations", {}).get("ToAddresses", [])
                if wanted is None or wanted.lower() in (address.lower() for address in to):
                    messages.append({
                        "to": to,
                        "source": getattr(message, "source", ""),
                        "subject": getattr(message, "subject", ""),
                        "body": getattr(message, "body", ""),
                    })
    body = json.dumps(messages).encode()
    start_response("200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
    return [body]


class OneAtATime:
    """WSGI middleware: the wrapped application serves one request at a time."""

    def __init__(self, app):
        self.app = app
        self.lock = threading.Lock()

    def __call__(self, environ, start_response):
        with self.lock:
            if environ.get("PATH_INFO") == "/_local/ses/messages":
                return sent_messages(environ, start_response)
            result = self.app(environ, start_response)
            try:
                return [b"".join(result)]
            finally:
                close = getattr(result, "close", None)
                if close:
                    close()


def transact_write_items(self, transact_items):
    """All conditions first, then every write or none (DynamoDB's semantics)."""
    if len(transact_items) > 100:
        raise TooManyTransactionsException()
    planned, errors, touched = [], [], set()
    for entry in transact_items:
        if len(entry) > 1:
            raise TransactWriteSingleOpException
        op_type, op = next(iter(entry.items()))
        if op_type not in {"ConditionCheck", "Put", "Delete", "Update"}:
            raise ValueError("Unsupported transaction operation")
        table_name = op["TableName"]
        table = self.get_table(table_name)
        if op_type == "Put":
            key = {table.hash_key_attr: op["Item"][table.hash_key_attr]}
            if table.range_key_attr is not None:
                key[table.range_key_attr] = op["Item"][table.range_key_attr]
        else:
            key = op["Key"]
        identity = (table_name, str(sorted(key.items())))
        if identity in touched:
            raise MultipleTransactionsException()
        touched.add(identity)
        current = self.get_item(table_name, key)
        condition = op.get("ConditionExpression")
        failed = None
        if condition is not None:
            check = get_filter_expression(condition, op.get("ExpressionAttributeNames"), op.get("ExpressionAttributeValues"))
            if not check.expr(current):
                old = None
                if op.get("ReturnValuesOnConditionCheckFailure") == "ALL_OLD" and current:
                    old = current.to_json()["Attributes"]
                failed = ("ConditionalCheckFailed", ConditionalCheckFailed(item=old).message, old)
        errors.append(failed or (None, None, None))
        planned.append((op_type, op, table_name, key, copy.deepcopy(current)))
    if any(code is not None for code, _, _ in errors):
        raise TransactionCanceledException(errors)
    applied = []
    try:
        for op_type, op, table_name, key, before in planned:
            if op_type == "Put":
                self.put_item(table_name, op["Item"])
            elif op_type == "Delete":
                self.delete_item(table_name, key)
            elif op_type == "Update":
                self.update_item(
                    table_name,
                    key,
                    update_expression=op["UpdateExpression"],
                    expression_attribute_names=op.get("ExpressionAttributeNames"),
                    expression_attribute_values=op.get("ExpressionAttributeValues"),
                )
            applied.append((table_name, key, before))
    except Exception:
        # A write moto refused half way: put back what was already written.
        for table_name, key, before in reversed(applied):
            if before is None:
                self.delete_item(table_name, key)
            else:
                self.put_item(table_name, before.to_json()["Attributes"])
        raise


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-H", "--host", default="127.0.0.1", help="the address to listen on (default: %(default)s)")
    parser.add_argument("-p", "--port", type=int, default=5000, help="the port to listen on (default: %(default)s)")
    args = parser.parse_args()
    DynamoDBBackend.transact_write_items = transact_write_items
    app = DomainDispatcherApplication(create_backend_app)
    run_simple(args.host, args.port, OneAtATime(app), threaded=True, request_handler=MotoRequestHandler)


if __name__ == "__main__":
    main()
