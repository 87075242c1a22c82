package org.jcn.kernel;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jdk.jshell.Diag;

/**
 * A cell that uses a preview API or language feature of the JDK, on a kernel started without
 * {@code --enable-preview}: the kernel says that it skipped the cell and why, instead of failing it, so that a
 * learner's Run All goes on past it (JupyterLab and the classic Notebook stop at the first cell that fails). On a
 * kernel with previews the cell runs. A cell that fails for any other reason as well is a compile error as usual.
 */
final class PreviewCells {

    /** The javac keys of "this needs --enable-preview": a preview API, and a preview language feature. */
    private static final List<String> CODES = List.of("compiler.err.is.preview",
            "compiler.err.preview.feature.disabled", "compiler.err.preview.feature.disabled.plural");
    private static final Pattern API = Pattern.compile("^(\\S+) is a preview API");

    private PreviewCells() {
    }

    /**
     * The note that replaces a compile error made only of "needs --enable-preview" errors, on a kernel without
     * previews; empty for any other error, or when previews are on (then the errors are real).
     *
     * @param errors   the snippet's error diagnostics
     * @param previews whether this kernel's JVM runs with {@code --enable-preview}
     * @return the note to show in place of the error
     */
    static Optional<String> skipped(List<Diag> errors, boolean previews) {
        if (previews || errors.isEmpty() || !errors.stream().allMatch(d -> CODES.contains(d.getCode()))) {
            return Optional.empty();
        }
        String what = errors.stream().map(d -> {
            Matcher m = API.matcher(d.getMessage(Locale.ROOT));
            return m.find() ? m.group(1).substring(m.group(1).lastIndexOf('.') + 1) : "a preview language feature";
        }).distinct().reduce((a, b) -> a + ", " + b).orElse("");
        return Optional.of("this cell was skipped: it uses " + what + ", a preview feature of Java "
                + Runtime.version().feature() + ", and this kernel runs without preview features. To run it, install "
                + "the preview kernel (kernel/install --enable-preview) and choose it; the rest of the lesson "
                + "does not need it.");
    }

    /** @return whether this JVM runs with {@code --enable-preview} (the kernel's installer also sets jcn.preview) */
    static boolean enabled() {
        return Boolean.getBoolean("jcn.preview")
                || java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()
                        .contains("--enable-preview");
    }
}
