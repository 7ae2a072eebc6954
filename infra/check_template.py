#!/usr/bin/env python3
"""Checks template.yaml against AWS's linters and against the code.

  1. cfn-lint: no errors (warnings are printed; each one left is explained in a
     comment next to it in the template).
  2. sam validate --lint, offline.
  3. The route table (functions/src/routes.rs) and the template agree: every function of
     the table is a template function named <PascalCase>Function, built by the Makefile,
     with exactly its route as an HttpApi event; every template function is in the table;
     the cargo lambda router in Cargo.toml serves the same routes.
  4. Every environment variable the code reads (shared/src/config.rs) is set for every
     function, except the local-only ones; no function sets a local-only one.
  5. Every AWS action a function's code was seen calling in the integration tests
     (OBSERVED_AWS_ACTIONS, recorded by tests/api/observed.rs) is granted by that
     function's own policy, on a named resource, never "*"; and nothing more is granted
     than the code was seen calling, except where listed in ALSO_GRANTED with a reason.

Exits non-zero with every problem listed. A function whose policy lacks what the tests
saw it call gets the policy to paste over its `Policies:` printed after the problems:
one statement per service, on the resources most functions grant those actions on (the
table and the indexes it queried for DynamoDB). With --fill, a function whose policy is
empty (`Policies: []`, as `cargo xtask new-endpoint` writes it) gets that policy written
into template.yaml before the checks run.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tomllib
from collections import Counter
from pathlib import Path

from cfnlint.decode import decode

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "template.yaml"
# Set only in local runs (infra/local.env): the local OAuth provider, and logos served
# over plain http from this machine.
LOCAL_ONLY = {"OAUTH_PROVIDER_BASE_URL", "LOOPBACK_LOGOS"}
# Read with a default the template may leave out.
DEFAULTED = {"RUST_LOG", "INVITATION_VALID_DAYS", "EXPIRED_RETENTION_DAYS", "GRAPH_API_VERSION",
             # Only the dispatcher sends to the upkeep queue; it sets both.
             "UPKEEP_QUEUE_URL", "UPKEEP_DISPATCH_PER_RUN",
             # Only the token service serves principals; unset elsewhere means nobody.
             "TOKEN_SERVICE_PRINCIPALS"}
# Granted though a test run may not see the call, and why.
ALSO_GRANTED = {
    # Secrets are fetched once per container: in a test run another function of the
    # same state may have fetched them first; every function that decrypts or calls a
    # platform needs them.
    "secretsmanager:GetSecretValue": "fetched once per container, then cached",
}

problems = []


def run(step, command):
    print(f"[template] {step}: {' '.join(command)}")
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    output = (result.stdout + result.stderr).strip()
    if output:
        print(output)
    return result.returncode


def lint():
    code = run("cfn-lint", ["cfn-lint", "--format", "parseable", str(TEMPLATE)])
    if code & 2:  # cfn-lint's exit code is a bit field: 2 means errors
        problems.append("cfn-lint reports errors")
    if run("sam validate --lint", ["sam", "validate", "--lint", "--template", str(TEMPLATE)]) != 0:
        problems.append("sam validate --lint fails")


ROUTE_ROW = re.compile(r'^\s*(\w+) "([\w-]+)" ([A-Z]+) "([^"]+)" (\w+) => ([\w:]+);\s*$', re.M)
JOB_ROW = re.compile(r'^\s*(\w+) "([\w-]+)" (Schedule|Outbox|Rule|Queue) "([^"]+)" => ([\w:]+);\s*$', re.M)


def route_table():
    """function -> (method, path, access), as functions/src/routes.rs lists them."""
    rows = ROUTE_ROW.findall((ROOT / "functions/src/routes.rs").read_text())
    if not rows:
        problems.append("no row of the route table could be read from functions/src/routes.rs")
    return {function: (method, path, access) for _, function, method, path, access, _ in rows}


def job_table():
    """function -> (trigger, argument), as the jobs! table of functions/src/routes.rs lists them."""
    rows = JOB_ROW.findall((ROOT / "functions/src/routes.rs").read_text())
    return {function: (trigger, argument) for _, function, trigger, argument, _ in rows}


def logical_id(function):
    return "".join(part.capitalize() for part in function.split("-")) + "Function"


def functions(template):
    """logical id -> resource, for every function of the template."""
    return {
        name: resource
        for name, resource in template["Resources"].items()
        if resource.get("Type") == "AWS::Serverless::Function"
    }


def function_names():
    """logical id -> function, for every function of the route and job tables."""
    return {logical_id(function): function for function in list(route_table()) + list(job_table())}


def check_routes(template, deployed):
    """The template's functions and HTTP events are the route table's, and so is the router."""
    table = route_table()
    jobs = job_table()
    by_id = function_names()
    for name in sorted(set(deployed) - set(by_id)):
        problems.append(f"template function {name} is not in the route table (functions/src/routes.rs)")
    for function, (trigger, argument) in sorted(jobs.items()):
        resource = deployed.get(logical_id(function))
        if resource is None:
            problems.append(f"job {function} has no template function {logical_id(function)}")
            continue
        events = list(resource.get("Properties", {}).get("Events", {}).values())
        schedules = [e for e in events if e.get("Type") == "ScheduleV2"]
        streams = [e for e in events if e.get("Type") == "DynamoDB"]
        if trigger == "Rule":
            rules = [e for e in events if e.get("Type") == "EventBridgeRule"]
            sources = rules[0]["Properties"].get("Pattern", {}).get("source") if len(rules) == 1 else None
            if len(events) != 1 or sources != [argument]:
                problems.append(f"{logical_id(function)} must start on one EventBridge rule for source {argument}")
            continue
        if trigger == "Queue":
            check_queue_job(template, logical_id(function), events, argument)
            continue
        if trigger == "Outbox":
            pattern = json.dumps(streams[0].get("Properties", {}).get("FilterCriteria", {})) if len(streams) == 1 else ""
            if len(events) != 2 or len(schedules) != 1 or "OUTBOX#" not in pattern:
                problems.append(f"{logical_id(function)} must start on the table's stream, filtered to outbox items, and on one ScheduleV2 event")
            elif schedules[0]["Properties"].get("ScheduleExpression") != argument:
                problems.append(f"{logical_id(function)} sweeps on {schedules[0]['Properties'].get('ScheduleExpression')}, the job table says {argument}")
            continue
        if trigger == "Schedule" and (len(events) != 1 or len(schedules) != 1):
            problems.append(f"{logical_id(function)} must have exactly one ScheduleV2 event (the table says {argument})")
        elif trigger == "Schedule":
            expression = schedules[0]["Properties"].get("ScheduleExpression")
            default = expression
            if isinstance(expression, dict) and "Ref" in expression:
                default = template.get("Parameters", {}).get(expression["Ref"], {}).get("Default")
            if default != argument:
                problems.append(f"{logical_id(function)} runs on {default}, the job table says {argument}")
    for name, function in sorted(by_id.items()):
        if function in jobs:
            continue
        resource = deployed.get(name)
        if resource is None:
            problems.append(f"route table function {function} has no template function {name}")
            continue
        if resource.get("Metadata", {}).get("BuildMethod") != "makefile":
            problems.append(f"{name} is not built by the Makefile (Metadata: BuildMethod: makefile)")
        events = resource.get("Properties", {}).get("Events", {}).values()
        http = [(e["Properties"].get("Method"), e["Properties"].get("Path")) for e in events if e.get("Type") == "HttpApi"]
        method, path, access = table[function]
        if http != [(method, path)]:
            problems.append(f"{name} answers {http}, the route table says {method} {path}")
        authorizers = [e["Properties"].get("Auth", {}).get("Authorizer") for e in events if e.get("Type") == "HttpApi"]
        if access == "Iam" and authorizers != ["AWS_IAM"]:
            problems.append(f"{name} is an IAM route: its HttpApi event needs Auth: Authorizer: AWS_IAM")
        if access != "Iam" and any(authorizers):
            problems.append(f"{name} is not an IAM route but its event sets an authorizer {authorizers}")
    router = tomllib.loads((ROOT / "Cargo.toml").read_text())["workspace"]["metadata"]["lambda"]["watch"]["router"]
    served = {(t["method"], path, t["function"]) for path, targets in router.items() for t in targets}
    listed = {(method, path, function) for function, (method, path, _) in table.items()}
    if served != listed:
        problems.append(f"Cargo.toml router and route table differ: {sorted(served ^ listed)}")
    return by_id


def check_queue_job(template, name, events, queue):
    """A queue's worker: one SQS event on that queue with partial batch failures and a
    maximum concurrency set by a parameter; the queue dead-letters what keeps failing, and
    an alarm watches the dead-letter queue."""
    resources = template["Resources"]
    queues = [e for e in events if e.get("Type") == "SQS"]
    props = queues[0].get("Properties", {}) if len(queues) == 1 else {}
    if len(events) != 1 or props.get("Queue") != {"Fn::GetAtt": [queue, "Arn"]}:
        problems.append(f"{name} must start on exactly one SQS event on {queue}")
        return
    if props.get("FunctionResponseTypes") != ["ReportBatchItemFailures"]:
        problems.append(f"{name}'s SQS event must report batch item failures")
    concurrency = props.get("ScalingConfig", {}).get("MaximumConcurrency")
    if not (isinstance(concurrency, dict) and concurrency.get("Ref") in template.get("Parameters", {})):
        problems.append(f"{name}'s maximum concurrency must be a template parameter")
    redrive = resources.get(queue, {}).get("Properties", {}).get("RedrivePolicy", {})
    target = redrive.get("deadLetterTargetArn", {}).get("Fn::GetAtt", [None])[0]
    if resources.get(target, {}).get("Type") != "AWS::SQS::Queue":
        problems.append(f"{queue} has no dead-letter queue")
        return
    watched = [
        alarm for alarm in resources.values()
        if alarm.get("Type") == "AWS::CloudWatch::Alarm"
        and alarm["Properties"].get("Namespace") == "AWS/SQS"
        and {"Name": "QueueName", "Value": {"Fn::GetAtt": [target, "QueueName"]}} in alarm["Properties"].get("Dimensions", [])
    ]
    if not watched:
        problems.append(f"no alarm watches {target}, {queue}'s dead-letter queue")


def check_table(template):
    """template.yaml's Table has the keys and indexes of infra/table.json."""
    shape = json.loads((ROOT / "infra/table.json").read_text())
    table = template["Resources"]["Table"]["Properties"]
    def indexes(items):
        return {i["IndexName"]: (sorted((k["AttributeName"], k["KeyType"]) for k in i["KeySchema"]), i["Projection"]["ProjectionType"]) for i in items}
    if indexes(table.get("GlobalSecondaryIndexes", [])) != indexes(shape["GlobalSecondaryIndexes"]):
        problems.append("template.yaml's Table indexes differ from infra/table.json")
    if sorted((a["AttributeName"], a["AttributeType"]) for a in table["AttributeDefinitions"]) != sorted(
            (a["AttributeName"], a["AttributeType"]) for a in shape["AttributeDefinitions"]):
        problems.append("template.yaml's Table attribute definitions differ from infra/table.json")
    if table.get("TimeToLiveSpecification", {}).get("AttributeName") != shape["TimeToLiveAttribute"]:
        problems.append("template.yaml's Table TTL attribute differs from infra/table.json")


