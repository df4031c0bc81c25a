"""Checks `exportctl todo --format json`: valid against schema/json/todo.schema.json, every
deadline and overdue flag consistent with `today`, sorted overdue first, then by deadline, then
by shipment id, and each shipment on or after today.

    python3 tests/todo/check_json.py TODO.json schema/json/todo.schema.json TODAY
"""
import datetime
import json
import sys

import jsonschema


def main(path, schema_path, today_text):
    document = json.load(open(path, encoding="utf-8"))
    schema = json.load(open(schema_path, encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(document), key=str)
    for error in errors:
        print("schema: %s at %s" % (error.message, list(error.absolute_path)))
    problems = len(errors)
    today = datetime.date.fromisoformat(today_text)
    if document["today"] != today_text:
        print("today is %s, expected %s" % (document["today"], today_text))
        problems += 1
    actions = document["actions"]
    if not actions:
        print("no actions: the samples should give some")
        problems += 1
    keys = []
    for number, action in enumerate(actions):
        deadline = datetime.date.fromisoformat(action["deadline"])
        where = "action %d (%s %s)" % (number, action["shipment"]["id"], action["requirement"]["rule"])
        if action["overdue"] != (deadline < today):
            print("%s: overdue %s but deadline %s" % (where, action["overdue"], deadline))
            problems += 1
        if action["days_left"] != (deadline - today).days:
            print("%s: days_left %d, expected %d" % (where, action["days_left"], (deadline - today).days))
            problems += 1
        if action["shipment"]["ship_date"] < today_text:
            print("%s: the shipment left on %s" % (where, action["shipment"]["ship_date"]))
            problems += 1
        if action["deadline_from"] == "lead_time" and action["filing"] is not None:
            ship = datetime.date.fromisoformat(action["shipment"]["ship_date"])
            if (ship - deadline).days != action["filing"]["lead_days"]:
                print("%s: deadline is not the ship date minus %d days" % (where, action["filing"]["lead_days"]))
                problems += 1
        keys.append((not action["overdue"], action["deadline"], action["shipment"]["id"]))
    if keys != sorted(keys):
        print("actions are not sorted overdue first, then by deadline, then by shipment id")
        problems += 1
    if document["overdue"] != sum(a["overdue"] for a in actions):
        print("overdue count %d does not match the actions" % document["overdue"])
        problems += 1
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
