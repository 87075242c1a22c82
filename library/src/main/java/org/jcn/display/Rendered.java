package org.jcn.display;

import java.util.Map;

/**
 * A value as the kernel would show it: its forms by MIME type ({@code text/plain}, {@code text/html}, {@code
 * image/png} as base64) and their metadata (an image's size on screen), what {@link Display#render} returns and
 * {@link Display#display} shows unchanged. Unmodifiable.
 *
 * @param data     the forms, by MIME type
 * @param metadata the forms' metadata, by MIME type
 */
public record Rendered(Map<String, Object> data, Map<String, Object> metadata) {

    public Rendered {
        data = Map.copyOf(data);
        metadata = Map.copyOf(metadata);
    }

    /** The plain-text form. */
    @Override
    public String toString() {
        return String.valueOf(data.getOrDefault("text/plain", ""));
    }
}
