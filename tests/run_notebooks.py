"""Executes notebooks headless through a real Jupyter kernel and checks what each cell produced.

Used by ./test. Each notebook counts as one test. A notebook fails when:
  - a cell produces an error output (an exception, a compile error);
  - a cell runs past its timeout (the kernel is interrupted, and the notebook goes on with the next cell);
  - a cell tagged "chart" has no image/png output, one tagged "table" no HTML <table>, one tagged "progress"
    no progress display;
  - any output holds warning text (SLF4J notices, JVM warnings, stderr lines), which a learner would see.

With --run-again (./test uses it for the lessons) every code cell runs twice in a row in the same kernel, as a
learner does who runs a cell again: the notebook also fails when the second run errs or shows tables of another
shape (rows x columns of each HTML table) than the first. The executed copy keeps the second run's outputs.

A cell tagged "preview" uses a preview API of the JDK (StructuredTaskScope): it runs only on a kernel installed
with --enable-preview (kernelspec metadata jcn_preview) and is left unexecuted otherwise, as its lesson says.

With --run-all (./test uses it for the lessons) the runner does what a learner's Run All does in JupyterLab or the
classic Notebook: it sends every cell, preview cells too, and the first cell that ends in an error stops the
notebook; the cells after it are not run. A preview cell must therefore say why it skipped on a kernel without
previews, not fail; a cell that needs Python must do the same where there is none.

Executed copies are written to --out so a person can open them. The last line printed is
"N passed, M failed". Runs with Debian's python3 (nbclient, nbformat): /usr/bin/python3.
"""

import argparse
import concurrent.futures
import copy
import functools
import multiprocessing
import os
import re
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellTimeoutError, DeadKernelError
from jupyter_client.kernelspec import KernelSpecManager

ANSI = re.compile(r"\x1b\[[0-9;]*m")

# Text that must never reach a learner's cell. Matched against stream text and text/plain/html outputs.
WARNING_PATTERNS = [
    re.compile(p)
    for p in (
        r"SLF4J",
        r"^WARNING:",
        r"\bWARN\b",
        r"Exception in thread",
        r"log4j:",
        r"\[warn\]",
    )
]


# The error name a cell interrupted at its timeout is reported under.
TIMEOUT_NAME = "CellTimeout"


def cell_label(index, cell):
    first = next((line for line in cell.source.splitlines() if line.strip()), "").strip()
    return f"cell {index + 1} ({first[:60]!r})"


def output_texts(output):
    if output.get("output_type") == "stream":
        yield output.get("text", "")
    for mime in ("text/plain", "text/html"):
        value = output.get("data", {}).get(mime)
        if value:
            yield value if isinstance(value, str) else "".join(value)


def check_cell(index, cell):
    """Returns the problems found in one executed code cell."""
    problems = []
    label = cell_label(index, cell)
    tags = set(cell.get("metadata", {}).get("tags", []))
    outputs = cell.get("outputs", [])
    for output in outputs:
        kind = output.get("output_type")
        if kind == "error":
            # Kernels put the useful text in different places: evalue for most, the traceback for compile errors.
            lines = [ANSI.sub("", line).strip() for line in output.get("traceback", [])]
            detail = " / ".join(line for line in [output.get("evalue", "")] + lines[:4] if line)
            problems.append(f"{label}: error output: {output.get('ename', 'error')}: {detail[:400]}")
        elif kind == "stream" and output.get("name") == "stderr" and "allow-stderr" not in tags:
            problems.append(f"{label}: wrote to stderr: {output.get('text', '').strip()[:300]}")
        for text in output_texts(output):
            for pattern in WARNING_PATTERNS:
                for line in text.splitlines():
                    if pattern.search(line):
                        problems.append(f"{label}: warning text in output: {line.strip()[:200]}")
                        break
    for output in outputs:
        plain = output.get("data", {}).get("text/plain", "")
        plain = plain if isinstance(plain, str) else "".join(plain)
        if "text/html" in output.get("data", {}) and MARKUP.search(plain):
            problems.append(f"{label}: its plain-text form shows HTML markup: {plain.strip()[:120]}")
    if cell.get("execution_count") is None and not outputs:
        return problems  # never ran (Run All stopped before it, or a preview cell skipped): reported as such
    if "chart" in tags and not any("image/png" in o.get("data", {}) for o in outputs):
        problems.append(f"{label}: tagged 'chart' but has no image/png output")
    if "progress" in tags and not any(o.get("output_type") == "display_data"
                                      and "runs" in "".join(o.get("data", {}).get("text/html", "")) for o in outputs):
        problems.append(f"{label}: tagged 'progress' but shows no progress display")
    if "table" in tags and not any("<table" in "".join(o.get("data", {}).get("text/html", "")) for o in outputs):
        problems.append(f"{label}: tagged 'table' but has no HTML <table> output")
    for number in overlong_numbers(cell):
        problems.append(f"{label}: a table shows {number}, more digits than a measurement supports "
                        f"(at most {MAX_DIGITS} significant digits after a decimal point): round it")
    return problems


