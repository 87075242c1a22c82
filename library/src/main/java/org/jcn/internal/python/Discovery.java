package org.jcn.internal.python;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.jcn.python.PythonInterpreter;

/**
 * Finds Python interpreters and asks each what it is (a probe: {@code python jcn.py} prints its facts as JSON).
 *
 * <p>The default interpreter is, in order: the one named by the system property {@code jcn.python} or the
 * environment variable {@code JCN_PYTHON} (only that one, when set); the Python that runs Jupyter (an ancestor
 * of this JVM, or the {@code python3} beside {@code jupyter} on the {@code PATH}); {@code python3} on the
 * {@code PATH}; {@code /usr/bin/python3}. Free-threaded builds are the files named like {@code python3.14t} in
 * the {@code PATH}'s folders and a few usual places, plus {@code JCN_PYTHON_FREE_THREADED}. Probes are cached per
 * file. Thread safe.
 *
 * <p>Longer than the house's ~150 lines: the places a Python can be installed (PATH, pyenv, conda, uv, ~/.local) are
 * many, and each is one short method.
 */
public final class Discovery {

    /** The system property that names the default interpreter (wins over the environment variable). */
    public static final String PROPERTY = "jcn.python";
    /** The environment variable that names the default interpreter. */
    public static final String VARIABLE = "JCN_PYTHON";
    /** The environment variable that names one more free-threaded interpreter. */
    public static final String FREE_THREADED_VARIABLE = "JCN_PYTHON_FREE_THREADED";

    private static final Pattern PYTHON_NAME = Pattern.compile("python3?(\\.\\d+)?t?");
    private static final Pattern FREE_THREADED_NAME = Pattern.compile("python3\\.\\d+t");
    // Probing an interpreter starts it (about 50 ms): each path is probed once per JVM, as the interpreters on a
    // machine do not change while a notebook runs (a newly named one has a new path, and is probed then).
    private static final Map<Path, Optional<PythonInterpreter>> PROBES = new ConcurrentHashMap<>();
    private static final Map<String, Optional<PythonInterpreter>> DEFAULTS = new ConcurrentHashMap<>();
    private static volatile List<PythonInterpreter> freeThreaded;

    private Discovery() {
    }

    /** The default interpreter, or empty if none works; see the class comment for the order. */
    public static Optional<PythonInterpreter> find() {
        String named = named();
        return DEFAULTS.computeIfAbsent(named == null ? "" : named, key -> {
            if (!key.isEmpty()) {
                return probe(Path.of(key));
            }
            for (Path candidate : candidates()) {
                Optional<PythonInterpreter> found = probe(candidate);
                if (found.isPresent()) {
                    return found;
                }
            }
            return Optional.empty();
        });
    }

    /** The interpreter named by {@link #PROPERTY} or {@link #VARIABLE}, or null when neither is set. */
    public static String named() {
        String property = System.getProperty(PROPERTY);
        if (property != null && !property.isBlank()) {
            return property.strip();
        }
        String variable = System.getenv(VARIABLE);
        return variable == null || variable.isBlank() ? null : variable.strip();
    }

