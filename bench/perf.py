"""Print scout's speed and memory figures (issue "Fast"), each a ratio or a bound measured in this run.

    python bench/perf.py [--corpus ../shared/corpus] [--site ID] [--runs 3]

Figures (medians over --runs):
  rounds      latency rounds of a briefing: (time at 100 ms - time at 0 ms) / 100 ms   target <= 3
  cpu         briefing CPU time / trafilatura.extract alone on the same pages         target <= 1.5
  stored      wall time of `scout brief SITE` with the briefing stored; requests made  target <= 0.3 s, 0
  startup     `scout contacts list` (1,000 contacts) and `scout --help`
              / `python -c "import click, tinydb"`                                    target <= 2
  scale       import of 10,000 LinkedIn rows; `contacts list --json` of 10,000         target <= 2 s, <= 200 MiB
  politeness  most connections open at once on the site's server during a briefing     target <= 4
The site is served by a real threaded server on 127.0.0.1; briefings run in child processes
so that the server's own CPU time is not counted.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus_site import serve_site  # noqa: E402

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE.parent.parent / "shared" / "corpus"
LATENCY = 0.100

# Run in a child process: one briefing, then trafilatura alone on the same pages; print CPU seconds.
_CHILD = r"""
import json, resource, sys, time
import requests, trafilatura
from companyscout.pipeline import BriefOptions, build_briefing

def cpu():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime

url = sys.argv[1]
start_wall, start_cpu = time.perf_counter(), cpu()
briefing = build_briefing(url, options=BriefOptions(no_external=True, trusted=True, refresh=True))
wall, brief_cpu = time.perf_counter() - start_wall, cpu() - start_cpu
bodies = [requests.get(p.url, timeout=10).text for p in briefing.pages if p.status == 200]
start = cpu()
for body in bodies:
    trafilatura.extract(body)
print(json.dumps({"wall": wall, "cpu": brief_cpu, "trafilatura_cpu": cpu() - start, "pages": len(bodies)}))
"""

# Run a command in a child and report its wall time and peak memory (RUSAGE_CHILDREN of this wrapper).
_MEASURE = r"""
import json, resource, subprocess, sys, time
start = time.perf_counter()
proc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
wall = time.perf_counter() - start
peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
err = proc.stderr.decode()[-300:]
print(json.dumps({"wall": wall, "peak_mib": peak_kib / 1024, "rc": proc.returncode, "err": err}))
"""


def run_child(code: str, *args: str, env: dict[str, str]) -> dict:
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, check=False)
    if out.returncode != 0:
        raise SystemExit(f"child failed: {out.stderr[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def measure(cmd: list[str], env: dict[str, str]) -> dict:
    return run_child(_MEASURE, *cmd, env=env)


def scout_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "companyscout", *args]


def linkedin_csv(path: Path, rows: int) -> None:
    lines = [
        "Notes:",
        '"When exporting your connection data, you may notice that some of the email addresses are missing."',
        "",
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On",
    ]
    for i in range(rows):
        lines.append(
            f"Person{i},Surname{i},https://www.linkedin.com/in/person-{i},,"
            f"Company {i % 500} Inc,Engineer {i % 7},15 Mar 2024"
        )
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--site", default="plazi", help="corpus site id to brief (default: plazi, the largest)")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    folder = args.corpus / args.site
    if not folder.is_dir():
        raise SystemExit(f"no site folder {folder}; pass --corpus")

    home = Path(tempfile.mkdtemp(prefix="scout-bench-"))
    env = {**os.environ, "SCOUT_HOME": str(home)}
    figures: dict[str, object] = {}

    # Latency rounds, CPU and politeness: briefings at 0 ms and 100 ms added latency.
    rounds, ratios, max_conns, pages = [], [], 0, 0
    for _ in range(args.runs):
        with serve_site(folder) as (url, log):
            fast = run_child(_CHILD, url, env=env)
            max_conns = max(max_conns, log.max_in_flight)
        with serve_site(folder, latency=LATENCY) as (url, log):
            slow = run_child(_CHILD, url, env=env)
            max_conns = max(max_conns, log.max_in_flight)
        rounds.append((slow["wall"] - fast["wall"]) / LATENCY)
        ratios.append(fast["cpu"] / max(fast["trafilatura_cpu"], 1e-9))
        pages = fast["pages"]
    figures["rounds"] = statistics.median(rounds)
    figures["cpu_ratio"] = statistics.median(ratios)
    figures["max_connections"] = max_conns
    print(f"site {args.site}: {pages} pages per briefing")
    print(f"rounds      {figures['rounds']:.2f} latency rounds (target <= 3)")
    print(f"cpu         {figures['cpu_ratio']:.2f} x trafilatura.extract alone (target <= 1.5)")
    print(f"politeness  {max_conns} connections at most at once (target <= 4)")

    # Stored briefing: the second run answers from the database and makes no request.
    with serve_site(folder) as (url, log):
        subprocess.run(
            scout_cmd("brief", url, "--no-external", "--format", "json"), env=env, capture_output=True, check=True
        )
        before = len(log.paths)
        walls = [measure(scout_cmd("brief", url, "--format", "json"), env)["wall"] for _ in range(args.runs)]
        requests_made = len(log.paths) - before
    figures["stored_s"] = statistics.median(walls)
    print(f"stored      {figures['stored_s']:.3f} s wall, {requests_made} requests (target <= 0.3 s, 0)")

    # Start-up with 1,000 contacts, against importing click and tinydb alone.
    csv_1k = home / "connections-1k.csv"
    linkedin_csv(csv_1k, 1_000)
    subprocess.run(scout_cmd("contacts", "import", str(csv_1k)), env=env, capture_output=True, check=True)
    base = statistics.median(
        measure([sys.executable, "-c", "import click, tinydb"], env)["wall"] for _ in range(args.runs)
    )
    listing = statistics.median(measure(scout_cmd("contacts", "list"), env)["wall"] for _ in range(args.runs))
    helping = statistics.median(measure(scout_cmd("--help"), env)["wall"] for _ in range(args.runs))
    figures["startup_list_ratio"] = listing / base
    figures["startup_help_ratio"] = helping / base
    print(
        f"startup     contacts list {listing:.3f} s = {listing / base:.2f} x, --help {helping:.3f} s = "
        f"{helping / base:.2f} x `import click, tinydb` {base:.3f} s (target <= 2)"
    )

    # Scale: 10,000 LinkedIn rows into a fresh database, then list them as JSON.
    scale_home = Path(tempfile.mkdtemp(prefix="scout-bench-scale-"))
    scale_env = {**env, "SCOUT_HOME": str(scale_home)}
    csv_10k = scale_home / "connections-10k.csv"
    linkedin_csv(csv_10k, 10_000)
    imported = measure(scout_cmd("contacts", "import", str(csv_10k)), scale_env)
    listed = measure(scout_cmd("contacts", "list", "--json"), scale_env)
    if imported["rc"] or listed["rc"]:
        print(f"scale       failed: {imported['err'] or listed['err']}")
    figures["import_10k"] = imported
    figures["list_10k"] = listed
    print(
        f"scale       import 10,000 rows {imported['wall']:.2f} s, {imported['peak_mib']:.0f} MiB; "
        f"list --json {listed['wall']:.2f} s, {listed['peak_mib']:.0f} MiB (target <= 2 s, <= 200 MiB)"
    )


if __name__ == "__main__":
    main()
