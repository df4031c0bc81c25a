"""Engine.check, check_json and check_text: the command line's answers, in process."""
import datetime
import json
import threading
import unittest

import exportctl
from support import RULES, SAMPLES, STORES, cli, read


class CheckTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.engine = exportctl.Engine(rules=RULES)

    @classmethod
    def tearDownClass(cls):
        cls.engine.close()

    def test_every_sample_answers_as_the_command_line_does(self):
        self.assertGreaterEqual(len(SAMPLES), 8)
        for path in SAMPLES:
            with self.subTest(path):
                code, out, err = cli("check", path, "--rules", RULES, "--format", "json")
                self.assertIn(code, (0, 3, 4, 5), err)
                self.assertEqual(self.engine.check_json(read(path)), out.rstrip("\n"))
                self.assertEqual(self.engine.check(read(path)), json.loads(out))
                code, out, err = cli("check", path, "--rules", RULES, "--format", "text")
                self.assertEqual(self.engine.check_text(read(path)), out)

    def test_a_dict_bytes_and_text_are_the_same_shipment(self):
        text = read("samples/h20-china-after-letter.json")
        expected = self.engine.check(text)
        self.assertEqual(self.engine.check(json.loads(text)), expected)
        self.assertEqual(self.engine.check(text.encode()), expected)
        self.assertEqual(expected["verdict"], "action_required")
        self.assertEqual([r["rule"] for r in expected["requirements"]], ["us.letter.nvidia.h20"])

    def test_the_answer_names_engine_contract_and_rules(self):
        answer = self.engine.check(read("samples/h20-china-after-letter.json"))
        self.assertEqual(answer["engine"], {"contract_version": "1.1", "version": "0.2.0"})
        self.assertEqual(answer["rules"]["digest"], self.engine.rules_digest)
        self.assertEqual(self.engine.version, "0.2.0")
        self.assertEqual(self.engine.contract_version, "1.1")
        self.assertEqual(exportctl.engine_version(), "0.2.0")
        self.assertEqual(exportctl.contract_version(), "1.1")
        code, out, _ = cli("rules", "validate", RULES)
        self.assertEqual(code, 0)
        self.assertTrue(out.rstrip().endswith(", " + self.engine.rules_digest), out)

    def test_known_on_replays_what_was_known(self):
        text = read("samples/h20-china-after-letter.json")
        before = self.engine.check(text, known_on="2025-04-01")
        self.assertEqual(before["verdict"], "cleared")
        self.assertEqual(before["known_on"], "2025-04-01")
        self.assertEqual(self.engine.check(text, known_on=datetime.date(2025, 4, 1)), before)
        code, out, _ = cli("check", "samples/h20-china-after-letter.json", "--rules", RULES, "--format", "json",
                           "--known-on", "2025-04-01")
        self.assertEqual((code, json.loads(out)), (0, before))

    def test_trace_and_proposed_rules_are_asked_for(self):
        text = read("samples/h20-china-after-letter.json")
        self.assertEqual(self.engine.check(text)["trace"], [])
        traced = self.engine.check(text, trace=True)
        self.assertIn("us.letter.nvidia.h20", {entry["rule"] for entry in traced["trace"]})
        draft = next(line for line in read("samples/shipments.jsonl").splitlines() if '"B48-' in line)
        self.assertEqual(self.engine.check(draft)["warnings"], [])
        warned = self.engine.check(draft, include_proposed=True)
        self.assertEqual(warned["verdict"], "cleared")
        self.assertEqual([(w["code"], w["rule"]) for w in warned["warnings"]], [("proposed_rule", "us.ear.draft.my-th")])
        self.assertIn("WARNINGS", self.engine.check_text(draft, include_proposed=True).upper())

    def test_a_bad_shipment_raises_bad_input_with_the_command_line_message(self):
        misspelt = '{"ship_date":"2025-01-01","origin":"US","destinaton":"CN","items":[{"model":"H100 SXM"}]}'
        with self.assertRaises(exportctl.BadInput) as raised:
            self.engine.check(misspelt)
        self.assertEqual(raised.exception.message, '<shipment>: /destinaton: unknown key "destinaton"')
        self.assertEqual((raised.exception.source, raised.exception.pointer, raised.exception.problem,
                          raised.exception.context),
                         ("<shipment>", "/destinaton", 'unknown key "destinaton"', ""))
        self.assertEqual(str(raised.exception), raised.exception.message)
        code, _, err = cli("check", "-", "--rules", RULES, stdin=misspelt)
        self.assertEqual((code, err), (1, 'exportctl: <stdin>: /destinaton: unknown key "destinaton"\n'))
        for bad, message in [
            ("", "<shipment>: /: not valid JSON: the input is empty"),
            ("[1]", "<shipment>: /: expected a JSON object (the shipment)"),
            ({"ship_date": "2025-02-30", "origin": "US", "destination": "CN", "items": [{"model": "H20"}]},
             '<shipment>: /ship_date: "2025-02-30" is not a date (YYYY-MM-DD, a day that exists)'),
            ({"ship_date": "2025-01-01", "origin": "US", "destination": "CN", "items": [{"model": "H20"}],
              "parties": [{"role": "end_user", "name": "x", "country": "CN", "headquarters": float("nan")}]},
             None),
        ]:
            with self.subTest(bad=bad), self.assertRaises(exportctl.BadInput) as raised:
                self.engine.check(bad)
            if message:
                self.assertEqual(raised.exception.message, message)
        with self.assertRaises(exportctl.BadInput) as raised:
            self.engine.check(read("samples/h20-china-after-letter.json"), known_on="2025-13-01")
        self.assertEqual(raised.exception.message,
                         'known_on: "2025-13-01" is not a date (YYYY-MM-DD, a day that exists)')

    def test_arguments_of_the_wrong_type_are_type_errors(self):
        with self.assertRaises(TypeError):
            self.engine.check(42)
        with self.assertRaises(TypeError):
            self.engine.check({}, known_on=20250101)
        with self.assertRaises(TypeError):
            exportctl.Engine(rules=RULES, store="x.db")

    def test_threads_share_one_engine(self):
        texts = [read(path) for path in SAMPLES]
        expected = [self.engine.check_json(text) for text in texts]
        mismatches = []

        def screen():
            for _ in range(30):
                for text, answer in zip(texts, expected):
                    if self.engine.check_json(text) != answer:
                        mismatches.append(text)

        threads = [threading.Thread(target=screen) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        self.assertEqual(mismatches, [])


class OpenTest(unittest.TestCase):
    def test_a_store_answers_as_its_rule_directory(self):
        with exportctl.Engine(store=f"{STORES}/rules.db") as from_store, exportctl.Engine(RULES) as from_rules:
            self.assertEqual(from_store.rules_digest, from_rules.rules_digest)
            text = read("samples/h100-vietnam-via-malaysia.json")
            self.assertEqual(from_store.check_json(text), from_rules.check_json(text))

    def test_failures_to_open_are_typed(self):
        cases = [
            (dict(rules="no-such-dir"), exportctl.IoError, "no-such-dir: not a directory of rule data"),
            (dict(store="no-such.db"), exportctl.IoError,
             "no-such.db: no such database (create it with 'exportctl store import')"),
            (dict(store=f"{STORES}/no-rules.db"), exportctl.BadRules,
             f"{STORES}/no-rules.db: no rules imported (run 'exportctl store import RULES_DIR --db {STORES}/no-rules.db')"),
            (dict(store="README.md"), exportctl.IoError,
             'README.md: not an SQLite database'),
        ]
        for arguments, error, message in cases:
            with self.subTest(arguments), self.assertRaises(error) as raised:
                exportctl.Engine(**arguments)
            self.assertEqual(raised.exception.message, message)
            self.assertIsInstance(raised.exception, exportctl.ExportctlError)

    def test_broken_rule_data_is_bad_rules(self):
        with self.assertRaises(exportctl.BadRules) as raised:
            exportctl.Engine(rules=f"{STORES}/bad-rules")
        self.assertIn("/bad-rules/broken.json: not valid JSON", raised.exception.message)

    def test_a_closed_engine_refuses_calls(self):
        engine = exportctl.Engine(RULES)
        engine.close()
        engine.close()
        with self.assertRaises(ValueError):
            engine.check(read("samples/h20-china-after-letter.json"))


if __name__ == "__main__":
    unittest.main()