    /** Every free-threaded build found, newest version first (searched once per JVM). */
    public static List<PythonInterpreter> freeThreaded() {
        List<PythonInterpreter> found = freeThreaded;
        if (found == null) {
            Map<Path, PythonInterpreter> byPath = new LinkedHashMap<>();
            List<Path> files = new ArrayList<>();
            String extra = System.getenv(FREE_THREADED_VARIABLE);
            if (extra != null && !extra.isBlank()) {
                files.add(Path.of(extra.strip()));
            }
            for (Path dir : searchFolders()) {
                try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir,
                        p -> FREE_THREADED_NAME.matcher(p.getFileName().toString()).matches())) {
                    entries.forEach(files::add);
                } catch (IOException | SecurityException e) {
                    // a folder that is gone or unreadable holds nothing for us
                }
            }
            find().ifPresent(p -> files.add(p.path()));
            for (Path file : files) {
                probe(file).filter(PythonInterpreter::freeThreadedBuild)
                        .ifPresent(p -> byPath.putIfAbsent(p.path(), p));
            }
            found = byPath.values().stream().sorted(Comparator.comparing(
                    (PythonInterpreter p) -> versionKey(p.version())).reversed()).toList();
            freeThreaded = found;
        }
        return found;
    }

    /** Asks the file what it is; empty if it is missing, not executable, not Python 3, or does not answer. */
    public static Optional<PythonInterpreter> probe(Path file) {
        Path key = file.toAbsolutePath().normalize();
        return PROBES.computeIfAbsent(key, Discovery::ask);
    }

    private static Optional<PythonInterpreter> ask(Path file) {
        if (!Files.isExecutable(file) || Files.isDirectory(file)) {
            return Optional.empty();
        }
        try {
            Process process = new ProcessBuilder(file.toString(), Programs.folder().resolve("jcn.py").toString())
                    .redirectErrorStream(false).start();
            process.getOutputStream().close();
            process.getErrorStream().close();
            String out;
            try (var in = process.getInputStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            }
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Optional.empty();
            }
            if (process.exitValue() != 0 || !(Json.parse(out) instanceof Map<?, ?> facts)) {
                return Optional.empty();
            }
            String version = String.valueOf(facts.get("version"));
            if (!version.startsWith("3.")) {
                return Optional.empty();
            }
            List<String> methods = ((List<?>) facts.get("start_methods")).stream().map(String::valueOf).toList();
            return Optional.of(new PythonInterpreter(Path.of(String.valueOf(facts.get("executable"))), version,
                    Boolean.TRUE.equals(facts.get("free_threaded_build")),
                    Boolean.TRUE.equals(facts.get("gil_enabled")),
                    methods, String.valueOf(facts.get("default_start_method")),
                    Boolean.TRUE.equals(facts.get("interpreter_pool")), Boolean.TRUE.equals(facts.get("aiohttp"))));
        } catch (IOException | IllegalArgumentException | ClassCastException | NullPointerException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Where to look for the default interpreter, after an explicitly named one. */
    static List<Path> candidates() {
        Set<Path> candidates = new LinkedHashSet<>();
        Optional<ProcessHandle> ancestor = ProcessHandle.current().parent();
        for (int depth = 0; depth < 6 && ancestor.isPresent(); depth++) {
            ancestor.get().info().command().map(Path::of)
                    .filter(p -> PYTHON_NAME.matcher(p.getFileName().toString()).matches())
                    .ifPresent(candidates::add);
            ancestor = ancestor.get().parent();
        }
        onPath("jupyter").map(j -> j.resolveSibling("python3")).ifPresent(candidates::add);
        onPath("python3").ifPresent(candidates::add);
        candidates.add(Path.of("/usr/bin/python3"));
        return List.copyOf(candidates);
    }

    private static Optional<Path> onPath(String name) {
        for (Path dir : pathFolders()) {
            Path file = dir.resolve(name);
            if (Files.isExecutable(file) && !Files.isDirectory(file)) {
                return Optional.of(file);
            }
        }
        return Optional.empty();
    }

    private static List<Path> pathFolders() {
        List<Path> dirs = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            for (String entry : path.split(java.io.File.pathSeparator)) {
                if (!entry.isBlank()) {
                    dirs.add(Path.of(entry));
                }
            }
        }
        return dirs;
    }

    /** The PATH's folders, then the usual homes of extra interpreters (pyenv's, conda's, ~/.local/bin). */
    private static Set<Path> searchFolders() {
        Set<Path> dirs = new LinkedHashSet<>(pathFolders());
        String home = System.getProperty("user.home");
        dirs.add(Path.of("/usr/bin"));
        dirs.add(Path.of("/usr/local/bin"));
        dirs.add(Path.of(home, ".local", "bin"));
        String conda = System.getenv("CONDA_PREFIX");
        if (conda != null) {
            dirs.add(Path.of(conda, "bin"));
        }
        try (DirectoryStream<Path> versions = Files.newDirectoryStream(Path.of(home, ".pyenv", "versions"))) {
            versions.forEach(v -> dirs.add(v.resolve("bin")));
        } catch (IOException e) {
            // no pyenv
        }
        return dirs;
    }

    /** "3.14.0" -> comparable "00003.00014.00000" (pre-release suffixes ignored). */
    private static String versionKey(String version) {
        StringBuilder key = new StringBuilder();
        for (String part : version.split("\\.")) {
            String digits = part.replaceAll("\\D.*", "");
            key.append(String.format("%05d.", digits.isEmpty() ? 0 : Integer.parseInt(digits)));
        }
        return key.toString();
    }
}
