package dev.paperboy.mail;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.util.Map;

/** The precompiled jte templates: HTML ones escape every value for its context, text ones do not. */
public final class Templates {
    private static final TemplateEngine HTML = TemplateEngine.createPrecompiled(null, ContentType.Html, null, "dev.paperboy.templates.html");
    private static final TemplateEngine TEXT = TemplateEngine.createPrecompiled(null, ContentType.Plain, null, "dev.paperboy.templates.text");

    private Templates() {
    }

    public static String html(String name, Map<String, Object> params) {
        StringOutput out = new StringOutput();
        HTML.render(name + ".jte", params, out);
        return out.toString();
    }

    public static String text(String name, Map<String, Object> params) {
        StringOutput out = new StringOutput();
        TEXT.render(name + ".jte", params, out);
        return out.toString();
    }
}
