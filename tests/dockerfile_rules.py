"""Reads a Dockerfile and checks the rules Binder and Jupyter's docker-stacks images impose.

Used by tests/test_docker.py, and by ./test to install the kernel exactly as the Dockerfile does:
    python3 tests/dockerfile_rules.py --install-command Dockerfile
prints the Dockerfile's kernel/install command (with its ${CONDA_DIR}), for the caller to run with a test prefix.
"""
import re
import sys

INSTALL = re.compile(r"kernel/install\b[^&;|]*")


def instructions(text):
    """Returns (INSTRUCTION, arguments) pairs, with continuation lines joined and comments dropped."""
    result, current = [], ""
    for raw in text.splitlines():
        line = raw.strip()
        if not current and (not line or line.startswith("#")):
            continue
        if line.startswith("#"):
            continue
        if line.endswith("\\"):
            current += line[:-1] + " "
            continue
        current += line
        keyword, _, args = current.partition(" ")
        result.append((keyword.upper(), args.strip()))
        current = ""
    return result


def install_command(text):
    """The kernel/install command of the Dockerfile's RUN instructions, or None."""
    for keyword, args in instructions(text):
        if keyword == "RUN":
            match = INSTALL.search(args)
            if match:
                return match.group(0).strip()
    return None


def problems(dockerfile, dockerignore=""):
    """Every Binder or docker-stacks rule the Dockerfile breaks, as sentences; empty when it follows them all."""
    found = []
    ins = instructions(dockerfile)
    froms = [a for k, a in ins if k == "FROM"]
    if len(froms) != 1:
        found.append(f"expected one FROM, found {len(froms)}")
    for image in froms:
        name, _, tag = image.split()[0].rpartition(":")
        if not name or "/" in tag:
            found.append(f"FROM {image} has no tag: pin a date tag")
        elif tag == "latest":
            found.append(f"FROM {image} uses the moving tag 'latest': pin a date tag")
        elif not re.fullmatch(r"\d{4}-\d{2}-\d{2}", tag):
            found.append(f"FROM {image}: use a docker-stacks date tag (YYYY-MM-DD)")
    users = [a for k, a in ins if k == "USER"]
    if not users or users[-1] in ("root", "0", "0:0"):
        found.append("the final USER must be the notebook user (UID 1000), not root")
    elif users[-1] not in ("${NB_UID}", "$NB_UID", "1000", "jovyan", "${NB_USER}"):
        found.append(f"the final USER {users[-1]} is not the notebook user (UID 1000)")
    for k, a in ins:
        flat = a.replace(" ", "")
        if re.search(r"token=(''|\"\"|$|\s)", a) or "token=''" in flat or 'token=""' in flat:
            found.append(f"{k} {a}: token authentication must stay on")
        if k == "ENV" and re.search(r"JUPYTER_TOKEN\s*=", a):
            found.append("a token must be passed at run time, never baked into the image")
    command = install_command(dockerfile)
    if command is None:
        found.append("no RUN calls kernel/install: the image must install the kernel with the tested script")
    elif "--prefix" not in command:
        found.append(f"{command}: install into the environment prefix (--prefix), not the home folder")
    repo_copies = [a for k, a in ins if k == "COPY" and a.split()[-2:-1] == ["."]]
    if not repo_copies:
        found.append("the repository is not copied into the image (COPY . ...)")
    for a in repo_copies:
        if "--chown=${NB_UID}" not in a and "--chown=1000" not in a:
            found.append(f"COPY {a}: the repository must be owned by the notebook user (--chown=${{NB_UID}}:...)")
        if "/home/${NB_USER}" not in a and "${HOME}" not in a:
            found.append(f"COPY {a}: the repository belongs in the notebook user's home")
    ignored = {line.strip() for line in dockerignore.splitlines()}
    for needed in (".git", "target", "**/target"):
        if needed not in ignored:
            found.append(f".dockerignore does not leave out {needed}")
    return found


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--install-command":
        command = install_command(open(sys.argv[2]).read())
        if not command:
            sys.exit("the Dockerfile has no kernel/install command")
        print(command)
    else:
        sys.exit(__doc__)
