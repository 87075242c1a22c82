"""Checks an installed kernelspec folder: kernel.json's shape, and that every path it names exists.

Usage: check_install.py KERNEL_DIR. Exits 1 naming the first problem.
"""
import json
import os
import sys

kernel_dir = sys.argv[1]
problems = []
spec = json.load(open(os.path.join(kernel_dir, "kernel.json")))
argv = spec["argv"]
if argv[-1] != "{connection_file}":
    problems.append("argv must end with {connection_file}")
if not (os.path.isfile(argv[0]) and os.access(argv[0], os.X_OK)):
    problems.append(f"the java binary {argv[0]} is not executable")
if "org.jcn.internal.kernel.KernelMain" not in argv:
    problems.append("the kernel is not started through the library's launcher (KernelMain)")
if "-Djava.awt.headless=true" not in argv:
    problems.append("AWT is not headless")
cp = argv[argv.index("-cp") + 1].split(os.pathsep)
for entry in cp:
    if not entry.endswith("*") and not os.path.isfile(entry):
        problems.append(f"class path entry {entry} is missing")
if spec.get("language") != "java" or spec.get("interrupt_mode") != "message":
    problems.append("language must be java and interrupt_mode message")
env = spec.get("env", {})
for jar in env.get("RJK_CLASSPATH", "").split(";"):
    if not os.path.isfile(jar):
        problems.append(f"RJK_CLASSPATH entry {jar} is missing")
jars = [os.path.basename(j) for j in env.get("RJK_CLASSPATH", "").split(";")]
for needed in ("jcn.jar", "slf4j-nop"):
    if not any(j.startswith(needed) for j in jars):
        problems.append(f"{needed} is not on the kernel's class path")
if not os.path.isfile(env.get("RJK_INIT_SCRIPT", "")):
    problems.append("RJK_INIT_SCRIPT names no file")
for problem in problems:
    print(f"FAIL kernelspec {kernel_dir}: {problem}")
if not problems:
    print(f"PASS kernelspec {kernel_dir}")
sys.exit(1 if problems else 0)
