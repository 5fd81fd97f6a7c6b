"""Course plans (`content/sv/kurs/planer.yaml`): a half day and a full day assembled from the modules.

A plan is a list of blocks, each a module (with the minutes it gets in this plan) or a break; `sibguide check`
refuses a plan whose blocks do not add up to its stated length, a module that does not exist or appears twice, or a
module given more time than the module itself lists.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from assistant.kurs.model import Module
from kb.errors import ContentError, swedish_pydantic_error
from kb.frontmatter import read_yaml
from kb.models import SLUG

FILE = "planer.yaml"


class BlockIn(BaseModel):
    """A module block (`module`) or a break (`title` without `module`)."""

    model_config = ConfigDict(extra="forbid")
    module: str | None = Field(default=None, pattern=SLUG)
    title: str | None = None
    minutes: int = Field(ge=5, le=240)
    note: str | None = None

    @model_validator(mode="after")
    def _module_or_title(self) -> BlockIn:
        if (self.module is None) == (self.title is None):
            raise ValueError("ett block har antingen module (en kursmodul) eller title (t.ex. Paus), inte båda")
        return self


class PlanIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str = Field(pattern=SLUG)
    title: str = Field(min_length=1)
    summary: str = Field(min_length=1)
    start: str = Field(pattern=r"^([01]\d|2[0-3]):[0-5]\d$")
    minutes: int = Field(ge=30, le=600)
    blocks: list[BlockIn] = Field(min_length=2)


class PlansIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    plans: list[PlanIn] = Field(min_length=1)


@dataclass(frozen=True)
class Block:
    """One row of a plan with its clock times; `module` is None for a break."""

    module: Module | None
    title: str
    minutes: int
    start: str
    end: str
    note: str | None


@dataclass(frozen=True)
class Plan:
    id: str
    title: str
    summary: str
    minutes: int
    blocks: tuple[Block, ...]

    @property
    def teaching_minutes(self) -> int:
        return sum(b.minutes for b in self.blocks if b.module is not None)


def module_minutes(module: Module) -> int | None:
    """The module's own length in minutes, from `duration` ("75 minuter")."""
    m = re.match(r"^\s*(\d+)\s*min", module.duration)
    return int(m.group(1)) if m else None


def _clock(start: str, minutes: int) -> str:
    t = dt.datetime.combine(dt.date(2000, 1, 1), dt.time.fromisoformat(start)) + dt.timedelta(minutes=minutes)
    return t.strftime("%H.%M")


def check_plans(root: Path, modules: list[Module]) -> tuple[list[Plan], list[ContentError]]:
    """The plans in `root/kurs/planer.yaml` with clock times, and every problem as `path:line: message`."""
    path = root / "kurs" / FILE
    if not path.exists():
        return [], []
    data, key_lines, item_lines, errors = read_yaml(path)
    if errors:
        return [], errors
    try:
        parsed = PlansIn.model_validate(data)
    except ValidationError as exc:
        return [], [ContentError(path, _line(item_lines, key_lines, e["loc"]), _message(e)) for e in exc.errors()]
    by_id = {m.id: m for m in modules}
    plans: list[Plan] = []
    for i, p in enumerate(parsed.plans):
        line = _line(item_lines, key_lines, ("plans", i))
        blocks: list[Block] = []
        elapsed, seen = 0, set()
        for b in p.blocks:
            module = by_id.get(b.module) if b.module else None
            if b.module and module is None:
                errors.append(ContentError(path, line, f"planen {p.id!r}: modulen {b.module!r} finns inte"))
            elif b.module and b.module in seen:
                errors.append(ContentError(path, line, f"planen {p.id!r}: modulen {b.module!r} finns två gånger"))
            elif module is not None and (own := module_minutes(module)) is not None and b.minutes > own:
                errors.append(ContentError(
                    path, line, f"planen {p.id!r}: {b.minutes} minuter för {b.module!r}, men modulen tar {own}"))
            seen.add(b.module)
            title = module.title if module else (b.title or "")
            blocks.append(Block(module, title, b.minutes, _clock(p.start, elapsed),
                                _clock(p.start, elapsed + b.minutes), b.note))
            elapsed += b.minutes
        if elapsed != p.minutes:
            errors.append(ContentError(
                path, line, f"planen {p.id!r}: blocken blir {elapsed} minuter men planen säger {p.minutes}"))
        plans.append(Plan(p.id, p.title, p.summary, p.minutes, tuple(blocks)))
    if len({p.id for p in plans}) != len(plans):
        errors.append(ContentError(path, 1, "två planer har samma id"))
    return plans, errors


def _line(item_lines: dict[str, list[int]], key_lines: dict[str, int], loc: tuple[int | str, ...]) -> int:
    if len(loc) >= 2 and loc[0] == "plans" and isinstance(loc[1], int) and loc[1] < len(item_lines.get("plans", [])):
        return item_lines["plans"][loc[1]]
    return key_lines.get("plans", 1)


def _message(err: object) -> str:
    assert isinstance(err, dict)
    where = ".".join(str(p) for p in err["loc"])
    return f"fältet {where!r}: {swedish_pydantic_error(err)}"
