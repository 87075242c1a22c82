# shellcheck shell=bash
# Finds a JDK 21 or newer, sourced by kernel/install, ./test and ./lab.
#
# Looks, in this order, at $JAVA_HOME, the usual JDK folders (Debian's /usr/lib/jvm, macOS and SDKMAN
# locations), then `java` on PATH, and takes the first JDK whose feature version is 21 or more. On success it
# sets JCN_JAVA_HOME, JCN_JAVA (the java binary) and JCN_JAVA_VERSION and returns 0. On failure it prints
# what it found and what to install, and returns 1.

JCN_MIN_JAVA=21

# Prints the feature version (17, 21, 25, ...) of the java binary given, or nothing.
jcn_java_feature_version() {
    local out line v
    out=$("$1" -XshowSettings:properties -version 2>&1) || return 1
    while IFS= read -r line; do
        case "$line" in
            *java.specification.version*)
                v=${line##*= }
                v=${v#1.}
                echo "${v%%.*}"
                return 0 ;;
        esac
    done <<< "$out"
    return 1
}

jcn_find_java() {
    local candidates=() found_old="" dir bin v
    [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
    # JCN_JDK_DIRS replaces the folders searched (used by the tests of this script).
    for dir in ${JCN_JDK_DIRS:-/usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-21-jdk-amd64 \
               /usr/lib/jvm/*-25-* /usr/lib/jvm/*-21-* /usr/lib/jvm/* \
               /Library/Java/JavaVirtualMachines/*/Contents/Home $HOME/.sdkman/candidates/java/*}; do
        [ -d "$dir" ] && candidates+=("$dir")
    done
    if command -v java >/dev/null 2>&1; then
        bin=$(command -v java)
        bin=$(readlink -f "$bin" 2>/dev/null || echo "$bin")
        candidates+=("${bin%/bin/java}")
    fi
    for dir in "${candidates[@]}"; do
        bin="$dir/bin/java"
        if [ ! -x "$bin" ] || [ ! -x "$dir/bin/javac" ]; then continue; fi
        v=$(jcn_java_feature_version "$bin") || continue
        [ -n "$v" ] || continue
        if [ "$v" -ge "$JCN_MIN_JAVA" ]; then
            JCN_JAVA_HOME=$dir
            JCN_JAVA=$bin
            JCN_JAVA_VERSION=$v
            export JCN_JAVA_HOME JCN_JAVA JCN_JAVA_VERSION
            return 0
        fi
        [ -z "$found_old" ] && found_old="Java $v at $dir"
    done
    {
        if [ -n "$found_old" ]; then
            echo "error: found only $found_old; these notebooks need a JDK $JCN_MIN_JAVA or newer (virtual threads)."
        else
            echo "error: no JDK found (looked at JAVA_HOME, /usr/lib/jvm and PATH); these notebooks need a JDK $JCN_MIN_JAVA or newer."
        fi
        echo "       Install one, for example:  sudo apt-get install openjdk-21-jdk   (Ubuntu 24.04, Debian 13)"
        echo "                                  conda install -c conda-forge openjdk=21"
        echo "       or point JAVA_HOME at an existing JDK 21+ and run the command again."
    } >&2
    return 1
}

# JVM flags the found JDK needs, one per line: on JDK 24+ a library calling sun.misc.Unsafe (classgraph under
# Tablesaw, Guava inside Maven) prints a warning; the flag that allows it quietly exists only there.
jcn_jdk_flags() {
    if [ "${JCN_JAVA_VERSION:-0}" -ge 24 ]; then
        echo "--sun-misc-unsafe-memory-access=allow"
    fi
}

# MAVEN_OPTS with the JDK's flags.
jcn_maven_opts() {
    echo "$(jcn_jdk_flags | tr '\n' ' ')${MAVEN_OPTS:-}"
}
