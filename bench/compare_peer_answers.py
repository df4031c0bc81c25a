#!/usr/bin/env python3
"""Where exportctl and the peer harness's simplified model give different answers.

    compare_peer_answers.py PEER_WORKLOAD.jsonl REFERENCE_ANSWERS.jsonl EXPORTCTL_ANSWERS.jsonl

PEER_WORKLOAD is the peer harness's workload (gen_workload.js), REFERENCE_ANSWERS what its
reference implementation answered (`node runners/reference-js.js W --out=FILE`), and
EXPORTCTL_ANSWERS what `exportctl batch` answered on the same shipments converted by
tools/to_contract.js. The four answers the two share are compared:

- eccn: the US classification of the item (the peer's fallback classes 3A991, EAR99 and 4A994
  count as "no 3A090/4A090 class", exportctl's null);
- us_licence: exportctl lists a US license requirement (whatever its status: no shipment of the
  workload carries a license, so "satisfied" cannot occur, and a license exception still means
  the license rule applies);
- my_stp: exportctl lists a Malaysian permit requirement;
- my_notice_ok: exportctl has no Malaysian notification that is missing or late.

Prints, per answer, how many shipments differ and the largest groups of differences keyed by
the facts that explain them (date window, route, destination, model), with one example each.
"""
import collections
import json
import sys

FALLBACK = {"3A991", "EAR99", "4A994"}
WINDOWS = [("2022-10-07", "before the first 3A090 rule (2022-10-07)"),
           ("2023-11-17", "2022 rule (2022-10-07 .. 2023-11-16)"),
           ("2025-01-13", "2023 rule, before the AI diffusion dates"),
           ("2025-04-09", "2025-01-13 .. 2025-04-08"),
           ("2025-07-14", "2025-04-09 .. 2025-07-13"),
           ("9999-12-31", "from 2025-07-14 (Malaysian rules)")]


def window(date):
    for end, label in WINDOWS:
        if date < end:
            return label
    return WINDOWS[-1][1]


def ours(answer):
    item = answer["items"][0]["classification"]["US"]
    eccn = item["eccn"] or "none"
    reqs = answer["requirements"]
    us_licence = any(r["jurisdiction"] == "US" and r["kind"] == "license" and r["status"] != "advisory" for r in reqs)
    my_stp = any(r["jurisdiction"] == "MY" and r["kind"] == "permit" for r in reqs)
    notice_ok = not any(r["jurisdiction"] == "MY" and r["kind"] == "notification" and r["status"] in ("missing", "late")
                        for r in reqs)
    exception = sorted({r.get("exception", "") for r in reqs if r["jurisdiction"] == "US" and r["kind"] == "license"
                        and r["status"] == "exception"})
    return {"eccn": eccn, "us_licence": us_licence, "my_stp": my_stp, "my_notice_ok": notice_ok,
            "indeterminate": item["indeterminate"], "exception": ",".join(exception),
            "us_statuses": ",".join(sorted({r["status"] for r in reqs if r["jurisdiction"] == "US"})),
            "rules": ",".join(sorted({r["rule"] for r in reqs}))}


def reason(key, record, mine, peer):
    """The main reason for one difference, from what README.md (peers) and regulations.md say."""
    chip, date = record["chip"], record["ship_date"]
    if date < "2022-10-07" and peer["eccn"] != "none" and mine["eccn"] == "none":
        return "before 2022-10-07 no 3A090/4A090 existed; the peer model applies its 2022 rule to every earlier date"
    if chip["kind"] == "computer" and chip["model"] not in ("DGX-H100", "HGX-H20"):
        return "to_contract.js gives this system as an IC with the system's figures (only DGX-H100 and HGX-H20 become systems)"
    if key == "eccn" and abs(chip["pd"] - 5.92) < 1e-9 or (key != "eccn" and chip["model"] == "EDGE-T1600-PD5.92"
                                                          and peer["eccn"] != mine["eccn"]):
        return "PD exactly 5.92: to_contract.js passes die_area rounded to 4 decimals, so TPP/area is 5.91999... < 5.92"
    if key == "us_licence" and chip["model"] == "HGX-H20" and mine[key]:
        return "the H20 is-informed letter also covers a system built from H20s (the peer model matches model names only)"
    if key == "us_licence" and "2022-10-07" <= date < "2023-11-17" and peer[key] and not mine[key]:
        return "2022 rule: licence only for China and Macau (D:1/D:4/D:5 came on 2023-11-17); the peer uses one 47-country list for all dates"
    if key == "us_licence" and peer[key] and not mine[key] and not chip["us_origin"]:
        return "not US-origin (%s): exportctl's EAR licence rules cover US-origin items; the peer model ignores origin" % chip["model"]
    if key == "us_licence" and peer[key] and not mine[key]:
        return "exportctl's destination groups (D:1/D:4/D:5 minus A:5/A:6, per date) exclude this destination: %s" % record["destination"]
    if key == "us_licence" and mine[key] and not peer[key]:
        return "exportctl requires a licence the peer does not (destination %s, %s)" % (record["destination"], mine["rules"])
    return "other"


