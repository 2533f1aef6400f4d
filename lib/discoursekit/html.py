"""The static HTML edition: every executed notebook as a page a student can open offline.

:func:`render_site` converts the committed (executed) notebooks with nbconvert's ``lab``
template into one self-contained page each, plus an ``index.html`` that links them.
Nothing is fetched when a page is opened: the template's require.js, MathJax, Mermaid and
widget-renderer scripts, which nbconvert loads from public CDNs by default, are left out
(no notebook of the suite needs them: there is no LaTeX in the Markdown, no Mermaid
diagram, and no saved widget state), the CSS is inlined, figures are embedded as
``data:`` URIs, and a widget output without a static fallback is replaced by a short note.
:func:`external_resources` lists any ``http(s)`` URL a page would load, and
:func:`render_site` refuses to write a page that has one.

Command line: ``python -m discoursekit.html [--out site] [--with-key] [NOTEBOOK ...]``
(``make html``).
"""
from __future__ import annotations

import argparse
import copy
import html
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

from . import paths

__all__ = ["render_notebook", "render_site", "external_resources", "notebook_title",
           "inline_markdown", "corpus_stamp"]

WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
_TEMPLATE = r"""{%- extends 'index.html.j2' -%}
{%- block html_head_js -%}{%- endblock html_head_js -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block body_header -%}
{{ super() }}
<nav style="padding: 8px 16px; font-family: var(--jp-ui-font-family); font-size: 13px;">
<a href="{{ resources.dk_index }}">&larr; all notebooks</a>
<span style="color: #666; margin-left: 1.5em;">{{ resources.dk_stamp }}</span></nav>
{%- endblock body_header -%}
"""
_LOADING_TAGS = {"script": ("src",), "link": ("href",), "img": ("src", "srcset"),
                 "iframe": ("src",), "source": ("src", "srcset"), "video": ("src", "poster"),
                 "audio": ("src",), "embed": ("src",), "object": ("data",),
                 "track": ("src",), "input": ("src",)}
_URL = re.compile(r"^\s*(https?:)?//", re.IGNORECASE)


class _ResourceFinder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in _LOADING_TAGS.get(tag, ()) and value:
                urls = [u.strip().split()[0] for u in value.split(",") if u.strip()] \
                    if name == "srcset" else [value]
                self.found += [(tag, name, u) for u in urls if _URL.match(u)]


def external_resources(page: str) -> list[tuple[str, str, str]]:
    """Every remote URL a page would load: ``(tag, attribute, url)``.

    Looks at the attributes that make a browser fetch something (``script src``,
    ``link href``, ``img src``/``srcset``, ``iframe``, media ``src``…) and at CSS
    ``url(…)`` and ``@import``; plain links (``<a href>``) are navigation, not loads.
    """
    finder = _ResourceFinder()
    finder.feed(page)
    found = list(finder.found)
    for m in re.finditer(r"""(?:url\(\s*['"]?|@import\s+['"])\s*((?:https?:)?//[^'")\s]+)""",
                         page, re.IGNORECASE):
        found.append(("css", "url", m.group(1)))
    return found


_NUMBER = re.compile(r"^\s*(\d+)\s*[.·:]?\s+")


def notebook_title(nb) -> tuple[str, str]:
    """The notebook's title (its first Markdown heading, without the number it starts
    with) and first paragraph, both as Markdown."""
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        lines = cell.source.strip().splitlines()
        if lines and lines[0].startswith("#"):
            title = _NUMBER.sub("", lines[0].lstrip("#").strip())
            rest = "\n".join(lines[1:]).strip().split("\n\n")[0]
            return title, " ".join(rest.split())
    return "", ""


def inline_markdown(text: str) -> str:
    """A line of Markdown as HTML without the paragraph around it ("*frames*" ->
    "<em>frames</em>"), so the index shows no literal Markdown."""
    import mistune

    out = mistune.html(text).strip()
    if out.startswith("<p>") and out.endswith("</p>"):
        out = out[3:-4]
    return out


def corpus_stamp(nb, built: str | None = None) -> str:
    """What a page says about where its numbers come from: the corpus the notebook ran on
    (the seed corpus, or the ``corpus_dir`` that ``build --corpus`` passed it) and the date
    the page was built (``$SOURCE_DATE_EPOCH`` if set, else today)."""
    import datetime
    import os

    corpus = "the seed corpus (seeds/, five op-eds)"
    for cell in nb.cells:
        if "injected-parameters" in cell.get("metadata", {}).get("tags", []):
            m = re.search(r"corpus_dir\s*=\s*['\"]([^'\"]+)['\"]", cell.source)
            if m:
                corpus = Path(m.group(1)).name + "/"
    if built is None:
        epoch = os.environ.get("SOURCE_DATE_EPOCH")
        day = (datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc).date()
               if epoch else datetime.date.today())
        built = day.isoformat()
    return f"Corpus: {corpus} · page built {built}"


def _static_widgets(nb):
    """A copy of ``nb`` where widget views without saved state show a text fallback."""
    nb = copy.deepcopy(nb)
    has_state = "widgets" in nb.metadata
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if WIDGET_MIME in data and not has_state:
                del data[WIDGET_MIME]
                if "text/html" not in data:
                    data["text/html"] = ('<p style="color:#666;font-style:italic">An interactive '
                                         'widget: open this notebook in JupyterLab and run the '
                                         'cell to use it.</p>')
    return nb


