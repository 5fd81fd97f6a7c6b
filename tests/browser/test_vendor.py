"""The vendored axe-core is the unmodified npm release recorded beside it (fast; no browser needed)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from tests.browser.axe import AXE_JS, VENDOR


def test_axe_core_matches_recorded_checksum() -> None:
    record = json.loads((VENDOR / "axe-core.VENDOR.json").read_text(encoding="utf-8"))
    assert record["file"] == AXE_JS.name
    assert hashlib.sha256(AXE_JS.read_bytes()).hexdigest() == record["sha256"]


def test_axe_core_version_and_licence_are_recorded() -> None:
    record = json.loads((VENDOR / "axe-core.VENDOR.json").read_text(encoding="utf-8"))
    assert AXE_JS.read_text(encoding="utf-8").startswith(f"/*! axe v{record['version']}")
    assert record["license"] == "MPL-2.0"
    assert "Mozilla Public License" in (VENDOR / record["license_file"]).read_text(encoding="utf-8")


SWAGGER = Path(__file__).resolve().parents[2] / "web" / "static" / "vendor" / "swagger-ui"


def test_swagger_ui_files_match_recorded_checksums() -> None:
    record = json.loads((SWAGGER / "swagger-ui.VENDOR.json").read_text(encoding="utf-8"))
    assert record["package"] == "swagger-ui-dist" and record["files"]
    for entry in record["files"]:
        assert hashlib.sha256((SWAGGER / entry["file"]).read_bytes()).hexdigest() == entry["sha256"], entry["file"]


def test_swagger_ui_version_and_licence_are_recorded() -> None:
    record = json.loads((SWAGGER / "swagger-ui.VENDOR.json").read_text(encoding="utf-8"))
    assert record["license"] == "Apache-2.0"
    assert "Apache License" in (SWAGGER / record["license_file"]).read_text(encoding="utf-8")
    assert (SWAGGER / record["notice_file"]).read_text(encoding="utf-8").strip()
    assert record["version"].count(".") == 2 and record["version"] in record["source"]
