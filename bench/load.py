"""Load test: many simultaneous users reading articles, searching and stepping through the screening.

Starts `sibguide serve` on a free loopback port (or uses `--url`, which must be a loopback address), then for each
user count runs a bounded mix of requests (time and count both capped) and prints requests per second, p50/p95/p99
latency per kind and every error. Not part of the default test run; a few-second smoke version is in tests/security.

Two engines. `wrk` (Debian's, C, the default when installed) drives the users with one `wrk` process per kind of
request, so each kind's latency is its own; it barely uses the CPU the server needs. `python` (httpx, asyncio) needs
nothing installed but, on a 2-core machine, its own work inflates the tail: at 50 users it reported p95 ~55 ms for
pages that wrk measures at ~3 ms, so its figures are an upper bound.

    .venv/bin/python bench/load.py                      # 20, 50 and 100 users, 15 s each, 1 s think time
    .venv/bin/python bench/load.py --users 50 --duration 5 --think 0   # saturation
"""

from __future__ import annotations

import argparse
import asyncio
import ipaddress
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import yaml

ROOT = Path(__file__).resolve().parent.parent
QUERIES = [
    "Hur bokför kommunen ett utfallskontrakt?",
    "vad är en social impact bond",
    "vem är utfallsansvarig",
    "effektmätning kontrollgrupp",
    "LOU upphandling av utfallskontrakt",
    "risk för investeraren",
    "Klippan",
    "förstudie och logikmodell",
    "IOP idéburet offentligt partnerskap",
    "socioekonomisk kalkyl försörjningsstöd",
]