def env_vars_read():
    source = (ROOT / "shared/src/config.rs").read_text()
    return set(re.findall(r'"([A-Z][A-Z0-9_]{2,})"', source)) | {"RUST_LOG"}


def check_environment(template, deployed):
    globals_env = template.get("Globals", {}).get("Function", {}).get("Environment", {}).get("Variables", {})
    read = env_vars_read()
    for name, resource in sorted(deployed.items()):
        binary = name
        own = resource.get("Properties", {}).get("Environment", {}).get("Variables", {})
        present = set(globals_env) | set(own)
        for var in sorted(read - present - LOCAL_ONLY - DEFAULTED):
            problems.append(f"{name} ({binary}) does not set {var}, which the code reads")
        for var in sorted(present & LOCAL_ONLY):
            problems.append(f"{name} ({binary}) sets the local-only {var}")


def granted(resource):
    actions = {}
    for policy in resource.get("Properties", {}).get("Policies", []):
        if not isinstance(policy, dict) or "Statement" not in policy:
            problems.append(f"a policy that is not an explicit statement: {policy}")
            continue
        for statement in policy["Statement"]:
            listed = statement.get("Action", [])
            listed = [listed] if isinstance(listed, str) else listed
            resources = statement.get("Resource")
            for action in listed:
                actions[action] = resources
    return actions


