package org.jcn.internal.python;

import java.io.IOException;
import java.io.StringReader;
import java.util.Map;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import com.google.gson.Strictness;
import com.google.gson.ToNumberPolicy;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;

/**
 * The JSON the bridge exchanges with Python's {@code json} module, read and written by gson: objects become
 * {@code Map}s (key order kept), arrays {@code List}s, integers {@code Long} (a {@code Double} past the range of
 * {@code long}), other numbers {@code Double}, plus {@code String}, {@code Boolean} and null. Strict JSON both
 * ways: Python's side ({@code jcn.to_json}) sends a float that is not finite as null, which callers read as NaN
 * ({@code PythonRun.number}), because a bare {@code NaN} would reach gson as an unquoted string. Stateless.
 */
public final class Json {

    private static final Gson GSON = new GsonBuilder()
            .setObjectToNumberStrategy(ToNumberPolicy.LONG_OR_DOUBLE)
            .setStrictness(Strictness.STRICT)
            .serializeNulls()
            .disableHtmlEscaping()
            .create();

    private Json() {
    }

    /**
     * Parses one JSON value.
     *
     * @throws IllegalArgumentException if {@code text} is not one JSON value; the message gives the line and column
     */
    public static Object parse(String text) {
        try (JsonReader reader = new JsonReader(new StringReader(text))) {
            reader.setStrictness(Strictness.STRICT);
            if (reader.peek() == JsonToken.END_DOCUMENT) {
                throw new IllegalArgumentException("not JSON: expected a value, found the end of the text");
            }
            Object value = GSON.fromJson(reader, Object.class);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new IllegalArgumentException("not JSON: text after the value, "
                        + reader.toString().replaceFirst("^JsonReader ", ""));
            }
            return value;
        } catch (JsonParseException | IOException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            // gson's message ends with a line pointing to its troubleshooting page; the position is in the first.
            throw new IllegalArgumentException("not JSON: " + cause.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    /**
     * Writes maps, lists, strings, numbers, booleans and null as JSON.
     *
     * @throws IllegalArgumentException for any other type, which gson would otherwise write field by field, and
     *     for a NaN or infinite number, which strict JSON cannot hold
     */
    public static String write(Object value) {
        check(value);
        return GSON.toJson(value);
    }

    private static void check(Object value) {
        switch (value) {
            case null -> { }
            case String s -> { }
            case Boolean b -> { }
            case Number n -> { }
            case Map<?, ?> map -> map.forEach((key, v) -> {
                check(key);
                check(v);
            });
            case Iterable<?> list -> list.forEach(Json::check);
            default -> throw new IllegalArgumentException(
                    "can't write a " + value.getClass().getName() + " as JSON");
        }
    }
}
