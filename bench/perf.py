"""Print scout's speed and memory figures (issue "Fast"), each a ratio or a bound measured in this run.

    python bench/perf.py [--corpus ../shared/corpus] [--site ID ...|all] [--runs 5]

Figures (medians over --runs; the briefing figures for each site given, ``demo`` being the
bundled demo site and ``all`` every corpus site and the demo site):
  rounds      latency rounds of a briefing: (time at 100 ms - time at 0 ms) / 100 ms   target <= 3
  cpu         briefing CPU time / trafilatura.extract alone on the same pages         target <= 1.5
  politeness  most connections open at once on the site's server during a briefing     target <= 4
  stored      wall time of `scout brief SITE` with the briefing stored; requests made  target <= 0.3 s, 0
  startup     `scout contacts list` (1,000 contacts) and `scout --help`
              / `python -c "import click, tinydb"`                                    target <= 2
  scale       import of 10,000 LinkedIn rows; `contacts list --json` of 10,000         target <= 2 s, <= 200 MiB
The site is served by a real threaded server on 127.0.0.1 (HTTP/1.1, keep-alive); briefings run
in child processes, so that the server's own CPU time is not counted and the briefing's CPU
time excludes importing scout (start-up) but includes everything a briefing loads lazily.
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
import trafilatura
from companyscout.paths import cache_dir
from companyscout.pipeline import BriefOptions, build_briefing
from companyscout.web.cache import PageCache
from companyscout.web.fetcher import decode_html

def cpu():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime

url = sys.argv[1]
# Start-up is paid once per process: imports, the public-suffix list, lazily compiled patterns.
# A briefing of the bundled demo site (and one trafilatura.extract) pays it before measuring.
from companyscout.demo import serve_demo_site
with serve_demo_site() as demo_url:
    warm = build_briefing(demo_url, options=BriefOptions(no_external=True, trusted=True, refresh=True))
trafilatura.extract("<html><body><article><p>" + "warm up " * 50 + "</p></article></body></html>")
start_wall, start_cpu = time.perf_counter(), cpu()
briefing = build_briefing(url, options=BriefOptions(no_external=True, trusted=True, refresh=True))
wall, brief_cpu = time.perf_counter() - start_wall, cpu() - start_cpu
# The same pages, from the page cache the briefing filled: no request of the benchmark's own.
cache = PageCache(cache_dir())
cached = [cache.get(p.url) for p in briefing.pages if p.status == 200 and p.role != "feed"]
bodies = [decode_html(page.content, page.content_type) for page in cached if page is not None]
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


# Everything the measured commands import, compiled once before any of them is timed.
_WARM_UP = "import click, tinydb, trafilatura, companyscout.pipeline, companyscout.cli.brief, companyscout.cli.contacts"

# Run scout's CLI in a child and report which heavy libraries the command loaded.
_LOADED = r"""
import json, sys
from companyscout.cli import cli
try:
    cli(sys.argv[1:], standalone_mode=False)
finally:
    print()
    print(json.dumps({"loaded": [m for m in ("requests", "trafilatura", "lxml") if m in sys.modules]}))
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


def site_folder(corpus: Path, site: str) -> Path:
    """Return the folder of a corpus site, or of the bundled demo site for ``demo``."""
    if site == "demo":
        from companyscout.demo import demo_site_folder

        return demo_site_folder()
    folder = corpus / site
    if not folder.is_dir():
        raise SystemExit(f"no site folder {folder}; pass --corpus")
    return folder