def observed_actions():
    """(function -> actions, function -> indexes queried) as the integration tests recorded
    them in OBSERVED_AWS_ACTIONS, or None without a record."""
    path = os.environ.get("OBSERVED_AWS_ACTIONS")
    if not path or not Path(path).exists():
        return None
    observed = {}
    indexes = {}
    for line in Path(path).read_text().splitlines():
        function, action = line.split()
        if ":index/" in action:
            # dynamodb:Query:index/<name>: the Query statement must name that index.
            indexes.setdefault(function, set()).add(action.split(":index/")[1])
            continue
        observed.setdefault(function, set()).add(action)
    return observed, indexes


def check_permissions(deployed, by_id, lines):
    """Problems as the docstring's step 5 says; returns logical id -> the policy to paste
    for each function whose policy lacks what its code was seen calling."""
    record = observed_actions()
    if record is None:
        problems.append("no observed AWS actions: run the integration tests with OBSERVED_AWS_ACTIONS set")
        return {}
    observed, indexes = record
    resources = resources_granted(deployed, lines)
    to_paste = {}
    for name, resource in sorted(deployed.items()):
        binary = by_id.get(name, name)
        grants = granted(resource)
        for action, granted_on in grants.items():
            if granted_on in ("*", ["*"]):
                problems.append(f"{name} grants {action} on every resource")
        seen = observed.get(binary, set())
        if not seen:
            problems.append(f"{binary} was never called by the integration tests: a test calling it tells what its policy needs")
        for action in sorted(seen - set(grants)):
            problems.append(f"{name} ({binary}) calls {action} but its policy does not grant it")
        for action in sorted(set(grants) - seen - set(ALSO_GRANTED)):
            problems.append(f"{name} ({binary}) is granted {action}, which its code was not seen calling")
        query_resources = json.dumps(grants.get("dynamodb:Query"))
        unnamed = [index for index in sorted(indexes.get(binary, set())) if f"/index/{index}" not in query_resources]
        for index in unnamed:
            problems.append(f"{name} ({binary}) queries the index {index} but its policy does not name it")
        if seen - set(grants) or unnamed:
            to_paste[name] = policy_lines(seen, indexes.get(binary, set()), resources)
        print(f"[template] {binary}: calls {', '.join(sorted(seen))}")
    return to_paste


