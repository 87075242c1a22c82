package org.jcn.internal.display;

/** Text made safe to put in HTML, as element content or in a quoted attribute: one rule for every table and bar. */
public final class Html {

    private Html() {
    }

    /** {@code <}, {@code >}, {@code &}, {@code "} and {@code '} as character references; everything else as is. */
    public static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