def theirs(reference):
    eccn = reference["eccn"]
    return {"eccn": "none" if eccn in FALLBACK else eccn, "us_licence": reference["us_licence"],
            "my_stp": reference["my_stp"], "my_notice_ok": reference["my_notice_ok"]}


def main():
    workload_path, reference_path, answers_path = sys.argv[1:4]
    differences = {key: collections.Counter() for key in ("eccn", "us_licence", "my_stp", "my_notice_ok")}
    examples = {}
    reasons = {key: collections.Counter() for key in differences}
    total = 0
    any_difference = 0
    with open(workload_path) as w, open(reference_path) as r, open(answers_path) as a:
        for record_line, reference_line, answer_line in zip(w, r, a):
            record, reference, answer = json.loads(record_line), json.loads(reference_line), json.loads(answer_line)
            if "error" in answer:
                sys.exit("exportctl could not read shipment %s: %s" % (record["id"], answer["error"]))
            assert reference["id"] == record["id"] and answer["shipment_id"] == "W%s" % record["id"]
            total += 1
            mine, peer = ours(answer), theirs(reference)
            chip = record["chip"]
            differs = False
            for key in differences:
                if mine[key] == peer[key]:
                    continue
                differs = True
                if key == "eccn":
                    group = (peer["eccn"], mine["eccn"] + (" (indeterminate)" if mine["indeterminate"] else ""),
                             window(record["ship_date"]), chip["kind"])
                elif key == "us_licence":
                    group = (peer[key], mine[key], "eccn %s/%s" % (peer["eccn"], mine["eccn"]), window(record["ship_date"]),
                             "model " + chip["model"] if chip["model"] in ("H20", "MI308", "HGX-H20") else "dest " +
                             record["destination"])
                else:
                    group = (peer[key], mine[key], window(record["ship_date"]), "origin " + record["origin"],
                             "via " + "/".join(record["transit"]) if record["transit"] else "no transit",
                             "us_origin %s" % chip["us_origin"], "eccn %s/%s" % (peer["eccn"], mine["eccn"]))
                differences[key][group] += 1
                examples.setdefault((key, group), (record, mine))
                reasons[key][reason(key, record, mine, peer)] += 1
            any_difference += differs
    print("%d shipments compared; %d differ in at least one of the four answers" % (total, any_difference))
    for key, groups in differences.items():
        count = sum(groups.values())
        print("\n%s: %d differ (%.2f%%)" % (key, count, 100.0 * count / max(total, 1)))
        for why, n in reasons[key].most_common(8):
            print("  %7d  %s" % (n, why))
        if groups:
            print("  largest groups (peer -> exportctl | facts):")
        for group, n in groups.most_common(6):
            record, mine = examples[(key, group)]
            print("  %7d  peer %s -> exportctl %s | %s" % (n, group[0], group[1], " | ".join(map(str, group[2:]))))
            print("           e.g. id %s %s %s->%s via %s, %s tpp %s pd %s ic %s; exportctl rules: %s %s" % (
                record["id"], record["ship_date"], record["origin"], record["destination"], record["transit"],
                record["chip"]["model"], record["chip"]["tpp"], record["chip"]["pd"], record["chip"]["interconnect_gbps"],
                mine["rules"], mine["exception"]))


if __name__ == "__main__":
    main()
