package org.jcn.internal.server;

/**
 * A request's overrides, read from its query string: {@code delay} (milliseconds), {@code bytes} (body size) and
 * {@code status} (200, or an error status to answer with). Other parameters are ignored.
 *
 * @param delayMillis the delay, or -1 for the server's default
 * @param bytes       the body size, or -1 for the server's default
 * @param status      the status to answer with
 */
record Query(long delayMillis, long bytes, int status) {

    private static final Query NONE = new Query(-1, -1, 200);

    static Query parse(String query, long maxDelayMillis, long maxBytes) throws BadRequest {
        if (query.isEmpty()) {
            return NONE;
        }
        long delay = -1;
        long bytes = -1;
        int status = 200;
        for (String parameter : query.split("&")) {
            int equals = parameter.indexOf('=');
            String name = equals < 0 ? parameter : parameter.substring(0, equals);
            String value = equals < 0 ? "" : parameter.substring(equals + 1);
            switch (name) {
                case "delay" -> delay = number(name, value, 0, maxDelayMillis, " (milliseconds)");
                case "bytes" -> bytes = number(name, value, 0, maxBytes, "");
                case "status" -> {
                    status = (int) number(name, value, 200, 599, "");
                    if (status != 200 && status < 400) {
                        throw new BadRequest("status must be 200 or in [400, 599] but was " + value);
                    }
                }
                default -> { }
            }
        }
        return new Query(delay, bytes, status);
    }

    private static long number(String name, String value, long min, long max, String unit) throws BadRequest {
        if (HttpSyntax.isDigits(value, 18)) {
            long n = Long.parseLong(value);
            if (n >= min && n <= max) {
                return n;
            }
        }
        throw new BadRequest(name + " must be a whole number in [" + min + ", " + max + "]" + unit + " but was "
                + HttpSyntax.printable(value));
    }
}
