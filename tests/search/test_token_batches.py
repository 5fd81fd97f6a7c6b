"""Index batches by token length: every text once, short texts together, no batch over its token budget."""

from __future__ import annotations

import pytest

from kb.onnx_backend import build_workers, token_batches


def test_batches_cover_every_text_once_in_length_order() -> None:
    lengths = [300, 12, 40, 12, 511, 45, 41, 200, 13] * 7
    batches = token_batches(lengths, budget=512, max_rows=8)
    flat = [i for b in batches for i in b]
    assert sorted(flat) == list(range(len(lengths)))
    assert [lengths[i] for i in flat] == sorted(lengths)


def test_batches_keep_to_the_budget_and_the_row_limit() -> None:
    lengths = [10] * 100 + [120] * 10 + [600]
    batches = token_batches(lengths, budget=480, max_rows=32)
    for batch in batches:
        padded = len(batch) * max(lengths[i] for i in batch)
        assert len(batch) <= 32 and (padded <= 480 or len(batch) == 1), (len(batch), padded)
    assert [len(b) for b in batches][:4] == [32, 32, 32, 4]  # short texts fill whole batches; 120-token ones four
    assert token_batches([]) == []


def test_build_workers_follow_the_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SIBGUIDE_BUILD_WORKERS", "3")
    assert build_workers() == 3
    monkeypatch.setenv("SIBGUIDE_BUILD_WORKERS", "ingen siffra")
    assert build_workers() >= 1
    monkeypatch.delenv("SIBGUIDE_BUILD_WORKERS")
    assert build_workers() >= 1
