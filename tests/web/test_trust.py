"""Who stands behind the site and how current it is: publisher settings, the no-publisher statement, legal notices."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError

from kb.currency import article_legal_states
from kb.models import Content
from tests.conftest import FIXTURE_CONTENT, make_settings
from web.app import create_app
from web.settings import Settings

PUBLISHER = {"publisher_name": "Exempelkommunen", "contact_email": "sib@exempel.se",
             "contact_url": "https://exempel.se/kontakt", "feedback_url": "mailto:synpunkter@exempel.se"}


@pytest.fixture
def published(tmp_path: Path) -> Iterator[TestClient]:
    with TestClient(create_app(make_settings(FIXTURE_CONTENT, tmp_path, **PUBLISHER))) as c:
        yield c


@pytest.fixture
def real(real_client: TestClient) -> TestClient:
    return real_client


@pytest.mark.parametrize(("field", "value", "message"), [
    ("contact_email", "inte-en-adress", "ingen giltig e-postadress"),
    ("contact_url", "javascript:alert(1)", "ingen webbadress"),
    ("feedback_url", "ftp://exempel.se", "varken en webbadress"),
    ("publisher_name", "X", "2–200 tecken"),
])
def test_bad_publisher_settings_are_refused_with_a_message(tmp_path: Path, field: str, value: str,
                                                           message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        make_settings(FIXTURE_CONTENT, tmp_path, **{**PUBLISHER, field: value})


def test_contact_without_a_publisher_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="SIBGUIDE_PUBLISHER_NAME"):
        make_settings(FIXTURE_CONTENT, tmp_path, contact_email="sib@exempel.se")


def test_publisher_settings_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SIBGUIDE_PUBLISHER_NAME", "  Exempelkommunen ")
    monkeypatch.setenv("SIBGUIDE_CONTACT_EMAIL", "sib@exempel.se")
    monkeypatch.setenv("SIBGUIDE_FEEDBACK_URL", "")
    settings = Settings(content_dir=FIXTURE_CONTENT)
    assert (settings.publisher_name, settings.contact_email, settings.feedback_url) == (
        "Exempelkommunen", "sib@exempel.se", None)


def test_without_publisher_every_page_says_so_and_there_is_no_dead_end(client: TestClient) -> None:
    for url in ("/", "/artiklar/vad-ar-sib", "/om"):
        assert "har ingen namngiven utgivare" in client.get(url).text
    about = client.get("/om").text
    assert "förvaltaren" not in about
    assert 'id="utgivare"' in about and "kan du vända dig direkt till Digg" in about


def test_publisher_and_contacts_are_shown_on_about_footer_and_accessibility_statement(published: TestClient) -> None:
    page = published.get("/artiklar/vad-ar-sib").text
    footer = page[page.index('<footer class="site-footer"'):]
    assert "Utgivare: Exempelkommunen" in footer and 'href="mailto:synpunkter@exempel.se"' in footer
    about = published.get("/om").text
    assert "ges ut av <strong>Exempelkommunen</strong>" in about
    statement = about[about.index('id="tillganglighet-kontakt"'):]
    assert 'href="mailto:sib@exempel.se"' in statement and 'href="https://exempel.se/kontakt"' in statement
    assert "ingen namngiven utgivare" not in about


def test_every_article_citing_the_law_chapter_carries_the_legal_notice(real_content: Content) -> None:
    content = real_content
    citing = {a.id for a in content.articles.values() for s in a.sections for c in s.citations
              if (c.doc, c.chapter) == ("fryshuset2018", "juridik")}
    assert len(citing) >= 5
    for article in content.articles.values():
        notices = [s.notice for s in article_legal_states(article, content.sources)]
        expected = ["Rättsläget våren 2018 – kontrollera gällande regler"] if article.id in citing else []
        assert notices == expected, article.id


def test_article_page_shows_legal_notice_and_tells_review_date_from_source_date(real: TestClient) -> None:
    law = real.get("/artiklar/lou-och-utfallskontrakt").text
    assert "Rättsläget våren 2018 – kontrollera gällande regler" in law
    assert "Texten granskad 20" in law and "Bygger på källor från 2018" in law
    assert "Uppdaterad" not in law
    assert "Rättsläget" not in real.get("/artiklar/vad-ar-sib").text


def test_about_page_states_how_pages_are_cited(real: TestClient) -> None:
    about = real.get("/om").text
    assert "de sidor kapitlet spänner över" in about and "(s. 77–83) – beskriver rättsläget våren 2018" in about