def resources_granted(deployed, lines):
    """action -> the Resource lines (as template.yaml spells them, dedented) most functions
    grant it on."""
    counts = {}
    for resource in deployed.values():
        for policy in resource.get("Properties", {}).get("Policies", []):
            for statement in policy.get("Statement", []) if isinstance(policy, dict) else []:
                key = next((key for key in statement if key == "Resource"), None)
                if key is None:
                    continue
                text = yaml_block(lines, key.start_mark.line, key.start_mark.column)
                actions = statement.get("Action", [])
                for action in [actions] if isinstance(actions, str) else actions:
                    counts.setdefault(action, Counter())[text] += 1
    return {action: texts.most_common(1)[0][0] for action, texts in counts.items()}


def yaml_block(lines, line, column):
    """The key at (line, column) and the lines indented under it, dedented to the key."""
    block = [lines[line][column:]]
    for following in lines[line + 1:]:
        if following.strip() and len(following) - len(following.lstrip()) <= column:
            break
        block.append(following[column:])
    while not block[-1].strip():
        block.pop()
    return tuple(block)


def policy_lines(actions, indexes, resources):
    """The `Policies:` of a function's Properties granting exactly `actions` (and the
    indexes it queries): one statement per resource, DynamoDB's on the table first."""
    table = ("Resource: !GetAtt Table.Arn",)
    if indexes:
        table = ("Resource:", "  - !GetAtt Table.Arn", *(f'  - !Sub "${{Table.Arn}}/index/{index}"' for index in sorted(indexes)))
    statements = {}
    for action in sorted(actions):
        if action.startswith("dynamodb:"):
            where = table
        else:
            where = resources.get(action, ('Resource: "<no function grants this yet: name its resource>"',))
        statements.setdefault(where, []).append(action)
    lines = ["Policies:", "  - Statement:"]
    for where, granted_actions in sorted(statements.items(), key=lambda item: not item[1][0].startswith("dynamodb:")):
        lines.append("      - Effect: Allow")
        if len(granted_actions) == 1:
            lines.append(f"        Action: {granted_actions[0]}")
        else:
            lines += ["        Action:"] + [f"          - {action}" for action in granted_actions]
        lines += [f"        {line}" for line in where]
    return lines


