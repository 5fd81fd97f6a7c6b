"""Contracts between code and docs: every setting documented, vendored files unmodified, CI runs the README command."""

from __future__ import annotations

import hashlib
import json
import re

from web.settings import ROOT, Settings


def test_every_setting_is_documented_in_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in Settings.model_fields:
        assert f"`SIBGUIDE_{name.upper()}`" in readme, f"SIBGUIDE_{name.upper()} saknas i README"


def test_vendored_htmx_matches_recorded_checksum() -> None:
    folder = ROOT / "web" / "static" / "js"
    meta = json.loads((folder / "htmx.VENDOR.json").read_text())
    assert hashlib.sha256((folder / meta["file"]).read_bytes()).hexdigest() == meta["sha256"]
    assert meta["license"] == "0BSD" and (folder / meta["license_file"]).exists()


def test_ci_runs_exactly_the_readme_test_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = re.findall(r"^```sh\n(.+?)\n```", readme, flags=re.M)
    assert commands[:2] == ["make run", "make test"]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert [line for line in ci.splitlines() if line and not line.startswith(("#", "set ", "cd "))] == ["make test"]
