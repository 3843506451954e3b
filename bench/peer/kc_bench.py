"""Helpers that ../shared/peer-bench/side_by_side.py imports as `kc_bench` but that the shared folder does not ship
(found missing on 2026-12-07). Reconstructed from how side_by_side.py uses them; bench/side-by-side.sh puts this
file beside a copy of the script. Nothing here measures anything by itself."""
import os

CLK = os.sysconf("SC_CLK_TCK")

_SYLLABLES = ["ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "be", "da", "fe", "gi", "ho", "ju", "ke", "ly",
              "mo", "nu", "pa", "qui", "ro", "si", "tu", "va", "we", "xa", "yo", "ze"]


def proc_cpu_s(pid):
    """utime + stime of a process, in seconds (/proc/<pid>/stat fields 14 and 15)."""
    raw = open(f"/proc/{pid}/stat").read()
    fields = raw.rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLK


def proc_rss_mib(pid):
    """resident set size (VmRSS) in MiB, or None when the process is gone."""
    try:
        for line in open(f"/proc/{pid}/status"):
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def machine_busy_s():
    """CPU seconds the whole machine spent not idle since boot (/proc/stat, tick-sampled)."""
    with open("/proc/stat") as stat:
        fields = [int(x) for x in stat.readline().split()[1:]]
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)
    return (sum(fields[:8]) - idle) / CLK


def pct(values, p):
    """the p-th percentile (nearest rank) of already sorted values, or None when there are none."""
    if not values:
        return None
    rank = max(1, min(len(values), int(round(p / 100.0 * len(values) + 0.5))))
    return values[rank - 1]


def _word(n, parts):
    out = []
    for _ in range(parts):
        out.append(_SYLLABLES[n % len(_SYLLABLES)])
        n //= len(_SYLLABLES)
    return "".join(out)


def user_doc(i):
    """the i-th benchmark user: deterministic syllable names, a unique email."""
    first = _word(i * 7919 + 13, 3).capitalize()
    last = _word(i * 104729 + 7, 4).capitalize()
    return {"email": f"{first.lower()}.{last.lower()}.{i}@bench.example", "firstName": first, "lastName": last}
