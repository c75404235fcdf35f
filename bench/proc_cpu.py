"""Total CPU seconds (user + system) used so far by every process with the given command name (e.g. postgres)."""

import os
import sys


def cpu_seconds(name: str) -> float:
    """Sum of utime + stime over /proc/<pid>/stat for processes whose comm is ``name``."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/stat") as fh:
                raw = fh.read()
        except OSError:
            continue
        comm = raw[raw.index("(") + 1 : raw.rindex(")")]
        if comm == name:
            fields = raw[raw.rindex(")") + 2 :].split()
            total += int(fields[11]) + int(fields[12])
    return total / tick


if __name__ == "__main__":
    print(f"{cpu_seconds(sys.argv[1]):.2f}")
