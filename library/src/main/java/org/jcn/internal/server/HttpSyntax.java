package org.jcn.internal.server;

/** The character rules of HTTP (RFC 9110, RFC 9112) that the request parser and the query string check. */
final class HttpSyntax {

    private HttpSyntax() {
    }

    /** Whether {@code version} has the form {@code HTTP/d.d}. */
    static boolean isVersion(String version) {
        return version.length() == 8 && version.startsWith("HTTP/") && isDigit(version.charAt(5))
                && version.charAt(6) == '.' && isDigit(version.charAt(7));
    }

    /** Whether {@code s} is 1 to {@code maxLength} decimal digits. */
    static boolean isDigits(String s, int maxLength) {
        if (s.isEmpty() || s.length() > maxLength) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Whether {@code s} holds only visible US-ASCII characters (no space, no control character). */
    static boolean isVisibleAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) <= ' ' || s.charAt(i) >= 127) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code s} is a token (RFC 9110 section 5.6.2). */
    static boolean isToken(String s) {
        return isToken(s, s.length());
    }

    /** Whether the first {@code length} characters of {@code s} are a token (RFC 9110 section 5.6.2). */
    static boolean isToken(String s, int length) {
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** A value for an error message: at most 80 characters, control characters shown as '?'. */
    static String printable(String s) {
        String cut = s.length() > 80 ? s.substring(0, 80) + "…" : s;
        return cut.chars().mapToObj(c -> c < ' ' || c == 127 ? "?" : String.valueOf((char) c))
                .reduce("", String::concat);
    }
}
