package org.jcn.kernel;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kernel's {@code System.out} and {@code System.err}: a stack trace that cell code prints itself ({@code
 * e.printStackTrace()}) names cell frames by cell line, as the kernel's own traces do, instead of JShell's wrapper
 * classes ({@code REPL.$JShell$22.lambda$do_it$$0($JShell$22.java:6)}), and stops where the kernel's frames that run
 * the cell begin. {@link Throwable#printStackTrace} prints one frame per {@code println}, so a frame is rewritten as
 * a whole line; any other line passes unchanged at the cost of one {@code startsWith}.
 */
final class CellPrintStream extends PrintStream {

    private static final Pattern FRAME =
            Pattern.compile("\tat (REPL\\.\\$JShell\\$[\\w$]+)\\.([\\w$<>]+)\\(([^():]*)(?::(\\d+))?\\)");
    // Set in a thread that printed the frame of a cell's top-level code: the frames below it are the kernel's.
    private static final ThreadLocal<Boolean> BELOW_CELL = new ThreadLocal<>();

    private volatile Function<StackTraceElement, String> names = StackTraceElement::toString;

    CellPrintStream(OutputStream out) {
        super(out, true, StandardCharsets.UTF_8);
    }

    /** Names cell frames with {@code names} from now on (once JShell is there to map them). */
    void nameFramesWith(Function<StackTraceElement, String> names) {
        this.names = names;
    }

    @Override
    public void println(String line) {
        String printed = printed(line, names);
        if (printed != null) {
            line(printed);
        }
    }

    @Override
    public void println(Object x) {
        println(String.valueOf(x));
    }

    // PrintStream writes a line in one write only for its own class; a subclass's println writes the text and the
    // line separator apart, twice the writes into the cell's buffer per line. These keep it to one.
    @Override
    public void println() {
        print(System.lineSeparator());
    }

    @Override
    public void println(boolean x) {
        line(String.valueOf(x));
    }

    @Override
    public void println(char x) {
        line(String.valueOf(x));
    }

    @Override
    public void println(int x) {
        line(String.valueOf(x));
    }

    @Override
    public void println(long x) {
        line(String.valueOf(x));
    }

    @Override
    public void println(float x) {
        line(String.valueOf(x));
    }

    @Override
    public void println(double x) {
        line(String.valueOf(x));
    }

    @Override
    public void println(char[] x) {
        line(String.valueOf(x));
    }

    private void line(String text) {
        print(text + System.lineSeparator());
    }

    /** The line as printed: a cell frame named by {@code names}, null for a frame of the kernel below the cell's. */
    static String printed(String line, Function<StackTraceElement, String> names) {
        if (line == null || !line.startsWith("\tat ")) {
            if (BELOW_CELL.get() != null) {
                BELOW_CELL.remove(); // the trace, or this part of it, has ended
            }
            return line;
        }
        if (BELOW_CELL.get() != null) {
            return null;
        }
        Matcher frame = FRAME.matcher(line);
        if (!frame.matches()) {
            return line;
        }
        String method = frame.group(2);
        if (method.equals("do_it$")) {
            BELOW_CELL.set(Boolean.TRUE);
        }
        int number = frame.group(4) == null ? -1 : Integer.parseInt(frame.group(4));
        String file = frame.group(3).isEmpty() ? null : frame.group(3);
        return "\tat " + names.apply(new StackTraceElement(frame.group(1), method, file, number));
    }
}
