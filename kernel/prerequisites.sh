# shellcheck shell=bash
# shellcheck disable=SC2034  # JCN_PYTHON and JCN_JUPYTER are set here for the scripts that source this file
# Checks for the tools ./test and ./lab need, sourced by both. When a tool is missing and this runs as root on
# Debian or Ubuntu, it installs the Debian package; otherwise it says exactly what to install.

jcn_can_apt() {
    [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1
}

jcn_apt_updated=0
jcn_apt_install() {
    echo "installing Debian packages: $*" >&2
    if [ "$jcn_apt_updated" = 0 ]; then
        apt-get update -qq >&2 || return 1
        jcn_apt_updated=1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >&2
}

jcn_require_maven() {
    command -v mvn >/dev/null 2>&1 && return 0
    if jcn_can_apt; then
        jcn_apt_install maven && command -v mvn >/dev/null 2>&1 && return 0
    fi
    echo "error: Maven (mvn) is missing. Install it: sudo apt-get install maven   or   conda install -c conda-forge maven" >&2
    return 1
}

# Finds a Python that can import the given modules: python3 on PATH first (a conda env), then Debian's.
jcn_python_with() {
    local py
    for py in "$(command -v python3 2>/dev/null)" /usr/bin/python3; do
        if [ -z "$py" ] || [ ! -x "$py" ]; then continue; fi
        if "$py" -c "import $1" >/dev/null 2>&1; then
            echo "$py"
            return 0
        fi
    done
    return 1
}

# Sets JCN_PYTHON to a Python that has nbclient, nbformat and jupyter_client (used to execute notebooks).
jcn_require_nbclient() {
    JCN_PYTHON=$(jcn_python_with "nbclient, nbformat, jupyter_client") && return 0
    if jcn_can_apt; then
        jcn_apt_install python3-nbclient python3-nbformat jupyter-client python3-ipykernel jupyter-notebook \
            && JCN_PYTHON=$(jcn_python_with "nbclient, nbformat, jupyter_client") && return 0
    fi
    echo "error: no Python with nbclient, nbformat and jupyter_client was found. Install them:" >&2
    echo "       sudo apt-get install python3-nbclient python3-nbformat jupyter-client" >&2
    echo "       or: conda env create -f environment.yml (then conda activate java-concurrency-notebooks)" >&2
    echo "       or: pip install nbclient nbformat jupyter_client" >&2
    return 1
}

# Sets JCN_JUPYTER to the command that serves notebooks: JupyterLab when installed, the classic Notebook
# otherwise (Debian 12 packages only the classic Notebook).
jcn_require_jupyter() {
    local py
    if command -v jupyter-lab >/dev/null 2>&1; then
        JCN_JUPYTER=(jupyter-lab); return 0
    fi
    if py=$(jcn_python_with "jupyterlab"); then
        JCN_JUPYTER=("$py" -m jupyterlab); return 0
    fi
    if py=$(jcn_python_with "notebook.notebookapp"); then
        JCN_JUPYTER=("$py" -m notebook); return 0
    fi
    if jcn_can_apt; then
        jcn_apt_install jupyter-notebook python3-nbclient python3-nbformat \
            && py=$(jcn_python_with "notebook.notebookapp") && { JCN_JUPYTER=("$py" -m notebook); return 0; }
    fi
    echo "error: neither JupyterLab nor the Jupyter Notebook was found. Install one:" >&2
    echo "       conda env create -f environment.yml   (JupyterLab, with a JDK and Maven)" >&2
    echo "       sudo apt-get install jupyter-notebook  (Debian/Ubuntu: the classic Notebook)" >&2
    echo "       pip install jupyterlab" >&2
    return 1
}

# The kernel's protocol tests need jupyter_kernel_test (the Jupyter project's kernel conformance suite) in the
# Python that runs the notebooks, $JCN_PYTHON (set by jcn_require_nbclient, which must run first). Debian
# packages it as python3-jupyter-kernel-test; it is installed when this runs as root on Debian.
jcn_require_kernel_test_tools() {
    "$JCN_PYTHON" -c "import jupyter_kernel_test" >/dev/null 2>&1 && return 0
    if jcn_can_apt && [ "$JCN_PYTHON" = /usr/bin/python3 ]; then
        jcn_apt_install python3-jupyter-kernel-test \
            && "$JCN_PYTHON" -c "import jupyter_kernel_test" >/dev/null 2>&1 && return 0
    fi
    echo "error: $JCN_PYTHON cannot import jupyter_kernel_test (the kernel conformance tests). Install it:" >&2
    echo "       sudo apt-get install python3-jupyter-kernel-test   (Debian/Ubuntu, for /usr/bin/python3)" >&2
    echo "       or: pip install jupyter_kernel_test   (into $JCN_PYTHON's environment)" >&2
    return 1
}

# The tools only ./test uses: Chromium (the browser test), shellcheck and yamllint (linters), Node.js with the
# npm packages of tests/browser (a Chromium driver and a Dockerfile linter). Debian packages are installed when
# this runs as root on Debian; the npm packages always come from tests/browser/package-lock.json.
jcn_require_test_tools() {
    local missing=()
    command -v chromium >/dev/null 2>&1 || missing+=(chromium)
    command -v shellcheck >/dev/null 2>&1 || missing+=(shellcheck)
    command -v yamllint >/dev/null 2>&1 || missing+=(yamllint)
    command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
    if [ ${#missing[@]} -gt 0 ]; then
        if jcn_can_apt; then
            jcn_apt_install "${missing[@]}" || return 1
        else
            echo "error: ./test needs: ${missing[*]}. Install them: sudo apt-get install ${missing[*]}" >&2
            return 1
        fi
    fi
    local browser_dir
    browser_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/tests/browser"
    if [ ! -d "$browser_dir/node_modules/playwright-core" ]; then
        (cd "$browser_dir" && npm ci --no-audit --no-fund --loglevel=error) >&2 || {
            echo "error: npm could not install tests/browser's packages (see above)" >&2
            return 1
        }
    fi
}

# The Python bridge's tests run the project's Python programs on Debian's python3, and its download program also
# tries aiohttp when it is importable. Installed when this runs as root on Debian; without root, a missing
# /usr/bin/python3 only skips those tests (the bridge then looks for another Python, or says what to install).
jcn_require_python_bridge_tools() {
    local missing=()
    [ -x /usr/bin/python3 ] || missing+=(python3)
    /usr/bin/python3 -c "import aiohttp" >/dev/null 2>&1 || missing+=(python3-aiohttp)
    if [ ${#missing[@]} -gt 0 ] && jcn_can_apt; then
        jcn_apt_install "${missing[@]}" || echo "warning: could not install ${missing[*]}; the Python cells skip what needs them" >&2
    fi
    return 0
}

# The JupyterHub check of ./test needs Debian's jupyterhub (which brings configurable-http-proxy and the classic
# Notebook as the single-user server). Installed when this runs as root on Debian. The package enables a system
# service of its own on port 8000; where systemd runs, it is stopped and disabled, since the check starts its own hub.
jcn_require_jupyterhub() {
    command -v jupyterhub >/dev/null 2>&1 && command -v configurable-http-proxy >/dev/null 2>&1 && return 0
    if jcn_can_apt; then
        jcn_apt_install jupyterhub node-configurable-http-proxy || return 1
        if [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1; then
            systemctl disable --now jupyterhub.service >/dev/null 2>&1 || true
        fi
        command -v jupyterhub >/dev/null 2>&1 && command -v configurable-http-proxy >/dev/null 2>&1 && return 0
    fi
    echo "error: ./test's JupyterHub check needs jupyterhub and configurable-http-proxy. Install them:" >&2
    echo "       sudo apt-get install jupyterhub node-configurable-http-proxy   (Debian/Ubuntu)" >&2
    return 1
}
