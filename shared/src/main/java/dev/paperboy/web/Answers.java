package dev.paperboy.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.paperboy.json.Json;
import dev.paperboy.render.Pages;
import dev.paperboy.subscriber.InvalidInputException;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The one place that chooses an answer's shape: JSON for clients that ask for it ({@code Accept:
 * application/json} without {@code text/html}), pages for browsers. A form a client sent as JSON
 * is answered in JSON as well; errors follow {@code Accept} alone.
 */
final class Answers {
    private Answers() {
    }

    static WebResponse error(WebRequest request, int status, String message) {
        return error(request.wantsJson(), status, message);
    }

    /** For requests that could not be read far enough to be a {@link WebRequest}. */
    static WebResponse error(boolean json, int status, String message) {
        if (json) {
            return json(status, Map.of("error", Map.of("status", status, "message", message)));
        }
        String heading = switch (status) {
            case 400 -> "That did not work";
            case 403 -> "Sent from another site";
            case 404 -> "Not found";
            case 405 -> "Not allowed";
            case 410 -> "Gone";
            case 413 -> "Too large";
            case 429 -> "Slow down";
            case 503 -> "Busy, try again";
            default -> "Something went wrong";
        };
        return message(status, new Pages.Message("Paperboy: " + heading, heading, message, "Back to the papers", "/"));
    }

    /** A link's page or button: {@code json} (200) when asked for, else the page. */
    static WebResponse of(WebRequest request, Map<String, ?> json, Supplier<WebResponse> page) {
        return request.wantsJson() ? json(200, json) : page.get();
    }

    /** A form's success: {@code json} for a client that asked for JSON or sent it, else the page. */
    static WebResponse ofForm(WebRequest request, int jsonStatus, Map<String, ?> json, Supplier<WebResponse> page) {
        return isJsonClient(request) ? json(jsonStatus, json) : page.get();
    }

    /** A form's refusal, nothing changed: a JSON client gets the error, a browser the form again with the message. */
    static WebResponse refusedForm(WebRequest request, InvalidInputException refusal, Supplier<WebResponse> formAgain) {
        return isJsonClient(request) ? error(request, 400, refusal.getMessage()) : formAgain.get();
    }

    static WebResponse message(int status, Pages.Message page) {
        return WebResponse.html(status, Pages.message(page));
    }

    static WebResponse json(int status, Object value) {
        try {
            return WebResponse.json(status, Json.MAPPER.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isJsonClient(WebRequest request) {
        return request.wantsJson() || request.sentJson();
    }
}