@dataclass
class Stats:
    """Latencies in seconds per kind of request, and every error as text."""

    latencies: dict[str, list[float]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    elapsed: float = 0.0

    @property
    def count(self) -> int:
        return sum(len(v) for v in self.latencies.values()) + len(self.errors)

    def add(self, kind: str, seconds: float) -> None:
        self.latencies.setdefault(kind, []).append(seconds)


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile (p in 0–100) of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(p / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


def check_loopback(url: str) -> None:
    """Refuse to send load anywhere but this machine."""
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return
    try:
        if ipaddress.ip_address(host).is_loopback:
            return
    except ValueError:
        pass
    raise SystemExit(f"Lasttestet körs bara mot loopback (127.0.0.0/8, ::1, localhost), inte {host!r}.")


MIX = {"sok": 0.35, "api_search": 0.10, "screening": 0.20, "artikel": 0.35}
"""Share of users per kind of request: about half read, a little under half search, the rest screen."""


def questions() -> list[str]:
    """The search questions users type: the fixed list plus every question of the public dev set."""
    devset = ROOT / "bench" / "devset.yaml"
    extra = [q["q"] for q in yaml.safe_load(devset.read_text(encoding="utf-8"))["questions"]] if devset.exists() else []
    return QUERIES + extra


class Plan:
    """What the users ask for: the site's own article ids, search when it exists, screening when it exists."""

    def __init__(self, client: httpx.Client) -> None:
        self.articles = [a["url"] for a in client.get("/api/articles").json()["articles"]]
        paths = set(client.get("/openapi.json").json()["paths"])
        self.search = "/api/search" in paths and client.get("/sok", params={"q": "utfall"}).status_code == 200
        self.screening = client.get("/screening").status_code == 200
        self.screening_links = self._screening_links(client) if self.screening else []

    @staticmethod
    def _screening_links(client: httpx.Client) -> list[str]:
        """Follow the first option of each question for a few steps, keeping each step's URL."""
        links = ["/screening"]
        response = client.post("/api/screening", json={"answers": {}})
        answers: dict[str, str] = {}
        for _ in range(12):
            if response.status_code != 200:
                break
            data = response.json()
            question = data.get("question") or {}
            options = question.get("options") or []
            if not question.get("id") or not options:
                break
            answers[question["id"]] = options[0]["value"] if isinstance(options[0], dict) else str(options[0])
            links.append("/screening?a=" + ",".join(f"{k}:{v}" for k, v in answers.items()))
            response = client.post("/api/screening", json={"answers": answers})
        return links

    def paths(self, kind: str) -> list[str]:
        """Every path a user of `kind` may request."""
        if kind in ("sok", "api_search"):
            route = "/sok" if kind == "sok" else "/api/search"
            return [f"{route}?{httpx.QueryParams({'q': q})}" for q in questions()] if self.search else []
        if kind == "screening":
            return self.screening_links
        return self.articles

    def pick(self, rng: random.Random) -> tuple[str, str]:
        """One request as (kind, path): about half articles, a third searches, the rest screening steps."""
        roll = rng.random()
        if self.search and roll < 0.35:
            return "sok", "/sok?" + httpx.QueryParams({"q": rng.choice(QUERIES)}).__str__()
        if self.search and roll < 0.45:
            return "api_search", "/api/search?" + httpx.QueryParams({"q": rng.choice(QUERIES)}).__str__()
        if self.screening_links and roll > 0.8:
            return "screening", rng.choice(self.screening_links)
        return "artikel", rng.choice(self.articles)


async def run_load(
    base_url: str, plan: Plan, users: int, duration: float, max_requests: int, seed: int = 1, think: float = 0.0
) -> Stats:
    """`users` concurrent loops until the time or the count runs out; each user waits about `think` seconds
    (uniformly 0.5–1.5 × think) between requests, as a reader does; `think=0` measures saturation."""
    check_loopback(base_url)
    stats = Stats()
    deadline = time.perf_counter() + duration
    issued = 0
    limits = httpx.Limits(max_connections=users, max_keepalive_connections=users)
    async with httpx.AsyncClient(base_url=base_url, limits=limits, timeout=30.0) as client:

        async def user(number: int) -> None:
            nonlocal issued
            rng = random.Random(seed * 1000 + number)
            while time.perf_counter() < deadline and issued < max_requests:
                issued += 1
                kind, path = plan.pick(rng)
                start = time.perf_counter()
                try:
                    response = await client.get(path)
                except httpx.HTTPError as exc:
                    stats.errors.append(f"{kind} {path}: {type(exc).__name__}")
                    continue
                took = time.perf_counter() - start
                if response.status_code >= 400:
                    stats.errors.append(f"{kind} {path}: HTTP {response.status_code}")
                else:
                    stats.add(kind, took)
                if think > 0:
                    await asyncio.sleep(think * rng.uniform(0.5, 1.5))

        began = time.perf_counter()
        await asyncio.gather(*(user(i) for i in range(users)))
        stats.elapsed = time.perf_counter() - began
    return stats


WRK_SCRIPT = """
local paths = {}
for line in io.lines(os.getenv("SIB_PATHS")) do paths[#paths + 1] = line end
local think = tonumber(os.getenv("SIB_THINK_MS"))
local limit = tonumber(os.getenv("SIB_MAX"))
local count = 0
math.randomseed(tonumber(os.getenv("SIB_SEED")))
request = function() return wrk.format("GET", paths[math.random(#paths)]) end
delay = function() return math.floor(think * (0.5 + math.random())) end
response = function()
  count = count + 1
  if count >= limit then wrk.thread:stop() end
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "SIBRESULT %d %d %d %d %d %d %d\\n", summary.requests, summary.duration, latency:percentile(50),
    latency:percentile(95), latency:percentile(99), e.connect + e.read + e.write + e.timeout, e.status))
end
"""


@dataclass
class KindResult:
    """One kind of request in a wrk run: latencies in milliseconds."""

    kind: str
    users: int
    requests: int
    seconds: float
    p50: float
    p95: float
    p99: float
    errors: int


def run_wrk(base_url: str, plan: Plan, users: int, duration: float, max_requests: int, think: float,
            seed: int = 1) -> list[KindResult]:
    """`users` split over the kinds of MIX, one `wrk` process per kind running at the same time; each user waits
    0.5–1.5 × `think` seconds between requests, and all stop at `duration` or after `max_requests` in all."""
    check_loopback(base_url)
    tmp = Path(tempfile.mkdtemp(prefix="sib-wrk-"))
    script = tmp / "mix.lua"
    script.write_text(WRK_SCRIPT, encoding="utf-8")
    kinds = [(k, max(1, round(users * share))) for k, share in MIX.items() if plan.paths(k)]
    procs = []
    for n, (kind, connections) in enumerate(kinds):
        paths = tmp / f"{kind}.txt"
        paths.write_text("\n".join(plan.paths(kind)) + "\n", encoding="utf-8")
        env = {**os.environ, "SIB_PATHS": str(paths), "SIB_THINK_MS": str(int(think * 1000)),
               "SIB_MAX": str(max(1, max_requests * connections // users)), "SIB_SEED": str(seed * 10 + n)}
        cmd = ["wrk", "-t1", f"-c{connections}", f"-d{max(1, round(duration))}s", "--timeout", "30s",
               "-s", str(script), base_url]
        procs.append((kind, connections, subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, text=True)))
    results = []
    for kind, connections, proc in procs:
        out, _ = proc.communicate()
        line = next((x for x in out.splitlines() if x.startswith("SIBRESULT")), None)
        if line is None:
            raise RuntimeError(f"wrk gav inget resultat för {kind}: {out[-500:]}")
        requests, micros, p50, p95, p99, failed, status = (int(v) for v in line.split()[1:])
        results.append(KindResult(kind, connections, requests, micros / 1e6, p50 / 1000, p95 / 1000, p99 / 1000,
                                  failed + status))
    return results


def report_wrk(users: int, results: list[KindResult]) -> str:
    total = sum(r.requests for r in results)
    seconds = max((r.seconds for r in results), default=1.0)
    errors = sum(r.errors for r in results)
    lines = [f"users={users} requests={total} errors={errors} elapsed={seconds:.1f}s rps={total / seconds:.1f}"]
    for r in results:
        lines.append(f"  {r.kind:<11} users={r.users:<3} n={r.requests:<6} p50={r.p50:7.1f} ms "
                     f"p95={r.p95:7.1f} ms p99={r.p99:7.1f} ms errors={r.errors}")
    return "\n".join(lines)


def report(users: int, stats: Stats) -> str:
    lines = [
        f"users={users} requests={stats.count} errors={len(stats.errors)} "
        f"elapsed={stats.elapsed:.1f}s rps={stats.count / stats.elapsed:.1f}"
    ]
    everything = [t for v in stats.latencies.values() for t in v]
    for kind, values in [*sorted(stats.latencies.items()), ("alla", everything)]:
        if values:
            lines.append(
                f"  {kind:<11} n={len(values):<6} p50={percentile(values, 50) * 1000:7.1f} ms "
                f"p95={percentile(values, 95) * 1000:7.1f} ms p99={percentile(values, 99) * 1000:7.1f} ms "
                f"mean={statistics.fmean(values) * 1000:7.1f} ms"
            )
    for error in sorted(set(stats.errors))[:10]:
        lines.append(f"  FEL {error}")
    return "\n".join(lines)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serve(model: str = "none", timeout: float = 180.0, workers: int = 1) -> Iterator[str]:
    """`sibguide serve` on a free loopback port with a throwaway index; yields its base URL and stops it after."""
    port = free_port()
    tmp = tempfile.mkdtemp(prefix="sib-load-")
    env = {
        **os.environ,
        "SIBGUIDE_EMBEDDING_MODEL": model,
        "SIBGUIDE_INDEX_DIR": os.environ.get("SIBGUIDE_INDEX_DIR", str(Path(tmp) / "index")),
    }
    exe = Path(sys.executable).parent / "sibguide"
    cmd = [str(exe), "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers)]
    log = (Path(tmp) / "server.log").open("w+b")
    proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=log)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                log.seek(0)
                raise RuntimeError(f"servern avslutades: {log.read().decode(errors='replace')[-2000:]}")
            try:
                if httpx.get(url + "/healthz", timeout=1.0).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("servern svarade inte i tid")
            time.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", default="20,50,100", help="användare samtidigt, kommaseparerat")
    parser.add_argument("--duration", type=float, default=15.0, help="sekunder per nivå (tak)")
    parser.add_argument("--max-requests", type=int, default=20_000, help="förfrågningar per nivå (tak)")
    parser.add_argument("--url", help="redan startad server på loopback (annars startas `sibguide serve`)")
    parser.add_argument("--model", default="none", help="SIBGUIDE_EMBEDDING_MODEL för servern som startas")
    parser.add_argument("--think", type=float, default=1.0,
                        help="sekunders betänketid mellan en användares klick (0 = mätning av maxkapacitet)")
    parser.add_argument("--engine", choices=["wrk", "python"], default="wrk" if shutil.which("wrk") else "python",
                        help="lastgenerator (wrk om det finns installerat)")
    parser.add_argument("--workers", type=int, default=1, help="serverprocesser för servern som startas")
    args = parser.parse_args(argv)
    levels = [int(u) for u in args.users.split(",")]

    def run(url: str) -> int:
        check_loopback(url)
        with httpx.Client(base_url=url, timeout=30.0) as client:
            plan = Plan(client)
            health = client.get("/healthz").json()
        print(f"server {url} health={health} think={args.think}s workers={args.workers} engine={args.engine}")
        print(
            f"mix: artiklar={len(plan.articles)} sök={'ja' if plan.search else 'nej'} "
            f"screening={len(plan.screening_links)} steg"
        )
        failed = 0
        for users in levels:
            asyncio.run(run_load(url, plan, users, 1.0, users * 2, seed=0))  # warm-up, not counted
            if args.engine == "wrk":
                results = run_wrk(url, plan, users, args.duration, args.max_requests, args.think)
                print(report_wrk(users, results), flush=True)
                failed += sum(r.errors for r in results)
                continue
            stats = asyncio.run(run_load(url, plan, users, args.duration, args.max_requests, think=args.think))
            print(report(users, stats), flush=True)
            failed += len(stats.errors)
        return 1 if failed else 0

    if args.url:
        return run(args.url)
    with serve(args.model, workers=args.workers) as url:
        return run(url)


if __name__ == "__main__":
    sys.exit(main())
