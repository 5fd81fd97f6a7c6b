"""The site under a root path (`/sib-guiden`) and at the top of its host: every internal link, form, htmx URL,
script, stylesheet and CSS `url()` reachable from the start page and the API docs answers, and none leaves the
prefix. Exports use the public base URL with the prefix."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from fastapi.testclient import TestClient

from assistant.validate import Checked
from tests.conftest import FIXTURE_CONTENT, make_settings
from web.app import create_app
from web.settings import Settings
from web.urls import Urls

PREFIX = "/sib-guiden"
LINK_ATTRS = {"href", "src", "action", "hx-get", "hx-post", "data-src", "data-openapi"}
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)""")
TEMPLATES = Path(__file__).resolve().parents[2] / "web" / "templates"
# Pages a crawl from `/` cannot reach by links alone: a screening result (with its export form) and its review.
ANSWERED = ("/screening?a=utover-ordinarie:mer-av-samma,kostnad:ingen",
            "/screening/granska?a=utover-ordinarie:mer-av-samma,kostnad:ingen")


class _Links(HTMLParser):
    """Every URL a page points to, whether the link is a POST, and the ids that fragments can point to."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, bool]] = []
        self.ids: set[str] = set()
        self._post_form = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if "id" in values:
            self.ids.add(values["id"])
        if tag == "a" and "name" in values:
            self.ids.add(values["name"])
        post = tag == "form" and values.get("method", "get").lower() == "post"
        for name in LINK_ATTRS & values.keys():
            self.links.append((values[name], post or name == "hx-post"))


@dataclass
class Crawl:
    pages: int = 0
    checked: int = 0
    problems: list[str] = field(default_factory=list)


def crawl(client: TestClient, prefix: str, seeds: tuple[str, ...] = ()) -> Crawl:
    """Breadth-first over every internal GET link from `/`, `/docs` and `seeds`; POST targets are posted once,
    empty (they must exist and not fail, whatever they say about the missing input)."""
    result = Crawl()
    queue = [f"{prefix}/", f"{prefix}/docs", *(prefix + s for s in seeds)]
    seen = set(queue)
    posted: set[str] = set()
    ids: dict[str, set[str]] = {}
    fragments: list[tuple[str, str, str]] = []  # (page, target path, fragment)

    def internal(page: str, raw: str, post: bool) -> None:
        if raw.startswith(("mailto:", "data:", "javascript:")) or raw.startswith("#") or not raw:
            return
        url, fragment = urldefrag(urljoin("http://testserver" + page, raw))
        parts = urlsplit(url)
        if parts.netloc != "testserver":
            return
        result.checked += 1
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if not (parts.path == f"{prefix}/" or parts.path.startswith(f"{prefix}/")):
            result.problems.append(f"{page}: {raw!r} leaves the prefix {prefix!r}")
            return
        if post:
            if path not in posted:
                posted.add(path)
                status = client.post(path, data={}).status_code
                if status in (404, 405) or status >= 500:
                    result.problems.append(f"{page}: POST {raw!r} gives {status}")
            return
        if fragment:
            fragments.append((page, path, fragment))
        if path not in seen:
            seen.add(path)
            queue.append(path)

    while queue:
        path = queue.pop(0)
        r = client.get(path, follow_redirects=False)
        result.pages += 1
        if 300 <= r.status_code < 400:
            internal(path, r.headers["location"], False)
            continue
        if r.status_code != 200:
            result.problems.append(f"{path}: {r.status_code}")
            continue
        kind = r.headers.get("content-type", "")
        if kind.startswith("text/html"):
            parser = _Links()
            parser.feed(r.text)
            ids[path] = parser.ids
            for raw, post in parser.links:
                internal(path, raw, post)
        elif kind.startswith("text/css"):
            for raw in CSS_URL.findall(r.text):
                internal(path, raw, False)
    for page, target, fragment in fragments:
        if target in ids and fragment not in ids[target]:
            result.problems.append(f"{page}: #{fragment} is not on {target}")
    return result


@pytest.fixture(scope="module")
def prefixed(real_settings: Settings, real_checked: Checked) -> Iterator[TestClient]:
    """The real content served under /sib-guiden: a second app, so its tests are marked `crawl`."""
    settings = real_settings.model_copy(update={"root_path": PREFIX})
    with TestClient(create_app(settings, real_checked)) as c:
        yield c


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """The fixture corpus under /sib-guiden (it has no screening or course, and the calculators' notes link to
    articles it lacks)."""
    settings = make_settings(FIXTURE_CONTENT, tmp_path_factory.mktemp("prefix"), root_path=PREFIX)
    with TestClient(create_app(settings)) as c:
        yield c


@pytest.mark.crawl
def test_whole_site_under_a_root_path_has_no_broken_or_escaping_link(prefixed: TestClient) -> None:
    result = crawl(prefixed, PREFIX, ANSWERED)
    assert not result.problems, "\n".join(result.problems[:30])
    assert result.pages > 100 and result.checked > 3000, (result.pages, result.checked)
    print(f"prefix {PREFIX}: {result.pages} pages, {result.checked} links")


def test_whole_site_without_root_path_has_no_broken_link(real_client: TestClient) -> None:
    result = crawl(real_client, "", ANSWERED)
    assert not result.problems, "\n".join(result.problems[:30])
    assert result.pages > 100 and result.checked > 3000, (result.pages, result.checked)
    print(f"no prefix: {result.pages} pages, {result.checked} links")


def test_no_link_leaves_the_root_path(small: TestClient) -> None:
    result = crawl(small, PREFIX)
    assert result.pages > 20 and result.checked > 300, (result.pages, result.checked)
    assert not [p for p in result.problems if "leaves the prefix" in p or "POST" in p], result.problems


def test_prefix_is_served_whether_or_not_the_proxy_strips_it(small: TestClient) -> None:
    stripped, kept = small.get("/om"), small.get(f"{PREFIX}/om")
    assert stripped.status_code == kept.status_code == 200 and stripped.text == kept.text
    assert small.get(PREFIX).status_code == 200
    assert 'href="/om"' not in kept.text and f'href="{PREFIX}/om"' in kept.text
    assert 'aria-current="page">Om<' in kept.text


def test_trailing_slash_redirect_stays_under_the_prefix(small: TestClient) -> None:
    slash = small.get(f"{PREFIX}/artiklar/vad-ar-sib/", follow_redirects=False)
    assert slash.status_code in (307, 308)
    assert urlsplit(slash.headers["location"]).path == f"{PREFIX}/artiklar/vad-ar-sib"


@pytest.mark.crawl
def test_screening_redirects_stay_under_the_prefix(prefixed: TestClient) -> None:
    start = prefixed.get(f"{PREFIX}/screening?a=").text
    question = re.search(r'name="q" value="([^"]+)"', start)
    option = re.search(r'name="v" value="([^"]+)"', start)
    assert question and option
    params = {"a": "", "q": question[1], "v": option[1]}
    answered = prefixed.get(f"{PREFIX}/screening", params=params, follow_redirects=False)
    assert answered.status_code == 303 and answered.headers["location"].startswith(f"{PREFIX}/screening?a=")
    htmx = prefixed.get(f"{PREFIX}/screening", params=params, headers={"HX-Request": "true"})
    assert htmx.headers["HX-Push-Url"].startswith(f"{PREFIX}/screening?a=")
    answers = "utover-ordinarie:mer-av-samma,kostnad:ingen"
    verdict = prefixed.post(f"{PREFIX}/api/screening", json={"answers": answers})
    urls = re.findall(r'"url": ?"([^"]+)"', verdict.text)
    assert urls and all(u.startswith(f"{PREFIX}/artiklar/") for u in urls)
    md = prefixed.post(f"{PREFIX}/screening/export", data={"a": answers, "format": "md"}).text
    assert f"<http://testserver{PREFIX}/screening?a=" in md and f"](http://testserver{PREFIX}/artiklar/" in md
    assert "](http://testserver/artiklar/" not in md


def test_api_and_errors_know_their_routes_under_the_prefix(small: TestClient) -> None:
    articles = small.get(f"{PREFIX}/api/articles").json()["articles"]
    assert articles and all(a["url"].startswith(f"{PREFIX}/artiklar/") for a in articles)
    missing = small.get(f"{PREFIX}/api/articles/finns-inte")
    assert missing.status_code == 404 and missing.headers["content-type"].startswith("application/json")
    hits = small.get(f"{PREFIX}/api/search", params={"q": "Vad är en SIB?"}).json()["results"]
    assert hits and all(h["url"].startswith(f"{PREFIX}/artiklar/") for h in hits)
    assert small.get(f"{PREFIX}/openapi.json").json()["servers"] == [{"url": PREFIX}]
    assert f'data-openapi="{PREFIX}/openapi.json"' in small.get(f"{PREFIX}/docs").text


def test_exports_link_to_the_public_base_with_the_prefix(tmp_path: Path) -> None:
    settings = make_settings(FIXTURE_CONTENT, tmp_path, root_path=PREFIX, public_base_url="https://exempel.se")
    with TestClient(create_app(settings)) as c:
        md = c.get(f"{PREFIX}/sok.md", params={"q": "Vad är en SIB?"}).text
    assert "](https://exempel.se/sib-guiden/artiklar/" in md and "](/" not in md


def test_public_base_url_and_root_path_must_agree(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="ska vara samma sökväg"):
        make_settings(FIXTURE_CONTENT, tmp_path, root_path="/a", public_base_url="https://exempel.se/b")
    assert make_settings(FIXTURE_CONTENT, tmp_path, root_path="sib-guiden/").root_path == PREFIX
    for bad in ("/../x", "/a b", "/a?b"):
        with pytest.raises(ValueError, match="ingen sökväg"):
            make_settings(FIXTURE_CONTENT, tmp_path, root_path=bad)


def test_templates_build_every_internal_address_through_urls() -> None:
    literal = re.compile(r"""(?:href|src|action|hx-get|hx-post|data-src)=["']/""")
    found = [f"{p.relative_to(TEMPLATES)}: {m[0]}" for p in sorted(TEMPLATES.rglob("*.html"))
             for m in literal.finditer(p.read_text(encoding="utf-8"))]
    assert not found, found


