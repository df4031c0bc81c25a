"""Reads `exportctl todo --format ics` with a calendar library (python3-icalendar) and checks
it event by event against the JSON of the same worklist: one VEVENT per action, in order, on its
deadline (an all-day event: DTEND the day after), its summary naming the action and shipment,
its description unescaped back to the filing's channel and form, unique UIDs, the DTSTAMP of
the worklist's day; then one VEVENT per register alert on its due day, naming the entry; and that
the raw file keeps RFC 5545's line rules (CRLF, at most 75 octets).

    python3 tests/todo/check_ics.py TODO.ics TODO.json
"""
import datetime
import json
import sys

import icalendar


def main(ics_path, json_path):
    raw = open(ics_path, "rb").read()
    document = json.load(open(json_path, encoding="utf-8"))
    problems = 0
    lines = raw.split(b"\r\n")
    if lines[-1] != b"":
        print("the file does not end with CRLF")
        problems += 1
    for number, line in enumerate(lines[:-1]):
        if b"\n" in line or b"\r" in line:
            print("line %d: a bare LF or CR" % (number + 1))
            problems += 1
        if len(line) > 75:
            print("line %d: %d octets, more than 75" % (number + 1, len(line)))
            problems += 1
        line.decode("utf-8")  # a fold never splits a character
    calendar = icalendar.Calendar.from_ical(raw)
    if str(calendar.get("VERSION")) != "2.0" or not str(calendar.get("PRODID")):
        print("VERSION 2.0 and PRODID are required")
        problems += 1
    events = [component for component in calendar.walk() if component.name == "VEVENT"]
    actions = document["actions"]
    alerts = document["alerts"]
    if len(events) != len(actions) + len(alerts):
        print("%d events for %d actions and %d alerts" % (len(events), len(actions), len(alerts)))
        return 1
    today = datetime.date.fromisoformat(document["today"])
    for number, (event, alert) in enumerate(zip(events[len(actions):], alerts)):
        where = "alert event %d (entry %d)" % (number, alert["entry"])
        due = datetime.date.fromisoformat(alert["due"])
        if event.decoded("DTSTART") != due or event.decoded("DTEND") != due + datetime.timedelta(days=1):
            print("%s: not on the due day %s" % (where, due))
            problems += 1
        if alert["number"] not in str(event.get("SUMMARY")):
            print("%s: summary %r lacks the number %s" % (where, str(event.get("SUMMARY")), alert["number"]))
            problems += 1
        if "register entry %d" % alert["entry"] not in str(event.get("DESCRIPTION")):
            print("%s: description does not name the register entry" % where)
            problems += 1
    events = events[:len(actions)]
    uids = set()
    for number, (event, action) in enumerate(zip(events, actions)):
        where = "event %d (%s)" % (number, action["shipment"]["id"])
        deadline = datetime.date.fromisoformat(action["deadline"])
        start = event.decoded("DTSTART")
        end = event.decoded("DTEND")
        if start != deadline or end != deadline + datetime.timedelta(days=1):
            print("%s: %s to %s, expected the day %s" % (where, start, end, deadline))
            problems += 1
        stamp = event.decoded("DTSTAMP")
        if stamp != datetime.datetime(today.year, today.month, today.day, tzinfo=datetime.timezone.utc):
            print("%s: DTSTAMP %s is not the worklist's day" % (where, stamp))
            problems += 1
        uid = str(event.get("UID"))
        if uid in uids:
            print("%s: UID %s repeats" % (where, uid))
            problems += 1
        uids.add(uid)
        summary = str(event.get("SUMMARY"))
        if action["filing"]:
            expected = action["filing"]["action"]
        elif action["requirement"]["kind"] == "prohibition":
            expected = "Do not ship"
        else:
            expected = "No filing fact"
        if expected not in summary or (action["shipment"]["id"] or "decision") not in summary:
            print("%s: summary %r lacks %r or the shipment" % (where, summary, expected))
            problems += 1
        if summary.startswith("OVERDUE: ") != action["overdue"]:
            print("%s: summary %r and overdue %s disagree" % (where, summary, action["overdue"]))
            problems += 1
        description = str(event.get("DESCRIPTION"))
        if action["filing"]:
            for key in ("channel", "form", "file_with"):
                if action["filing"][key] not in description:
                    print("%s: description lacks the %s %r" % (where, key, action["filing"][key]))
                    problems += 1
        if action["requirement"]["citation"] not in description:
            print("%s: description lacks the requirement's citation" % where)
            problems += 1
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
