"""Engine.classify: the answers of `exportctl classify --format json`."""
import json
import unittest

import exportctl
from support import RULES, cli


class ClassifyTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.engine = exportctl.Engine(rules=RULES)

    def cli_classify(self, *args):
        code, out, err = cli("classify", "--rules", RULES, "--format", "json", *args)
        self.assertEqual(code, 0, err)
        return json.loads(out)

    def test_a_catalog_model(self):
        answer = self.engine.classify("H100 SXM", date="2024-06-01")
        self.assertEqual(answer, self.cli_classify("--model", "H100 SXM", "--date", "2024-06-01"))
        self.assertEqual(answer["item"]["classification"]["US"]["eccn"], "3A090.a")
        self.assertEqual(answer["item"]["model"], "NVIDIA H100 SXM")
        self.assertEqual(self.engine.classify("H100 SXM", date="2022-12-01")["item"]["classification"]["US"]["eccn"],
                         "3A090")

    def test_figures_alone(self):
        answer = self.engine.classify(tpp=4800, die_area_mm2=800, datacenter=True, date="2024-06-01")
        self.assertEqual(answer, self.cli_classify("--tpp", "4800", "--die-area", "800", "--datacenter",
                                                   "--date", "2024-06-01"))
        self.assertEqual(answer["item"]["classification"]["US"]["eccn"], "3A090.a")
        below = self.engine.classify(tpp=4799, die_area_mm2=800, datacenter=False, date="2024-06-01")
        self.assertEqual(below, self.cli_classify("--tpp", "4799", "--die-area", "800", "--not-datacenter",
                                                  "--date", "2024-06-01"))

    def test_known_on(self):
        answer = self.engine.classify("H100 SXM", date="2024-06-01", known_on="2024-06-01")
        self.assertEqual(answer["known_on"], "2024-06-01")

    def test_bad_requests_raise_bad_input(self):
        cases = [
            (dict(model="H999", date="2024-06-01"),
             'model: "H999" is not in the catalog; classify by TPP and die area instead'),
            (dict(date="2024-06-01"), "give a catalog model, or a TPP (with a die area)"),
            (dict(tpp=-5, date="2024-06-01"), "metrics.tpp: must be a finite number, not negative"),
            (dict(tpp=float("inf"), date="2024-06-01"), "metrics.tpp: must be a finite number, not negative"),
            (dict(model="H100 SXM", date="2024-02-30"),
             'date: "2024-02-30" is not a date (YYYY-MM-DD, a day that exists)'),
        ]
        for arguments, message in cases:
            with self.subTest(arguments), self.assertRaises(exportctl.BadInput) as raised:
                self.engine.classify(**arguments)
            self.assertEqual(raised.exception.message, message)


if __name__ == "__main__":
    unittest.main()
