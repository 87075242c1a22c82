package org.jcn.kernel;

import java.lang.reflect.Type;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.ToNumberPolicy;
import com.google.gson.reflect.TypeToken;

import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.messages.publish.PublishClearOutput;
import org.dflib.jjava.jupyter.messages.publish.PublishDisplayData;
import org.dflib.jjava.jupyter.messages.publish.PublishUpdateDisplayData;
import org.jcn.display.Rendered;
import org.jcn.internal.Kernels;

/**
 * The kernel's side of the display functions cells call ({@link org.jcn.display.Display}, in the library, which
 * reaches the kernel through {@link Kernels.Host}) and of the library's progress displays: renders a value and
 * publishes it, as a new display or in place of one, for the calling thread's cell. Thread safe.
 */
final class Displays {

    private static final Type MAP = new TypeToken<Map<String, Object>>() { }.getType();
    // Whole numbers in metadata (an image's width) stay whole on their way through the library's maps.
    private static final Gson GSON = new GsonBuilder().setObjectToNumberStrategy(ToNumberPolicy.LONG_OR_DOUBLE)
            .create();

    private final Kernel kernel;

    Displays(Kernel kernel) {
        this.kernel = kernel;
    }

    /** {@code value} in the given forms (none: every form its type has); forms made earlier pass as they are. */
    DisplayData render(Object value, String... mimeTypes) {
        if (value instanceof Kernels.Forms forms) {
            return data(forms.data(), forms.metadata());
        }
        if (value instanceof Rendered rendered) {
            return data(rendered.data(), rendered.metadata());
        }
        return mimeTypes.length == 0 ? kernel.render(value) : kernel.renderer().renderAs(value, mimeTypes);
    }

    /** What {@link #render} makes, as the library's maps. */
    Kernels.Forms forms(Object value, String... mimeTypes) {
        JsonObject json = GSON.toJsonTree(render(value, mimeTypes)).getAsJsonObject();
        return new Kernels.Forms(map(json.get("data")), map(json.get("metadata")));
    }

    String display(Object value, String... mimeTypes) {
        return show(render(value, mimeTypes));
    }

    void update(String id, Object value, String... mimeTypes) {
        update(id, render(value, mimeTypes));
    }

    /**
     * Shows an HTML fragment as a display, with its text (tags removed, entities decoded) as the plain-text form, so
     * that a front end or a saved notebook that reads text/plain shows words, not markup.
     */
    String displayHtml(String html) {
        return show(htmlData(html));
    }

    /** Replaces a display with an HTML fragment, as {@link #displayHtml} shows one. */
    void updateHtml(String id, String html) {
        update(id, htmlData(html));
    }

    void clearOutput(boolean wait) {
        kernel.publish(wait ? PublishClearOutput.BEFORE_NEXT_OUTPUT : PublishClearOutput.NOW);
    }

    private static DisplayData htmlData(String html) {
        DisplayData data = new DisplayData();
        data.putData("text/html", html);
        data.putText(html.replaceAll("<[^>]*>", "").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&").strip());
        return data;
    }

    private String show(DisplayData data) {
        String id = data.getDisplayId();
        if (id == null) {
            id = UUID.randomUUID().toString();
            data.setDisplayId(id);
        }
        kernel.publish(new PublishDisplayData(data));
        return id;
    }

    private void update(String id, DisplayData data) {
        Objects.requireNonNull(id, "id must not be null");
        data.setDisplayId(id);
        kernel.publish(new PublishUpdateDisplayData(data));
    }

    private static DisplayData data(Map<String, Object> forms, Map<String, Object> metadata) {
        DisplayData data = new DisplayData();
        forms.forEach(data::putData);
        metadata.forEach(data::putMetaData);
        return data;
    }

    private static Map<String, Object> map(JsonElement json) {
        return json == null || !json.isJsonObject() ? Map.of() : GSON.fromJson(json, MAP);
    }
}
