"""Checks an installed kernelspec folder: kernel.json's shape, and that every path it names exists.

Usage: check_install.py KERNEL_DIR. Exits 1 naming the first problem.
"""
import json
import glob
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
if "org.jcn.kernel.KernelMain" not in argv:
    problems.append("the kernel is not the project's own (org.jcn.kernel.KernelMain)")
for flag in ("-Djava.awt.headless=true", "--add-exports=java.base/jdk.internal.vm=ALL-UNNAMED"):
    if flag not in argv:
        problems.append(f"the JVM flag {flag} is missing")
cp = argv[argv.index("-cp") + 1].split(os.pathsep)
for entry in cp:
    folder = os.path.dirname(entry)
    if entry.endswith("*") and not os.path.isdir(folder):
        problems.append(f"class path folder {folder} is missing")
    if not entry.endswith("*") and not os.path.isfile(entry):
        problems.append(f"class path entry {entry} is missing")
if spec.get("language") != "java" or spec.get("interrupt_mode") != "message":
    problems.append("language must be java and interrupt_mode message")
props = {a.split("=", 1)[0][2:]: a.split("=", 1)[1] for a in argv if a.startswith("-D") and "=" in a}
cell_cp = props.get("jcn.cell.classpath", "").split(os.pathsep)
for jar in cell_cp:
    if not os.path.isfile(jar):
        problems.append(f"jcn.cell.classpath entry {jar} is missing")
# Everything the cells load comes from the kernelspec's own folder, so the install works after the clone it came from
# is moved or deleted (a --prefix install into a Docker image or a conda environment).
outside = [j for j in cell_cp if not os.path.abspath(j).startswith(os.path.abspath(kernel_dir) + os.sep)]
if outside:
    problems.append(f"jcn.cell.classpath names jars outside the kernelspec's folder: {outside[:3]}")
jars = [os.path.basename(j) for j in cell_cp]
for needed in ("jcn.jar", "slf4j-nop", "xchart", "tablesaw-core"):
    if not any(j.startswith(needed) for j in jars):
        problems.append(f"{needed} is not on the cells' class path")
if any(j.startswith(("jjava-jupyter", "jcn-kernel")) for j in jars):
    problems.append("the kernel and its protocol library must not be on the cells' class path")
if not os.path.isfile(props.get("jcn.startup", "")):
    problems.append("jcn.startup names no file")
protocol = os.path.join(kernel_dir, "protocol")
for needed in ("jjava-jupyter", "jcn-kernel"):
    if not any(f.startswith(needed) for f in os.listdir(protocol)):
        problems.append(f"protocol/ holds no {needed} jar")
# The start-up cache: kernel/install makes it from a training run that drives a real kernel over its sockets
# (org.jcn.kernel.Training); without it the kernel works but starts slower, so a failed training shows here.
caches = [a.split("=", 1)[1] for a in argv if a.startswith(("-XX:AOTCache=", "-XX:SharedArchiveFile="))]
if not caches:
    problems.append("no start-up cache: the kernel's training run failed (run its command from kernel/install)")
for cache in caches:
    if not os.path.isfile(cache) or os.path.getsize(cache) == 0:
        problems.append(f"the start-up cache {cache} is missing or empty")
# The listing of the jars' classes (org.jcn.kernel.JarIndex) that JShell's compiler reads instead of the jars: it
# must name every jar of the cells' class path (lib/), as they are now, or the kernel lists them again at each start.
indexes = [a.split("=", 1)[1] for a in argv if a.startswith("-Djcn.cell.index=")]
if not indexes:
    problems.append("no index of the kernel's jars (-Djcn.cell.index): kernel/install could not list them")
for index in indexes:
    listed = {}
    if os.path.isfile(index):
        for line in open(index, encoding="utf-8"):
            if line.startswith("jar "):
                size, modified, path = line.rstrip("\n").split(" ", 3)[1:]
                listed[path] = (int(size), int(modified))
    for jar in glob.glob(os.path.join(kernel_dir, "lib", "*.jar")):
        st = os.stat(jar)
        if listed.get(os.path.abspath(jar)) != (st.st_size, st.st_mtime_ns // 1_000_000):
            problems.append(f"the index {index} does not list {jar} as it is")
for problem in problems:
    print(f"FAIL kernelspec {kernel_dir}: {problem}")
if not problems:
    print(f"PASS kernelspec {kernel_dir}")
sys.exit(1 if problems else 0)
