"""No broken link is ever published: the build checks every link and anchor on the site it wrote, and
stops if one leads nowhere; links to other sites are listed for a person, never fetched."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from tracker import csp, links

ROOT = Path(__file__).resolve().parents[1]
SITE_URL = "http://127.0.0.1:8000/"  # mkdocs.yml's default
RECOMMENDATION = "reviews/peer-on-peer-abuse-2019/recommendations/i/"


def build(project: Path, out: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "TRACKER_DATA_DIR")}
    env.update(NO_MKDOCS_2_WARNING="1", TRACKER_DATA_DIR=str(ROOT / "data"))
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)],
                          cwd=project, env=env, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def real_site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("real-site")
    result = build(ROOT, out)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the project's site sources (the real data is used where it is)."""
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    for folder in ("docs", "hooks", "overrides"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    return tmp_path


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path}: {old!r} not found"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# --- the real build ----------------------------------------------------------------------------

def test_the_real_site_has_no_broken_link(real_site):
    started = time.perf_counter()
    assert links.check(real_site, SITE_URL) == []
    assert time.perf_counter() - started < 5, "the link check should take well under a second on the real record"


def test_a_broken_link_on_a_page_stops_the_build_naming_the_page_and_the_link(project, tmp_path):
    edit(project / "docs" / "privacy.md", "# Privacy\n",
         '# Privacy\n\n<p><a href="../no-such-page/">An old address</a></p>\n')
    result = build(project, tmp_path / "out")
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "1 link is broken on the built site, so it must not be published" in output, output
    assert ("On the page privacy/ (privacy/index.html): it leads to no-such-page/, which is not on the site "
            "(the link: ../no-such-page/)") in output, output
    assert "Traceback" not in output


def test_a_broken_anchor_in_a_record_page_stops_the_build_naming_the_page_and_the_link(project, tmp_path):
    template = project / "overrides" / "records" / "recommendation.html"
    first, rest = template.read_text(encoding="utf-8").split("\n", 1)
    template.write_text(first + '\n<p><a href="../ii/#no-such-place">See ii</a></p>\n' + rest, encoding="utf-8")
    result = build(project, tmp_path / "out")
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert (f"On the page {RECOMMENDATION} ({RECOMMENDATION}index.html): it leads to the place "
            f'"#no-such-place" on the page reviews/peer-on-peer-abuse-2019/recommendations/ii/, which has no '
            f"such place (the link: ../ii/#no-such-place)") in output, output
    assert "Traceback" not in output


