"""Engine.batch: the answers of `exportctl batch`, in order, lazily, with error records in place."""
import json
import unittest

import exportctl
from support import RULES, cli, read


class BatchTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.engine = exportctl.Engine(rules=RULES)
        cls.lines = read("samples/shipments.jsonl").splitlines(keepends=True)

    def test_the_answers_are_those_of_exportctl_batch(self):
        code, out, _ = cli("batch", "samples/shipments.jsonl", "--rules", RULES)
        self.assertIn(code, (0, 3, 4, 5))
        expected = [json.loads(line) for line in out.splitlines()]
        self.assertGreaterEqual(len(expected), 40)
        # Lines as a file gives them (line breaks kept), in chunks that do not divide the input.
        for chunk in (1, 7, 1000):
            with self.subTest(chunk=chunk):
                self.assertEqual(list(self.engine.batch(iter(self.lines), chunk=chunk)), expected)
        self.assertEqual(list(self.engine.batch([json.loads(line) for line in self.lines], threads=1)), expected)

    def test_options_reach_every_shipment(self):
        code, out, _ = cli("batch", "samples/shipments.jsonl", "--rules", RULES, "--known-on", "2025-04-01",
                           "--include-proposed", "--trace")
        expected = [json.loads(line) for line in out.splitlines()]
        answers = list(self.engine.batch(self.lines, known_on="2025-04-01", include_proposed=True, trace=True))
        self.assertEqual(answers, expected)
        self.assertTrue(all(answer["known_on"] == "2025-04-01" for answer in answers))

    def test_a_bad_item_is_an_error_record_in_its_place(self):
        good = self.lines[0]
        items = [good, "{}", good, "", '{\n"ship_date": "2025-01-01"}', b"not json\r\n", good]
        answers = list(self.engine.batch(items, chunk=3))
        self.assertEqual(len(answers), len(items))
        self.assertEqual(answers[0], answers[2])
        self.assertEqual(answers[0], answers[6])
        self.assertEqual(answers[1], {"error": '<batch>:2: /: missing required key "ship_date"', "line": 2})
        self.assertEqual(answers[3], {"error": "<batch>:4: the shipment is empty", "line": 4})
        self.assertEqual(answers[4], {"error": "<batch>:5: a batch item must be one line of JSON "
                                               "(check() takes a document of several lines)", "line": 5})
        self.assertEqual(answers[5], {"error": "<batch>:6: /: expected a JSON object (the shipment)", "line": 6})

    def test_it_reads_no_further_than_the_chunk_it_answers(self):
        pulled = []

        def orders():
            for line in self.lines:
                pulled.append(line)
                yield line

        answers = self.engine.batch(orders(), chunk=2)
        first = next(answers)
        self.assertEqual(first["shipment_id"], json.loads(self.lines[0])["id"])
        self.assertEqual(len(pulled), 2)

    def test_nothing_in_nothing_out(self):
        self.assertEqual(list(self.engine.batch([])), [])
        with self.assertRaises(exportctl.BadInput):
            list(self.engine.batch(self.lines, known_on="2025-02-29"))


if __name__ == "__main__":
    unittest.main()