def test_kb_and_assistant_hold_no_site_paths() -> None:
    root = TEMPLATES.parents[1]
    path = re.compile(r"""["'(]/(artiklar|ordlista|om|sok|screening|kurs|kursledare|kalkyl|redovisning|static)\b""")
    found = [f"{p.relative_to(root)}:{n}" for area in ("kb", "assistant") for p in sorted((root / area).rglob("*.py"))
             for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if path.search(line)]
    assert not found, found


def test_a_root_path_from_the_server_alone_is_reported(fixture_settings: Settings,
                                                        caplog: pytest.LogCaptureFixture) -> None:
    with TestClient(create_app(fixture_settings), root_path="/x") as c, caplog.at_level("WARNING", "sibguide"):
        assert 'href="/x/om"' in c.get("/x/om").text
        c.get("/x/om")
    assert [r.getMessage() for r in caplog.records].count(
        "Servern anger sökvägen /x men SIBGUIDE_ROOT_PATH är inte satt; länkarna i artiklarna saknar då sökvägen. "
        "Sätt SIBGUIDE_ROOT_PATH=/x.") == 1


def test_urls_put_every_address_under_its_base() -> None:
    for base in ("", PREFIX, "https://exempel.se/sib-guiden"):
        urls = Urls(base)
        assert urls.home() == f"{base}/"
        article = urls.article("roller", "intro", highlight="roller.intro.1")
        assert article == f"{base}/artiklar/roller?markera=roller.intro.1#intro"
        assert urls.search("Vad är en SIB?", 5) == f"{base}/sok?q=Vad+%C3%A4r+en+SIB%3F&k=5"
        assert urls.calculator("kalkyl", "a=1", export="csv") == f"{base}/kalkyl/export?format=csv&a=1"
        assert urls.course("roller", "test") == f"{base}/kurs/roller/test"
        assert urls.static("css/site.css") == f"{base}/static/css/site.css"
        assert urls.source("fryshuset2018") == f"{base}/om#kalla-fryshuset2018"
