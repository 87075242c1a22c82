# shellcheck shell=bash
# shellcheck disable=SC2034  # JCN_PYTHON, JCN_JUPYTER... are set here for the scripts that source this file
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

# Sets JCN_JUPYTER to the command that serves notebooks, and JCN_JUPYTER_WHY to one line saying which and why:
#   1. JupyterLab itself where it is installed (conda, pip): `jupyter-lab` on PATH or a Python that imports it;
#   2. else JupyterLab 4 built here from lab-app/ (pinned npm packages, see jcn_build_lab_app) and served by
#      lab-app/jcn_lab.py on the machine's jupyter_server + jupyterlab_server (Debian: python3-jupyter-server,
#      python3-jupyterlab-server; Debian 12 packages no JupyterLab, and PyPI may be out of reach);
#   3. else, or when that build fails, the classic Notebook.
# JCN_FRONT_END=notebook asks for the classic Notebook, JCN_FRONT_END=lab-app for step 2 even where 1 is possible.
# As root on Debian or Ubuntu, the Debian packages steps 2 and 3 need are installed when missing.
jcn_require_jupyter() {
    local py why=""
    local want=${JCN_FRONT_END:-}
    case "$want" in
        ""|lab-app|notebook) ;;
        *) echo "error: JCN_FRONT_END='$want' is not one of: lab-app, notebook (unset: JupyterLab where installed)" >&2
           return 1 ;;
    esac
    if [ -z "$want" ]; then
        if command -v jupyter-lab >/dev/null 2>&1; then
            JCN_JUPYTER=(jupyter-lab); JCN_JUPYTER_WHY="JupyterLab ($(command -v jupyter-lab))"; return 0
        fi
        if py=$(jcn_python_with "jupyterlab"); then
            JCN_JUPYTER=("$py" -m jupyterlab); JCN_JUPYTER_WHY="JupyterLab (from $py)"; return 0
        fi
    fi
    if [ "$want" != notebook ]; then
        if ! jcn_python_with "jupyter_server, jupyterlab_server" >/dev/null && jcn_can_apt; then
            jcn_apt_install python3-jupyter-server python3-jupyterlab-server || true
        fi
        if py=$(jcn_python_with "jupyter_server, jupyterlab_server"); then
            if jcn_build_lab_app; then
                JCN_JUPYTER=(env "JCN_LAB_BUILD=$JCN_LAB_BUILD" "$py" "$(jcn_root)/lab-app/jcn_lab.py")
                JCN_JUPYTER_WHY="JupyterLab 4 front end built from lab-app/ (kept in $JCN_LAB_BUILD), on $py's jupyter_server"
                return 0
            fi
            why="the JupyterLab front end could not be built (see above)"
        else
            why="no Python here imports jupyter_server and jupyterlab_server (Debian: python3-jupyter-server python3-jupyterlab-server)"
        fi
    else
        why="JCN_FRONT_END=notebook"
    fi
    if ! jcn_python_with "notebook.notebookapp" >/dev/null && jcn_can_apt; then
        jcn_apt_install jupyter-notebook python3-nbclient python3-nbformat || true
    fi
    if py=$(jcn_python_with "notebook.notebookapp"); then
        JCN_JUPYTER=("$py" -m notebook); JCN_JUPYTER_WHY="the classic Notebook, because $why"; return 0
    fi
    echo "error: neither JupyterLab nor the Jupyter Notebook was found. Install one:" >&2
    echo "       conda env create -f environment.yml   (JupyterLab, with a JDK and Maven)" >&2
    echo "       sudo apt-get install python3-jupyterlab-server nodejs npm   (Debian/Ubuntu: ./lab builds JupyterLab 4)" >&2
    echo "       sudo apt-get install jupyter-notebook  (Debian/Ubuntu: the classic Notebook)" >&2
    echo "       pip install jupyterlab" >&2
    return 1
}

