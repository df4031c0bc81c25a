"""Where the package finds its library and its default rules. Each case runs in a fresh
interpreter, because a process loads the library once."""
import os
import subprocess
import sys
import unittest

from support import RULES


def python(code, **environment):
    env = dict(os.environ)
    for name, value in environment.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False)


class LoadingTest(unittest.TestCase):
    def test_exportctl_library_names_the_file(self):
        result = python("import exportctl; exportctl.Engine('rules')", EXPORTCTL_LIBRARY="/no/such/libexportctl.so.1")
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("exportctl.errors.IoError: cannot load libexportctl.so.1 (set EXPORTCTL_LIBRARY to its path): "
                      "/no/such/libexportctl.so.1: ", result.stderr)

    def test_importing_loads_nothing(self):
        result = python("import exportctl; print('imported')", EXPORTCTL_LIBRARY="/no/such/libexportctl.so.1")
        self.assertEqual((result.returncode, result.stdout), (0, "imported\n"), result.stderr)

    def test_default_rules_come_from_exportctl_rules(self):
        result = python("import exportctl; print(exportctl.Engine().rules_digest)", EXPORTCTL_RULES=RULES)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertRegex(result.stdout, r"^sha256:[0-9a-f]{64}\n$")

    def test_without_rules_in_a_source_tree_it_says_what_to_give(self):
        result = python("import exportctl; exportctl.Engine()", EXPORTCTL_RULES=None)
        self.assertIn("exportctl.errors.BadRules: no rules: give Engine(rules=DIR) or Engine(store=FILE), "
                      "or set EXPORTCTL_RULES", result.stderr)


if __name__ == "__main__":
    unittest.main()
