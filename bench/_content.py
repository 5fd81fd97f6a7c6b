"""Load the content for benchmarks even while writers are mid-edit: broken files are skipped and reported."""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

import kb.loader
from kb.models import Content


def load(root: Path) -> Content:
    content, errors = kb.loader.check_content(root)
    if content is not None:
        return content
    print(f"[varning] innehållet har {len(errors)} fel; hoppar över trasiga filer och korskontroller", file=sys.stderr)
    original = kb.loader._cross_checks
    kb.loader._cross_checks = lambda *a, **k: []
    tmp = Path(tempfile.mkdtemp(prefix="sib-bench-"))
    try:
        work = tmp / "sv"
        shutil.copytree(root, work)
        for _ in range(5):
            content, errors = kb.loader.check_content(work)
            if content is not None:
                return content
            for e in errors:
                p = Path(e.path)
                if p.suffix == ".md" and p.exists():
                    print(f"[varning] hoppar över {p.relative_to(work)}: {e.message}", file=sys.stderr)
                    p.unlink()
        raise SystemExit("\n".join(str(e) for e in errors[:20]))
    finally:
        kb.loader._cross_checks = original
        shutil.rmtree(tmp, ignore_errors=True)