# A number in a table is rounded to what a measurement supports: a time of 972.758831 ms claims a nanosecond's
# precision that no run on a shared machine has. The project's renderer shows four significant digits (integer
# digits kept whole); a table's HTML and its plain text (what a front end without HTML shows) are both checked.
MAX_DIGITS = 4
CELL_TEXT = re.compile(r"<td\b[^>]*>\s*(-?[\d,]*\.\d+)\s*</td>", re.I)
PLAIN_NUMBER = re.compile(r"(?<![\w.,])-?\d[\d,]*\.\d+(?![\w.])")


def overlong_numbers(cell):
    """The numbers with decimals in a cell's tables that show more significant digits than allowed."""
    found = []
    for output in cell.get("outputs", []):
        data = output.get("data", {})
        html = data.get("text/html", "")
        html = html if isinstance(html, str) else "".join(html)
        tables = TABLE.findall(html)
        texts = [t for table in tables for t in CELL_TEXT.findall(table)]
        if tables:
            plain = data.get("text/plain", "")
            plain = plain if isinstance(plain, str) else "".join(plain)
            texts += PLAIN_NUMBER.findall("\n".join(plain.splitlines()[1:]))   # below the table's title line
        for text in texts:
            whole, decimals = text.replace(",", "").lstrip("-").split(".")
            digits = len((whole + decimals).lstrip("0"))
            if digits > MAX_DIGITS and text not in found:
                found.append(text)
    return found


TABLE = re.compile(r"<table\b.*?</table>", re.S | re.I)
MARKUP = re.compile(r"</?(pre|div|span|table|td|tr|p|b|code)\b[^>]*>", re.I)
ROW = re.compile(r"<tr\b.*?</tr>", re.S | re.I)
DATA = re.compile(r"<t[dh]\b", re.I)


def table_shapes(cell):
    """(rows, columns) of every HTML table in a cell's outputs, in order; columns counted on the widest row."""
    shapes = []
    for output in cell.get("outputs", []):
        html = output.get("data", {}).get("text/html", "")
        html = html if isinstance(html, str) else "".join(html)
        for table in TABLE.findall(html):
            rows = ROW.findall(table)
            shapes.append((len(rows), max((len(DATA.findall(r)) for r in rows), default=0)))
    return shapes