jcn_root() {
    (cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
}

# Builds the JupyterLab front end of lab-app/ once and sets JCN_LAB_BUILD to its folder. The build is keyed on
# the files that make it (package.json, package-lock.json, webpack.config.js, index.js): it lives in
# $JCN_LAB_CACHE/lab-KEY/build (default cache: ~/.cache/java-concurrency-notebooks), outside the work tree, and
# every later run, clone or worktree with the same files reuses it. Building takes `npm ci` from the committed lock
# file and a webpack run; node_modules is deleted afterwards, as the built front end is served without it and
# without the network. Node.js and npm are installed from Debian when missing and this runs as root there.
jcn_build_lab_app() {
    local app key cache dir stage start
    app="$(jcn_root)/lab-app"
    key=$(cat "$app/package.json" "$app/package-lock.json" "$app/webpack.config.js" "$app/index.js" \
        | sha256sum | cut -c1-12)
    cache=${JCN_LAB_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/java-concurrency-notebooks}
    dir="$cache/lab-$key"
    if [ -f "$dir/build/bundle.js" ]; then
        JCN_LAB_BUILD="$dir/build"; return 0
    fi
    if ! command -v npm >/dev/null 2>&1 && jcn_can_apt; then
        jcn_apt_install nodejs npm || true
    fi
    if ! command -v npm >/dev/null 2>&1; then
        echo "error: building JupyterLab's front end needs Node.js 18+ and npm: sudo apt-get install nodejs npm" >&2
        return 1
    fi
    start=$SECONDS
    echo "lab: building the JupyterLab front end once (npm ci + webpack, a few minutes; kept in $dir)" >&2
    mkdir -p "$cache" || return 1
    stage=$(mktemp -d "$cache/lab-$key.building.XXXXXX") || return 1
    cp "$app/package.json" "$app/package-lock.json" "$app/webpack.config.js" "$app/index.js" "$stage/"
    if ! (cd "$stage" && npm ci --no-audit --no-fund --loglevel=error >&2 \
            && node node_modules/webpack/bin/webpack.js --stats=errors-warnings >"$stage/webpack.log" 2>&1); then
        [ -f "$stage/webpack.log" ] && tail -n 30 "$stage/webpack.log" >&2
        rm -rf "$stage"
        echo "error: the JupyterLab front end did not build (npm ci or webpack failed, above)" >&2
        return 1
    fi
    mkdir -p "$dir"
    # Another ./lab may have finished the same build meanwhile; either copy is the same.
    mv -T "$stage/build" "$dir/build" 2>/dev/null || true
    rm -rf "$stage"
    [ -f "$dir/build/bundle.js" ] || { echo "error: webpack wrote no bundle.js into $dir/build" >&2; return 1; }
    echo "lab: built the JupyterLab front end in $((SECONDS - start)) s ($(du -sh "$dir/build" | cut -f1))" >&2
    JCN_LAB_BUILD="$dir/build"
}

# The kernel's protocol tests need jupyter_kernel_test (the Jupyter project's kernel conformance suite) and pytest
# (which runs the project's own protocol checks) in the Python that runs the notebooks, $JCN_PYTHON (set by
# jcn_require_nbclient, which must run first). Debian packages them as python3-jupyter-kernel-test and
# python3-pytest; they are installed when this runs as root on Debian.
jcn_require_kernel_test_tools() {
    "$JCN_PYTHON" -c "import jupyter_kernel_test, pytest" >/dev/null 2>&1 && return 0
    if jcn_can_apt && [ "$JCN_PYTHON" = /usr/bin/python3 ]; then
        jcn_apt_install python3-jupyter-kernel-test python3-pytest \
            && "$JCN_PYTHON" -c "import jupyter_kernel_test, pytest" >/dev/null 2>&1 && return 0
    fi
    echo "error: $JCN_PYTHON cannot import jupyter_kernel_test and pytest (the kernel's protocol tests). Install:" >&2
    echo "       sudo apt-get install python3-jupyter-kernel-test python3-pytest   (Debian/Ubuntu, /usr/bin/python3)" >&2
    echo "       or: pip install jupyter_kernel_test pytest   (into $JCN_PYTHON's environment)" >&2
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
