"""Runs one program for the Java bridge: python jcn_run.py PROGRAM [ARGUMENTS...].

The program runs as __main__ (so multiprocessing's spawn and forkserver start methods find it). If it raises, the
traceback is printed as Python prints it, starting at the program's own frames, and is also reported as a record
of kind "error", so that the Java side can rethrow it with the exception's type and message intact.
"""

import os
import runpy
import sys
import traceback

import jcn


def main():
    if len(sys.argv) < 2:
        sys.exit("usage: jcn_run.py PROGRAM [ARGUMENTS...]")
    program = os.path.abspath(sys.argv[1])
    here = os.path.dirname(os.path.abspath(__file__))
    sys.argv = [program] + sys.argv[2:]
    sys.path[0] = os.path.dirname(program)
    if here not in sys.path:
        sys.path.insert(1, here)  # a program kept elsewhere can still import jcn
    try:
        runpy.run_path(program, run_name="__main__")
    except SystemExit:
        raise
    except BaseException as error:  # noqa: B902 - every failure goes back to Java, KeyboardInterrupt too
        frames = error.__traceback__
        while frames is not None and frames.tb_frame.f_code.co_filename != program:
            frames = frames.tb_next  # skip this runner and runpy: the reader wants the program's frames
        text = "".join(traceback.format_exception(type(error), error, frames))
        sys.stdout.flush()
        sys.stderr.write(text)
        sys.stderr.flush()
        jcn.report(kind="error", type=type(error).__name__, message=str(error), traceback=text)
        sys.exit(1)


main()
