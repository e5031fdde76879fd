"""What search engines and link previews read: canonical URLs, sitemap, robots.txt, metadata."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from pathlib import Path

import yaml
from helpers import PAGES, ROOT

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def test_every_page_names_its_canonical_url(built_page, site_url: str) -> None:
    for url in PAGES:
        assert built_page(url).find("link", rel="canonical")["href"] == site_url + url


def test_sitemap_lists_every_page(site_dir: Path, site_url: str) -> None:
    listed = {loc.text for loc in ElementTree.parse(site_dir / "sitemap.xml").iter(f"{SITEMAP}loc")}
    assert {site_url + url for url in PAGES} <= listed


def test_robots_txt_allows_all_and_points_to_the_sitemap(site_dir: Path, site_url: str) -> None:
    lines = (site_dir / "robots.txt").read_text().splitlines()
    assert "User-agent: *" in lines and "Disallow: /" not in lines
    assert f"Sitemap: {site_url}sitemap.xml" in lines


def test_every_page_declares_english(built_page) -> None:
    for url in PAGES + ["embed/"]:
        assert built_page(url).html["lang"] == "en", url


def test_every_page_has_open_graph_title_and_description(built_page) -> None:
    for url in PAGES:
        soup = built_page(url)
        title = soup.find("meta", property="og:title")["content"]
        description = soup.find("meta", property="og:description")["content"]
        assert title and title in soup.title.string, url
        assert description == soup.find("meta", attrs={"name": "description"})["content"], url


OVERCLAIMS = ["makes your", "eases it", "eases the", "tire the", "relieves", "cures", "add to the strain"]


def test_descriptions_state_no_contested_cause_or_benefit_as_fact(built_page) -> None:
    site_description = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)["site_description"]
    descriptions = {url: built_page(url).find("meta", attrs={"name": "description"})["content"] for url in PAGES}
    for url, description in descriptions.items() | {("mkdocs.yml", site_description)}:
        assert [claim for claim in OVERCLAIMS if claim in description] == [], (url, description)
    assert "can leave your lower back stiff and achy" in built_page("").find("meta", attrs={"name": "description"})["content"]