def brief_site(folder: Path, runs: int, env: dict[str, str]) -> dict[str, float]:
    """Return one site's briefing figures: medians of rounds and CPU ratio, worst politeness."""
    rounds, ratios, walls, cpu, trafilatura_cpu = [], [], [], [], []
    max_conns, pages, requests_made, connections = 0, 0, 0, 0
    for _ in range(runs):
        with serve_site(folder) as (url, log):
            fast = run_child(_CHILD, url, env=env)
            max_conns = max(max_conns, log.max_in_flight)
            requests_made, connections = len(log.arrivals), log.connections
        with serve_site(folder, latency=LATENCY) as (url, log):
            slow = run_child(_CHILD, url, env=env)
            max_conns = max(max_conns, log.max_in_flight)
        rounds.append((slow["wall"] - fast["wall"]) / LATENCY)
        ratios.append(fast["cpu"] / max(fast["trafilatura_cpu"], 1e-9))
        walls.append(fast["wall"])
        cpu.append(fast["cpu"])
        trafilatura_cpu.append(fast["trafilatura_cpu"])
        pages = fast["pages"]
    return {
        "pages": pages,
        "requests": requests_made,
        "connections": connections,
        "rounds": statistics.median(rounds),
        "wall_s": statistics.median(walls),
        "cpu_s": statistics.median(cpu),
        "trafilatura_s": statistics.median(trafilatura_cpu),
        "cpu_ratio": statistics.median(ratios),
        "rounds_range": (min(rounds), max(rounds)),
        "cpu_ratio_range": (min(ratios), max(ratios)),
        "max_connections": max_conns,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument(
        "--site", action="append", help="corpus site id, demo, or all (repeatable; default: plazi, the largest)"
    )
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    sites = args.site or ["plazi"]
    if "all" in sites:
        sites = [s["id"] for s in json.loads((args.corpus / "sites.json").read_text())] + ["demo"]
    folders = {site: site_folder(args.corpus, site) for site in sites}

    home = Path(tempfile.mkdtemp(prefix="scout-bench-"))
    env = {**os.environ, "SCOUT_HOME": str(home)}
    # Measure scout as installed, compiled to bytecode once: a PYTHONDONTWRITEBYTECODE environment
    # would compile every module at every start. The bytecode goes to a folder of this run.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(home / "pycache")
    subprocess.run([sys.executable, "-c", _WARM_UP], env=env, check=True)
    figures: dict[str, object] = {}

    # Latency rounds, CPU and politeness: briefings at 0 ms and 100 ms added latency.
    print(
        "site          pages requests conns  rounds (runs)       wall s  cpu s  trafilatura s  cpu ratio (runs)"
        "     max conns"
    )
    for site, folder in folders.items():
        got = brief_site(folder, args.runs, env)
        figures[site] = got
        rounds_lo, rounds_hi = got["rounds_range"]
        ratio_lo, ratio_hi = got["cpu_ratio_range"]
        print(
            f"{site:<13} {got['pages']:>5} {got['requests']:>8} {got['connections']:>5}  {got['rounds']:>6.2f}"
            f" ({rounds_lo:.2f}-{rounds_hi:.2f})  {got['wall_s']:>6.2f}  {got['cpu_s']:>5.3f}"
            f"  {got['trafilatura_s']:>13.3f}  {got['cpu_ratio']:>9.2f} ({ratio_lo:.2f}-{ratio_hi:.2f})"
            f"  {got['max_connections']:>9}"
        )
    print(
        "targets: rounds <= 3, cpu ratio <= 1.5, max conns <= 4 (medians, the runs' lowest and highest in brackets;"
        " requests, conns: made by one briefing at 0 ms)"
    )
    folder = folders[sites[0]]

    # Stored briefing: the second run answers from the database, makes no request and loads no
    # fetching or parsing library.
    with serve_site(folder) as (url, log):
        subprocess.run(
            scout_cmd("brief", url, "--no-external", "--format", "json"), env=env, capture_output=True, check=True
        )
        before = len(log.paths)
        walls = [measure(scout_cmd("brief", url, "--format", "json"), env)["wall"] for _ in range(args.runs)]
        heavy = run_child(_LOADED, "brief", url, "--format", "json", env=env)["loaded"]
        requests_made = len(log.paths) - before
    figures["stored_s"] = statistics.median(walls)
    print(
        f"stored      {figures['stored_s']:.3f} s wall, {requests_made} requests, "
        f"loaded {', '.join(heavy) or 'none of requests, trafilatura, lxml'} (target <= 0.3 s, 0)"
    )

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
    imports, lists = [], []
    for _ in range(args.runs):
        scale_home = Path(tempfile.mkdtemp(prefix="scout-bench-scale-"))
        scale_env = {**env, "SCOUT_HOME": str(scale_home)}
        csv_10k = scale_home / "connections-10k.csv"
        linkedin_csv(csv_10k, 10_000)
        imports.append(measure(scout_cmd("contacts", "import", str(csv_10k)), scale_env))
        lists.append(measure(scout_cmd("contacts", "list", "--json"), scale_env))
    failed = [run["err"] for run in imports + lists if run["rc"]]
    if failed:
        print(f"scale       failed: {failed[0]}")
    figures["import_10k"] = imported = _medians(imports)
    figures["list_10k"] = listed = _medians(lists)
    print(
        f"scale       import 10,000 rows {imported['wall']:.2f} s, {imported['peak_mib']:.0f} MiB; "
        f"list --json {listed['wall']:.2f} s, {listed['peak_mib']:.0f} MiB (target <= 2 s, <= 200 MiB)"
    )


def _medians(runs: list[dict]) -> dict[str, float]:
    return {key: statistics.median(run[key] for run in runs) for key in ("wall", "peak_mib")}


if __name__ == "__main__":
    main()