def test_external_links_are_listed_with_their_pages_and_never_fetched(real_site, capsys, monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("the external-links listing tried to connect to another host")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    assert links.main(["external", str(real_site)]) == 0
    out = capsys.readouterr().out
    sources = [yaml.safe_load(p.read_text(encoding="utf-8"))
               for p in sorted((ROOT / "data" / "council" / "sources").glob("*.yml"))]
    addresses = [s["url"] for s in sources if s.get("url")]
    assert addresses, "the council's sources give no addresses"
    listed = out.split("\n\n")
    for address in addresses:
        block = next((b for b in listed if b.split("\n")[0].split()[0] == address), None)
        assert block, f"{address} is missing from the list:\n{out}"
        assert "    sources/" in block.split("\n"), f"{address}: the sources page is not among its pages:\n{block}"
    assert SITE_URL not in out, "the site's own addresses are not external"
    assert "https://json-schema.org" not in out, "a schema's $schema names a vocabulary, not a page"


def test_the_command_runs_as_a_module_and_finds_the_site_url_itself(real_site):
    result = subprocess.run([sys.executable, "-m", "tracker.links", "check", str(real_site)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "leads somewhere" in result.stdout
    missing = subprocess.run([sys.executable, "-m", "tracker.links", "external", str(real_site / "nothing")],
                             capture_output=True, text=True, timeout=60)
    assert missing.returncode == 2 and "build it first" in missing.stderr


# --- what the check catches, one small site at a time ------------------------------------------

def page(body: str = "", head: str = "", protected: bool = True) -> str:
    policy = csp.meta() if protected else ""
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8">{policy}<title>A page</title>{head}'
            f'</head><body>{body}</body></html>')


BASE = {
    "index.html": page('<h1 id="top-heading">Home</h1><a href="a/">A</a>'),
    "a/index.html": page('<h2 id="here">Here</h2><a name="old-name"></a>'),
    "404.html": page('<a href="/">Home</a>'),
    "downloads/x.csv": "id,url\r\n1,http://127.0.0.1:8000/a/#here\r\n",
    "assets/site.css": 'a { background: url("../img/dot.png") } b { mask: url("data:image/svg+xml;utf8,<svg/>") }',
    "img/dot.png": "",
}

FINE = [
    '<a href="a/#here">', '<a href="a/#old-name">', '<a href="#top-heading">', '<a href="#top">', '<a href="#">',
    '<a href="a">', '<a href="./a/index.html">', '<a href="?q=x">', '<a href="https://elsewhere.example/">',
    '<a href="mailto:someone@example.org">', '<a href="http://127.0.0.1:8000/a/#here">', '<img src="img/dot.png">',
    '<img srcset="img/dot.png 1x, img/dot.png 2x">', '<a href="a/#:~:text=Here">',
    '<script type="application/ld+json">{"@context": "https://schema.org", "url": "http://127.0.0.1:8000/a/"}</script>',
]


@pytest.mark.parametrize("link", FINE)
def test_links_that_lead_somewhere_pass(tmp_path, link):
    write(tmp_path, {**BASE, "index.html": page(f'<h1 id="top-heading">Home</h1>{link}</a>')})
    assert links.check(tmp_path, SITE_URL) == []


BROKEN = {
    "a missing page": ("index.html", page('<a href="b/">'), "b/", "it leads to b/, which is not on the site"),
    "a missing file": ("index.html", page('<img src="img/gone.png">'), "img/gone.png",
                       "it leads to img/gone.png, which is not on the site"),
    "a missing place on another page": ("index.html", page('<a href="a/#gone">'), "a/#gone",
                                        'it leads to the place "#gone" on the page a/, which has no such place'),
    "a missing place on the same page": ("a/index.html", page('<h2 id="here"></h2><a href="#gone">'), "#gone",
                                         'it leads to the place "#gone" on this page, which has no such place'),
    "above the site's folder": ("a/index.html", page('<h2 id="here"></h2><a href="../../x/">'), "../../x/",
                                "it climbs out of the site's top folder (/)"),
    "a relative link on the 404 page": ("404.html", page('<a href="a/">'), "a/",
                                        "it is relative, but this page is shown at every missing address"),
    "an address with one '/' too many": ("index.html", page('<a href="//reviews/">'), "//reviews/",
                                         "it starts with '//', which browsers read as another website's name"),
    "a javascript: link": ("index.html", page('<a href="javascript:go()">'), "javascript:go()",
                           "it runs script from a link"),
    "an inline event handler": ("index.html", page('<button onclick="go()">Go</button>'), "",
                                "a <button> element has an inline event handler (onclick)"),
    "a link in capitals": ("index.html", page('<A HREF="b/">B</A>'), "b/", "it leads to b/, which is not on the site"),
    "a handler on a line of its own": ("index.html", page('<button type="button"\nonclick="go()">Go</button>'), "",
                                       "a <button> element has an inline event handler (onclick)"),
    "an inline style": ("index.html", page('<p style="color: red">Red</p>'), "",
                        "a <p> element has an inline style"),
    "a page without the policy": ("index.html", page("", protected=False), "",
                                  "the page has no Content Security Policy"),
    "a redirect to nowhere": ("index.html", page(head='<meta http-equiv="refresh" content="0; url=moved/">'),
                              "moved/", "it leads to moved/, which is not on the site (where the page sends"),
    "a download naming a missing place": ("downloads/x.csv", "id,url\r\n1,http://127.0.0.1:8000/a/#gone\r\n",
                                          "http://127.0.0.1:8000/a/#gone", 'the place "#gone" on the page a/'),
    "a feed entry to a missing page": (
        "feeds/all.xml", '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><entry>'
                         '<link href="http://127.0.0.1:8000/gone/"/></entry></feed>',
        "http://127.0.0.1:8000/gone/", "it leads to gone/, which is not on the site"),
    "structured data naming a missing download": (
        "downloads/index.html",
        page('<script type="application/ld+json">{"distribution": [{"contentUrl": '
             '"http://127.0.0.1:8000/downloads/gone.csv"}]}</script>'),
        "http://127.0.0.1:8000/downloads/gone.csv", "downloads/gone.csv, which is not on the site (in the page's"),
    "a search result to a missing place": ("search/search_index.json", '{"docs": [{"location": "a/#gone"}]}',
                                           "/a/#gone", 'the place "#gone" on the page a/, which has no such '
                                                       "place (a search result)"),
    "a stylesheet's missing image": ("assets/site.css", 'a { background: url(../img/gone.png) }',
                                     "../img/gone.png", "it leads to img/gone.png"),
}


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")


@pytest.mark.parametrize("case", list(BROKEN))
def test_each_kind_of_broken_link_is_found_and_named(tmp_path, case):
    file, text, link, reason = BROKEN[case]
    write(tmp_path, {**BASE, file: text})
    broken = links.check(tmp_path, SITE_URL)
    assert [(b.file, b.link) for b in broken] == [(file, link)], broken
    assert reason in broken[0].reason, broken[0].reason
    message = links.report(broken)
    assert message.startswith("1 link is broken on the built site, so it must not be published.")
    assert (link in message) and (file.removesuffix("index.html") or "the home page") in message, message


def test_a_site_in_a_subfolder_checks_root_relative_links_against_its_folder(tmp_path):
    site_url = "https://council.example/tracker/"
    write(tmp_path, {**BASE, "404.html": page('<a href="/tracker/">Home</a>'),
                     "index.html": page('<a href="/tracker/a/#here">A</a><a href="/elsewhere/">B</a>'
                                        '<a href="https://council.example/tracker/gone/">C</a>')})
    broken = links.check(tmp_path, site_url)
    assert [(b.link, b.reason) for b in broken] == [
        ("/elsewhere/", "it leads to /elsewhere/, outside the site's own folder (/tracker/)"),
        ("https://council.example/tracker/gone/", "it leads to gone/, which is not on the site"),
    ]


def test_the_external_list_names_each_address_once_with_every_file(tmp_path):
    write(tmp_path, {**BASE,
                     "index.html": page('<a href="https://a.example/x">x</a><a href="http://b.example/">b</a>'),
                     "a/index.html": page('<h2 id="here"></h2><a href="https://a.example/x">x</a>'),
                     "downloads/x.csv": "id,url\r\n1,https://a.example/x\r\n2,http://127.0.0.1:8000/a/\r\n",
                     "downloads/README.txt": "Licence <https://c.example/licence/>. See https://c.example/more."})
    assert links.external(tmp_path, SITE_URL) == {
        "http://b.example/": ["index.html"],
        "https://a.example/x": ["a/index.html", "downloads/x.csv", "index.html"],
        "https://c.example/licence/": ["downloads/README.txt"],
        "https://c.example/more": ["downloads/README.txt"],
    }


@pytest.mark.parametrize("base", ["index.html", "a/index.html", "a/b/c/index.html", "404.html", "assets/x/site.css"])
def test_relative_links_resolve_as_the_standard_library_resolves_them(tmp_path, base):
    # The check resolves the usual "../../x/" quickly, by hand: it must agree with posixpath
    # (except that a link climbing out of the site is reported, where a browser would stop at the top).
    import posixpath
    from urllib.parse import unquote

    site = links.Site(tmp_path, SITE_URL)
    folder = base.rpartition("/")[0]
    for link in ["x/", "../x/", "../../x/y.csv", "../../../x", "./", ".", "..", "../..", "../../", ".././x",
                 "../x/../y/", "x/./y", "../.hidden/", "x#here", "../#top", "%C3%A9t%C3%A9/", "..//x", "../../../../"]:
        norm = posixpath.normpath(posixpath.join(folder, link.split("#")[0]))
        want = None if norm == ".." or norm.startswith("../") else unquote("" if norm == "." else norm)
        path, _, _ = site.internal(link, base)
        assert (path.rstrip("/") if path is not None else None) == want, (base, link, path, want)