def _exporter():
    from jinja2 import DictLoader
    from nbconvert import HTMLExporter

    return HTMLExporter(template_name="lab", template_file="dk_offline.html.j2",
                        extra_loaders=[DictLoader({"dk_offline.html.j2": _TEMPLATE})],
                        embed_images=True, exclude_anchor_links=False)


def render_notebook(path: str | Path, out: str | Path, *, index_href: str = "index.html",
                    exporter=None) -> Path:
    """Render one executed notebook to a self-contained, offline HTML page.

    Parameters
    ----------
    path : str or Path
        An executed notebook (its outputs are shown as saved; nothing is re-run).
    out : str or Path
        The HTML file to write.
    index_href : str, default "index.html"
        Relative link to the index page, shown at the top.

    Returns
    -------
    Path

    Raises
    ------
    ValueError
        If the page would load anything from the network (see :func:`external_resources`).
    """
    import nbformat

    path, out = Path(path), Path(out)
    nb = _static_widgets(nbformat.read(path, as_version=4))
    exporter = exporter or _exporter()
    resources = {"metadata": {"path": str(path.parent), "name": path.stem},
                 "dk_index": index_href, "dk_stamp": html.escape(corpus_stamp(nb))}
    body, _ = exporter.from_notebook_node(nb, resources=resources)
    remote = external_resources(body)
    if remote:
        tag, attr, url = remote[0]
        raise ValueError(f"{path.name}: the HTML page would load {url} ({tag} {attr}); the "
                         "classroom edition must work offline. Embed the resource or remove it.")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(body, encoding="utf-8")
    return out


_INDEX = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>discoursekit: the notebooks</title>
<style>
body {{ font-family: system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif;
       max-width: 46em; margin: 2em auto; padding: 0 1em; color: #222; line-height: 1.5; }}
h1 {{ font-size: 1.6em; margin-bottom: 0.2em; }}
li {{ margin: 0 0 1em 0; }}
li a {{ font-weight: bold; }}
.note {{ color: #555; font-size: 0.92em; }}
</style>
</head>
<body>
<h1>Comparative discourse analysis: the notebooks</h1>
<p class="note">A static copy of every notebook, with its tables and figures, for reading
without Python.  Interactive explorers appear as snapshots; to use them, open the notebook
in JupyterLab (<code>make lab</code>) and run the cell.</p>
<p class="note">{stamp}</p>
<ul style="list-style: none; padding-left: 0;">
{items}
</ul>
</body>
</html>
"""


def render_site(out: str | Path = "site", notebooks=None, *, with_key: bool = False
                ) -> list[Path]:
    """Render notebooks to ``out`` with an ``index.html`` linking them.

    Parameters
    ----------
    out : str or Path, default "site"
    notebooks : list of paths, optional
        Default: the suite's notebooks (``notebooks/NN_*.ipynb``), in order.
    with_key : bool, default False
        Also render the teacher's keys in ``notebooks/key/`` to ``out/key/`` and list
        them on the index (leave False for a site given to students).

    Returns
    -------
    list of Path
        The pages written, the index last.
    """
    import nbformat

    from .build import notebook_paths

    out = Path(out)
    todo = [Path(p) for p in notebooks] if notebooks else notebook_paths()
    if not todo:
        raise ValueError("render_site(): no notebooks to render; pass paths or run from a "
                         "checkout with notebooks/NN_*.ipynb.")
    pages = [(p, out / f"{p.stem}.html", f"{p.stem}.html", "index.html") for p in todo]
    if with_key:
        pages += [(p, out / "key" / f"{p.stem}.html", f"key/{p.stem}.html", "../index.html")
                  for p in sorted((paths.NOTEBOOKS / "key").glob("*.ipynb"))]
    exporter = _exporter()
    written, items = [], []
    for src, target, href, index_href in pages:
        written.append(render_notebook(src, target, index_href=index_href, exporter=exporter))
        nb = nbformat.read(src, as_version=4)
        title, purpose = notebook_title(nb)
        number = re.match(r"\d+", src.stem)
        label = f"{number.group()} · " if number else ""
        items.append(f'<li><a href="{html.escape(href)}">{label}'
                     f'{inline_markdown(title) if title else html.escape(src.stem)}</a>'
                     f'<br><span class="note">{inline_markdown(purpose)}</span></li>')
        stamp = corpus_stamp(nb)
    index = out / "index.html"
    index.write_text(_INDEX.format(items="\n".join(items), stamp=html.escape(stamp)),
                     encoding="utf-8")
    written.append(index)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m discoursekit.html",
                                     description="Render the executed notebooks to static, "
                                                 "offline HTML pages with an index.")
    parser.add_argument("notebooks", nargs="*", help="notebooks (default: all, in order)")
    parser.add_argument("--out", default="site", help="output folder (default: site)")
    parser.add_argument("--with-key", action="store_true",
                        help="also render the teacher's keys (notebooks/key/) to OUT/key/")
    args = parser.parse_args(argv)
    try:
        written = render_site(args.out, args.notebooks or None, with_key=args.with_key)
    except (ValueError, FileNotFoundError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    size = sum(p.stat().st_size for p in written)
    print(f"wrote {len(written)} pages to {args.out}/ ({size / 1e6:.1f} MB)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