def fill_policies(template, lines):
    """--fill: writes the policy the tests call for into each function whose policy is
    empty; returns whether template.yaml changed."""
    observed, indexes = observed_actions() or ({}, {})
    deployed = functions(template)
    resources = resources_granted(deployed, lines)
    by_id = function_names()
    edits = []
    for name, resource in sorted(deployed.items()):
        node = resource.get("Properties", {}).get("Policies")
        seen = observed.get(by_id.get(name, name))
        if not seen or node is None or len(node) or not re.fullmatch(r"\s*Policies:\s*\[\]\s*", lines[node.start_mark.line]):
            continue  # nothing seen, or a policy that is not empty: checked (and printed) as any
        policy = policy_lines(seen, indexes.get(by_id.get(name, name), set()), resources)
        if any("<no function grants this yet" in line for line in policy):
            print(f"[template] --fill: {name} calls an action no function grants yet; its policy is printed below instead")
            continue
        at = node.start_mark.line
        indent = lines[at][:len(lines[at]) - len(lines[at].lstrip())]
        # The comment new-endpoint leaves above an empty policy goes with it.
        start = at - 1 if "check_template.py" in lines[at - 1] and lines[at - 1].strip().startswith("#") else at
        edits.append((start, at + 1, [indent + line for line in policy]))
        print(f"[template] --fill: wrote {name}'s policy from what the tests saw it call")
    for start, end, replacement in sorted(edits, reverse=True):
        lines[start:end] = replacement
    if edits:
        TEMPLATE.write_text("\n".join(lines) + "\n")
    return bool(edits)


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--fill",
        action="store_true",
        help="write the observed policy into every function whose policy is empty",
    )
    arguments = parser.parse_args()
    template, matches = decode(str(TEMPLATE))
    if template is None:
        sys.exit(f"template.yaml does not parse: {matches}")
    if arguments.fill and fill_policies(template, TEMPLATE.read_text().splitlines()):
        template, matches = decode(str(TEMPLATE))
    lint()
    deployed = functions(template)
    check_table(template)
    by_id = check_routes(template, deployed)
    check_environment(template, deployed)
    to_paste = check_permissions(deployed, by_id, TEMPLATE.read_text().splitlines())
    if problems:
        print("\n".join(f"[template] PROBLEM: {problem}" for problem in problems))
        for name, policy in to_paste.items():
            print(f"[template] {name}: the policy for what the tests saw it call, to paste over its Policies"
                  " (infra/check_template.py --fill writes it where the policy is empty):")
            print("\n".join("      " + line for line in policy))
        sys.exit(1)
    print("[template] template.yaml lints clean and matches the code")


if __name__ == "__main__":
    main()
