"""Builds the lesson website: one HTML page per executed lesson notebook and an index page, for reading offline.

Usage: build.py [--binder OWNER/REPO[@BRANCH]] EXECUTED_DIR OUT_DIR NOTEBOOK...

EXECUTED_DIR holds executed copies of the NOTEBOOKs (same file names, as tests/run_notebooks.py writes them);
the notebooks themselves give the order and the titles. Each page is nbconvert's JupyterLab look with its CSS and
every chart and picture inlined (no file beside it, nothing fetched), links between lessons turned into links between pages,
and the exercises' solutions folded: markdown solutions already sit in <details> elements; code cells tagged
"solution" (or hidden in the notebook) are folded by the template in web/templates/lesson. Runs with a Python
that has nbconvert (Debian: python3-nbconvert). With --binder, the index also links each lesson to Binder (a link
only: the pages themselves stay offline).
"""
import base64
import html
import mimetypes
import os
import re
import sys
import urllib.parse

import nbformat
from nbconvert import HTMLExporter
from nbconvert.filters.markdown_mistune import markdown2html_mistune

HERE = os.path.dirname(os.path.abspath(__file__))
SITE_CSS = """
body.jp-Notebook { max-width: 1100px; margin: 0 auto; padding: 0 16px; }
.site-nav { display: flex; justify-content: space-between; gap: 1em; padding: 10px 0; font: 14px sans-serif;
            border-bottom: 1px solid #ddd; }
.site-nav:last-of-type { border-top: 1px solid #ddd; border-bottom: none; }
details { border: 1px solid #ddd; border-radius: 4px; padding: 4px 10px; margin: 8px 0; }
details > summary { cursor: pointer; font-weight: 600; }
"""
INDEX = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>Java concurrency notebooks: the lessons</title>
<style>
body {{ max-width: 900px; margin: 2em auto; padding: 0 16px; font: 16px/1.5 sans-serif; color: #222; }}
li {{ margin: 0.8em 0; }} li p {{ margin: 0.2em 0; color: #444; }}
footer {{ margin-top: 3em; font-size: 13px; color: #555; }}
</style>
</head>
<body>
<h1>Java concurrency notebooks</h1>
<p>Threads, async tasks and child processes in Java, told through four Python tutorials and measured on a real
machine. These pages are the lessons as they ran: every chart and table was computed by the cells above it.</p>
<ol class="lessons">
{items}
</ol>
<footer>Built from the executed notebooks. Run them on your own machine with <code>./lab</code>: the numbers will
be yours.</footer>
</body>
</html>
"""


def title_and_summary(nb):
    """The first heading of the notebook and the first paragraph after it, as markdown."""
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        lines = cell.source.strip().splitlines()
        if lines and lines[0].startswith("#"):
            title = lines[0].lstrip("#").strip()
            paragraph = []
            for line in lines[1:]:
                if not line.strip():
                    if paragraph:
                        break
                    continue
                if line.startswith(("#", "**", "-", "|")):
                    break
                paragraph.append(line.strip())
            return title, " ".join(paragraph)
    return None, ""


def image_path(src, folder):
    """The file an image source names, if it is a picture inside the lesson's folder: a relative path without
    `..` and without a scheme, that resolves (following any links) to a regular file under the folder. Else None:
    the build never puts a file from outside the lessons into a page."""
    if re.match(r"^([a-z][a-z0-9+.-]*:|/|\\\\)", src, re.IGNORECASE) or "\\" in src:
        return None
    relative = urllib.parse.unquote(src.split("#")[0].split("?")[0])
    if os.path.isabs(relative) or ".." in relative.replace("\\", "/").split("/"):
        return None
    root = os.path.realpath(folder)
    path = os.path.realpath(os.path.join(root, relative))
    if os.path.commonpath([root, path]) != root or not os.path.isfile(path):
        return None
    return path


def inline_images(body, folder, warn=lambda message: print(message, file=sys.stderr)):
    """Puts the pictures a lesson's markdown shows from its own folder (such as images/decision-guide.svg) into the
    page as data: URLs, so a page stands alone. Only pictures inside the lesson's folder are read (see image_path);
    any other relative source is named on stderr and left as it is (it shows broken); a URL is left as it is."""
    def inline(match):
        src = html.unescape(match.group(2))
        path = image_path(src, folder)
        if path is None:
            if not re.match(r"^([a-z][a-z0-9+.-]*:)", src, re.IGNORECASE):
                warn(f"build: image \"{src}\" is not a file inside {folder}; left out of the page")
            return match.group(0)
        mime = mimetypes.guess_type(path)[0] or "application/octet-stream"
        with open(path, "rb") as f:
            data = base64.b64encode(f.read()).decode()
        return f"{match.group(1)}data:{mime};base64,{data}{match.group(3)}"
    return re.sub(r'(<img\b[^>]*?\bsrc=")([^"]+)(")', inline, body)


def page_name(notebook):
    return os.path.splitext(os.path.basename(notebook))[0] + ".html"


def nav(pages, i):
    """Back to the index, and the lessons before and after this one."""
    parts = ['<a href="index.html">All lessons</a>']
    parts.append(f'<a href="{pages[i - 1][0]}">&larr; {html.escape(pages[i - 1][1])}</a>' if i > 0 else "<span></span>")
    parts.append(f'<a href="{pages[i + 1][0]}">{html.escape(pages[i + 1][1])} &rarr;</a>' if i + 1 < len(pages)
                 else "<span></span>")
    return "".join(parts)


def binder_link(repo, notebook):
    """The Binder URL that opens one lesson in JupyterLab, for a GitHub repository OWNER/REPO[@BRANCH]."""
    name, _, branch = repo.partition("@")
    path = urllib.parse.quote(f"notebooks/{os.path.basename(notebook)}", safe="")
    return f"https://mybinder.org/v2/gh/{name}/{branch or 'main'}?labpath={path}"


def build(executed_dir, out_dir, notebooks, binder=None):
    os.makedirs(out_dir, exist_ok=True)
    exporter = HTMLExporter(template_name="lesson", extra_template_basedirs=[os.path.join(HERE, "templates")])
    lessons = []
    for notebook in notebooks:
        executed = os.path.join(executed_dir, os.path.basename(notebook))
        if not os.path.exists(executed):
            raise SystemExit(f"site: {executed} is missing: execute {notebook} first")
        nb = nbformat.read(executed, as_version=4)
        title, summary = title_and_summary(nb)
        summary = markdown2html_mistune(summary).strip()
        if binder:
            summary += f'<p><a class="binder" href="{html.escape(binder_link(binder, notebook))}">Run it on Binder</a></p>'
        lessons.append((page_name(notebook), title or os.path.basename(notebook), summary, nb,
                        os.path.dirname(os.path.abspath(notebook))))
    pages = [(name, title) for name, title, _, _, _ in lessons]
    for i, (name, title, _, nb, folder) in enumerate(lessons):
        body, _ = exporter.from_notebook_node(nb, resources={
            "metadata": {"name": title}, "site_css": SITE_CSS, "site_nav": nav(pages, i)})
        # Links from one lesson to another point at its page.
        body = re.sub(r'href="(?:\.?/)?([^"/:]+)\.ipynb(#[^"]*)?"', lambda m: f'href="{m.group(1)}.html{m.group(2) or ""}"',
                      body)
        with open(os.path.join(out_dir, name), "w", encoding="utf-8") as f:
            f.write(inline_images(body, folder))
    items = "\n".join(f'<li><a href="{name}">{html.escape(title)}</a>{summary}</li>'
                      for name, title, summary, _, _ in lessons)
    with open(os.path.join(out_dir, "index.html"), "w", encoding="utf-8") as f:
        f.write(INDEX.format(items=items))
    print(f"site: {len(lessons)} lessons and an index in {out_dir}")


if __name__ == "__main__":
    args = sys.argv[1:]
    binder = None
    if args[:1] == ["--binder"] and len(args) > 1:
        binder, args = args[1], args[2:]
    if len(args) < 3:
        raise SystemExit(__doc__)
    build(args[0], args[1], args[2:], binder)
