"""api/python/examples/warehouse_orders.py on its sample pick list: one decision per order."""
import os
import subprocess
import sys
import tempfile
import unittest

from support import RULES

EXAMPLE = "api/python/examples/warehouse_orders.py"
ORDERS = "api/python/examples/warehouse_orders.csv"

EXPECTED = """order_id,verdict,decision,earliest_ship_date,to_do
SO-1001,action_required,hold,,MY-MITI permit missing (my.sta.directive-1-2025.permit)
SO-1002,action_required,hold,,US-BIS license missing (us.ear.742.6.license); MY-MITI notification late (my.sta.directive-1-2025.notice); MY-MITI permit missing (my.sta.directive-1-2025.permit)
SO-1003,action_required,hold,,US-BIS license missing (us.letter.nvidia.h20)
SO-1004,cleared,release,,
SO-1005,cleared,release,,
SO-1006,indeterminate,hold,,"model ""Example X1 accelerator"" is not in the catalog; supply its metrics (tpp, die_area_mm2, interconnect_gbps, datacenter) to classify it; facts missing to decide us.ear.742.6.hbm, us.ear.742.6.license, us.letter.nvidia.h20"
SO-1007,,error,,"<batch>:7: /destination: unknown country code ""XX"" (ISO 3166-1 alpha-2, e.g. CN, MO, HK)"
"""


class WarehouseExampleTest(unittest.TestCase):
    def run_example(self, *args):
        return subprocess.run([sys.executable, EXAMPLE, *args], capture_output=True, text=True, check=False)

    def test_decisions_per_order(self):
        result = self.run_example(ORDERS, "--rules", RULES)
        self.assertEqual(result.stderr, "")
        self.assertEqual(result.stdout, EXPECTED)
        self.assertEqual(result.returncode, 1)  # some orders are held

    def test_decisions_to_a_file(self):
        with tempfile.TemporaryDirectory() as directory:
            output = os.path.join(directory, "decisions.csv")
            result = self.run_example(ORDERS, "--rules", RULES, "-o", output)
            self.assertEqual((result.returncode, result.stdout), (1, ""))
            with open(output, encoding="utf-8") as file:
                self.assertEqual(file.read(), EXPECTED)

    def test_an_order_file_without_the_columns(self):
        result = self.run_example("samples/README.md", "--rules", RULES)
        self.assertEqual(result.returncode, 2)
        self.assertTrue(result.stderr.startswith("warehouse_orders: "), result.stderr)


if __name__ == "__main__":
    unittest.main()