class RunAgainClient(NotebookClient):
    """Runs every code cell twice in a row when run_again is set; skips "preview" cells on a kernel without
    previews, unless run_all is set. Collects what the first runs got wrong and where a second run's tables changed
    shape. With run_all it behaves as a front end's Run All: every cell is sent, and the first cell that ends in an
    error stops the notebook there (the cells after it are not run, and that is reported)."""

    def __init__(self, nb, run_again=False, previews=True, run_all=False, **kwargs):
        super().__init__(nb, **kwargs)
        self.run_again = run_again
        self.previews = previews
        self.run_all = run_all
        self.stopped_at = None
        self.first_run_problems = []

    async def async_execute_cell(self, cell, cell_index, execution_count=None, store_history=True):
        if self.stopped_at is not None:
            return cell
        if cell.cell_type == "code" and "preview" in cell.get("metadata", {}).get("tags", []) and not self.previews \
                and not self.run_all:
            return cell  # the lesson's previous cell says why this one needs a kernel with previews on
        cell = await super().async_execute_cell(cell, cell_index, execution_count, store_history)
        if self.run_all and any(o.get("output_type") == "error" for o in cell.get("outputs", [])):
            self.stopped_at = cell_index
            later = sum(1 for c in self.nb.cells[cell_index + 1:] if c.cell_type == "code")
            self.first_run_problems.append(f"{cell_label(cell_index, cell)}: Run All stops here; the {later} code "
                                           f"cells after it never run")
            return cell
        if not self.run_again or cell.cell_type != "code":
            return cell
        first = copy.deepcopy(cell)
        self.first_run_problems.extend(f"{p} (first run)" for p in check_cell(cell_index, first))
        cell = await super().async_execute_cell(cell, cell_index, self.code_cells_executed + 1, store_history)
        before, after = table_shapes(first), table_shapes(cell)
        if before != after:
            self.first_run_problems.append(f"{cell_label(cell_index, cell)}: run again, its tables changed shape "
                                           f"from {before} to {after} (rows, columns)")
        return cell


def kernel_has_previews(kernel):
    try:
        return bool(KernelSpecManager().get_kernel_spec(kernel).metadata.get("jcn_preview"))
    except Exception:  # an unknown kernel fails later, with the kernel's own message
        return False


def run_notebook(path, kernel, timeout, out_dir, run_again=False, run_all=False):
    """Runs one notebook; a kernel that fails to start before any cell ran is replaced, at most twice."""
    nb, problems, started = execute_once(path, kernel, timeout, out_dir, run_again, run_all)
    for attempt in range(2):
        if started:
            break
        # Seen on a loaded machine: the kernel binds its ports but never answers kernel_info. A fresh kernel does.
        print(f"     {path}: the kernel did not start ({problems[0] if problems else '?'}); starting another")
        nb, problems, started = execute_once(path, kernel, timeout, out_dir, run_again, run_all)
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            for problem in check_cell(index, cell):
                # A problem of both runs is named once; one of the second run alone says so.
                if f"{problem} (first run)" in problems:
                    problems[problems.index(f"{problem} (first run)")] = problem
                else:
                    problems.append(f"{problem} (run again)" if run_again else problem)
    if out_dir:
        nbformat.write(nb, os.path.join(out_dir, os.path.basename(path)))
    return problems


