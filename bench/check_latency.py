#!/usr/bin/env python3
"""One `exportctl check` as a whole process: wall and CPU (user + sys) time per run.

    bench/check_latency.py [EXPORTCTL ...] [--rounds R]

Runs `check SAMPLE --rules rules` for every samples/*.json, R rounds (default 5), alternating the
binaries given (default build/exportctl) so that they see the same machine, and prints per
binary the median and the 10th..90th percentiles of wall and CPU time, with the load average.
CPU time is the steadier figure on a shared machine: it leaves out the time spent waiting for a
core. Run from the project root.
"""
import glob
import os
import subprocess
import sys
import time


def main():
    args = sys.argv[1:]
    rounds = 5
    if "--rounds" in args:
        at = args.index("--rounds")
        rounds = int(args[at + 1])
        del args[at:at + 2]
    binaries = args or ["build/exportctl"]
    samples = sorted(glob.glob("samples/*.json"))
    devnull = os.open(os.devnull, os.O_WRONLY)
    wall = {b: [] for b in binaries}
    cpu = {b: [] for b in binaries}
    load_before = open("/proc/loadavg").read().split()[0]
    for _ in range(rounds):
        for sample in samples:
            for binary in binaries:
                start = time.perf_counter()
                process = subprocess.Popen([binary, "check", sample, "--rules", "rules"], stdout=devnull, stderr=devnull)
                _, _, usage = os.wait4(process.pid, 0)
                wall[binary].append(time.perf_counter() - start)
                cpu[binary].append(usage.ru_utime + usage.ru_stime)
    load_after = open("/proc/loadavg").read().split()[0]
    print("machine: %d cores, load %s -> %s; %d samples x %d rounds" % (os.cpu_count(), load_before, load_after,
                                                                       len(samples), rounds))

    def q(values, f):
        return sorted(values)[int(f * (len(values) - 1))] * 1000

    for binary in binaries:
        print("%s: wall median %.1f ms (%.1f..%.1f), cpu median %.1f ms (%.1f..%.1f)" % (
            binary, q(wall[binary], .5), q(wall[binary], .1), q(wall[binary], .9),
            q(cpu[binary], .5), q(cpu[binary], .1), q(cpu[binary], .9)))


if __name__ == "__main__":
    main()
