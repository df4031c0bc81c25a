"""What the Python tests share: the command line to compare with, the bundled rules, the stores.

The tests run from the project root with PYTHONPATH=api/python, EXPORTCTL_LIBRARY (the built
libexportctl.so.1), EXPORTCTL (the built command line) and EXPORTCTL_TEST_STORES (the stores of
tests/c_api/make_stores.sh) set, as ctest does.
"""
import glob
import os
import subprocess

EXPORTCTL = os.environ["EXPORTCTL"]
STORES = os.environ["EXPORTCTL_TEST_STORES"]
RULES = "rules"
SAMPLES = sorted(glob.glob("samples/*.json"))


# Under ASan (the asan preset) this interpreter runs with the sanitizer's shared runtime preloaded
# for libexportctl.so; the command line has its own, linked in, and refuses to start with both.
CLI_ENVIRONMENT = {name: value for name, value in os.environ.items() if name != "LD_PRELOAD"}


def cli(*args, stdin=None):
    """Runs the command line; returns (exit code, stdout, stderr)."""
    result = subprocess.run([EXPORTCTL, *args], input=stdin, capture_output=True, text=True, check=False,
                            env=CLI_ENVIRONMENT)
    return result.returncode, result.stdout, result.stderr


def read(path):
    with open(path, encoding="utf-8") as file:
        return file.read()