def execute_once(path, kernel, timeout, out_dir, run_again=False, run_all=False):
    """Executes the notebook; returns it with its outputs, the run's problems, and whether any cell started."""
    nb = nbformat.read(path, as_version=4)
    current = {"index": None}

    def on_cell_start(cell, cell_index, **_):
        current["index"] = cell_index

    problems = []

    # With interrupt_on_timeout, nbclient interrupts a cell that runs too long and goes on with the next one
    # without raising; error_on_timeout makes it report that cell as failed with this name, noticed here.
    def on_cell_error(cell, cell_index, execute_reply, **_):
        if execute_reply.get("content", {}).get("ename") == TIMEOUT_NAME:
            problems.append(f"{cell_label(cell_index, cell)}: did not finish within {timeout} s (interrupted)")

    client = RunAgainClient(
        nb,
        run_again=run_again,
        run_all=run_all,
        previews=kernel_has_previews(kernel),
        kernel_name=kernel,
        timeout=timeout,
        allow_errors=True,
        interrupt_on_timeout=True,
        error_on_timeout={"ename": TIMEOUT_NAME, "evalue": f"no reply within {timeout} s", "traceback": []},
        on_cell_error=on_cell_error,
        startup_timeout=30,
        resources={"metadata": {"path": os.path.dirname(os.path.abspath(path))}},
        on_cell_start=on_cell_start,
    )
    # The kernel's own log (class path lines, JVM notices) goes to a file beside the executed copy, not into
    # this command's output; cells never see it either way.
    if out_dir:
        os.makedirs(out_dir, exist_ok=True)
        log = open(os.path.join(out_dir, os.path.basename(path) + ".kernel.log"), "a")
    else:
        log = open(os.devnull, "w")
    try:
        client.execute(stdout=log, stderr=log)
    except CellTimeoutError:
        i = current["index"]
        problems.append(f"{cell_label(i, nb.cells[i])}: did not finish within {timeout} s")
    except DeadKernelError as e:
        i = current["index"]
        where = cell_label(i, nb.cells[i]) if i is not None else "start-up"
        problems.append(f"{where}: the kernel died: {e}")
    except Exception as e:  # a kernel that cannot start, a broken connection
        problems.append(f"the notebook could not run: {type(e).__name__}: {e}")
    finally:
        log.close()
    problems.extend(client.first_run_problems)
    return nb, problems, current["index"] is not None or not problems


def timed_run(path, args):
    start = time.monotonic()
    problems = run_notebook(path, args.kernel, args.timeout, args.out, args.run_again, args.run_all)
    return path, problems, time.monotonic() - start


def run_each(function, paths, jobs, failed):
    """Yields function(path) for each path: in order, or as each ends when jobs > 1 runs several at once. A path
    whose run raised (a notebook that cannot be read, a job's process that died) yields failed(path, exception).

    Each job is a process of its own (spawned, so no ZeroMQ state is shared) with a kernel of its own, as two learners
    on one machine are; on a 2-core machine two at once also puts every notebook under the other one's load. The
    function must be a module-level one (a partial of one) so that it can be sent to the job's process.
    """
    if jobs <= 1 or len(paths) <= 1:
        for path in paths:
            try:
                result = function(path)
            except Exception as e:
                result = failed(path, e)
            yield result
        return
    context = multiprocessing.get_context("spawn")
    with concurrent.futures.ProcessPoolExecutor(jobs, mp_context=context) as pool:
        futures = {pool.submit(function, path): path for path in paths}
        for future in concurrent.futures.as_completed(futures):
            try:
                result = future.result()
            except Exception as e:
                result = failed(futures[future], e)
            yield result


def could_not_run(path, error):
    return [f"the notebook could not run: {type(error).__name__}: {error}"]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("notebooks", nargs="+")
    parser.add_argument("--kernel", default="java-concurrency")
    parser.add_argument("--timeout", type=int, default=180, help="seconds one cell may take")
    parser.add_argument("--out", help="folder for the executed copies")
    parser.add_argument("--run-again", action="store_true",
                        help="run every code cell twice in a row; the second run must not err nor change table shapes")
    parser.add_argument("--run-all", action="store_true",
                        help="as a front end's Run All: run every cell, preview cells too, and stop at the first error")
    parser.add_argument("--jobs", type=int, default=1, metavar="N",
                        help="run N notebooks at once, each with a kernel of its own")
    args = parser.parse_args()
    if args.jobs < 1:
        parser.error(f"--jobs {args.jobs}: give 1 or more")

    passed = failed = 0
    run = functools.partial(timed_run, args=args)
    for path, problems, took in run_each(run, args.notebooks, args.jobs, lambda p, e: (p, could_not_run(p, e), 0.0)):
        if problems:
            failed += 1
            print(f"FAIL {path} ({took:.1f} s)")
            for problem in problems:
                print(f"     {path}: {problem}")
        else:
            passed += 1
            print(f"PASS {path} ({took:.1f} s)")
        sys.stdout.flush()
    print(f"notebooks: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
