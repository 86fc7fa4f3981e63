package dev.paperboy.mail;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.util.Map;

/** The precompiled jte templates: HTML ones escape every value for its context, text ones do not. */
public final class Templates {
    private static final TemplateEngine HTML = TemplateEngine.createPrecompiled(null, ContentType.Html, null, "dev.paperboy.templates.html");
    private static final TemplateEngine TEXT = TemplateEngine.createPrecompiled(null, ContentType.Plain, null, "dev.paperboy.templates.text");

    /** jte's own default. */
    private static final int DEFAULT_CAPACITY = 8192;

    private Templates() {
    }

    public static String html(String name, Map<String, Object> params) {
        return html(name, params, DEFAULT_CAPACITY);
    }

    /** With room for about {@code capacity} characters, when the caller knows the output is long. */
    public static String html(String name, Map<String, Object> params, int capacity) {
        StringOutput out = new StringOutput(capacity);
        HTML.render(name + ".jte", params, out);
        return out.toString();
    }

    public static String text(String name, Map<String, Object> params) {
        return text(name, params, DEFAULT_CAPACITY);
    }

    public static String text(String name, Map<String, Object> params, int capacity) {
        StringOutput out = new StringOutput(capacity);
        TEXT.render(name + ".jte", params, out);
        return out.toString();
    }
}
