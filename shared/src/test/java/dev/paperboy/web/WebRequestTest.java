package dev.paperboy.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paperboy.subscriber.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebRequestTest {
    private static WebRequest post(String contentType, byte[] body) {
        return new WebRequest("POST", "/subscribe", Map.of(), Map.of("content-type", contentType), body, "127.0.0.1", "localhost");
    }

    @Test
    void readsFormFieldsInUtf8() {
        Map<String, String> fields = post("application/x-www-form-urlencoded",
                "email=a%40b.example&keywords=m%C3%BCnchen+nlp&empty=".getBytes(StandardCharsets.UTF_8)).fields();
        assertEquals(Map.of("email", "a@b.example", "keywords", "münchen nlp", "empty", ""), fields);
    }

    @Test
    void readsAFlatJsonObjectWithListsJoined() {
        Map<String, String> fields = post("application/json",
                "{\"email\":\"a@b.example\",\"keywords\":[\"x\",\"y\"],\"maxPapers\":5}".getBytes(StandardCharsets.UTF_8)).fields();
        assertEquals("x,y", fields.get("keywords"));
        assertEquals("5", fields.get("maxPapers"));
    }

    @Test
    void refusesBytesThatAreNotUtf8InTheBodyOrInEscapes() {
        assertThrows(InvalidInputException.class, () -> post("application/x-www-form-urlencoded", new byte[] {'a', '=', (byte) 0xff}).fields());
        assertThrows(InvalidInputException.class, () -> post("application/x-www-form-urlencoded", "a=%C3%28".getBytes(StandardCharsets.UTF_8)).fields());
        assertThrows(InvalidInputException.class, () -> post("application/x-www-form-urlencoded", "a=%zz".getBytes(StandardCharsets.UTF_8)).fields());
        assertThrows(InvalidInputException.class, () -> post("application/json", "[1,2]".getBytes(StandardCharsets.UTF_8)).fields());
        assertThrows(InvalidInputException.class, () -> post("application/json", "{nope".getBytes(StandardCharsets.UTF_8)).fields());
    }

    @Test
    void negotiatesJsonOnlyWhenAskedForAndNotHtml() {
        WebRequest api = new WebRequest("GET", "/", Map.of(), Map.of("accept", "application/json"), new byte[0], "ip", "h");
        WebRequest browser = new WebRequest("GET", "/", Map.of(), Map.of("accept", "text/html,application/xhtml+xml,application/json;q=0.9"),
                new byte[0], "ip", "h");
        assertTrue(api.wantsJson());
        assertEquals(false, browser.wantsJson());
    }

    @Test
    void queryStringsKeepRepeatedNames() {
        assertEquals(Map.of("a", List.of("1", "2"), "b", List.of("")), FormCodec.decode("a=1&a=2&b"));
    }
}
