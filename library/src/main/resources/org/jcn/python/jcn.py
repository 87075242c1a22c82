"""The Python half of the project's bridge to Java: measurements go back to the notebook as data.

A program calls report(...) with keyword arguments; each call becomes one JSON object on one line of the file
named by the environment variable JCN_REPORT, which the Java side reads once the program has ended. Run by hand
(no JCN_REPORT), the records are printed instead, so every program also works on its own.
"""

import json
import math
import os
import sys


def to_json(value):
    """One line of strict JSON, as the Java side reads it: a float that is not finite (nan, inf) becomes null,
    which Java reads as NaN, since json.dumps would write a bare NaN that strict JSON has no room for."""
    return json.dumps(_finite(value), separators=(",", ":"), allow_nan=False)


def _finite(value):
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {key: _finite(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_finite(item) for item in value]
    return value


def report(**fields):
    """Hands one record (plain numbers, strings, booleans, lists) back to the caller."""
    line = to_json(fields)
    target = os.environ.get("JCN_REPORT")
    if target:
        # Append mode: a child process that reports as well adds its own lines without clobbering ours.
        with open(target, "a", encoding="utf-8") as out:
            out.write(line + "\n")
    else:
        print("record:", line)


def facts():
    """What the Java side needs to know about this interpreter, as a dict."""
    import concurrent.futures
    import importlib.util
    import multiprocessing
    import platform
    import sysconfig

    gil_build_off = bool(sysconfig.get_config_var("Py_GIL_DISABLED"))
    gil_check = getattr(sys, "_is_gil_enabled", None)
    return {
        "executable": sys.executable,
        "version": platform.python_version(),
        "implementation": platform.python_implementation(),
        "free_threaded_build": gil_build_off,
        "gil_enabled": gil_check() if gil_check else True,
        "start_methods": multiprocessing.get_all_start_methods(),
        "default_start_method": multiprocessing.get_context().get_start_method(),
        "interpreter_pool": hasattr(concurrent.futures, "InterpreterPoolExecutor"),
        "aiohttp": importlib.util.find_spec("aiohttp") is not None,
    }


def parse_ints(text):
    """'1,2,4' -> [1, 2, 4]: the form the Java side passes lists of numbers in."""
    return [int(part) for part in text.split(",") if part.strip()]


if __name__ == "__main__":
    # python jcn.py: print the facts as one JSON line (the Java side's probe of an interpreter).
    print(to_json(facts()))
