package org.batteryledger.app.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.batteryledger.chaincode.json.Json;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The messages a page's script shows, as JSON in the page's language, so scripts hold no words of
 * their own. Keys are those of {@code messages.properties} under the given prefixes.
 */
@Component("scriptWords")
public class ScriptWords {
    private final MessageSource messages;
    private final Properties keys = new Properties();

    public ScriptWords(MessageSource messages) {
        this.messages = messages;
        try (InputStream in = ScriptWords.class.getResourceAsStream("/messages.properties")) {
            if (in != null) {
                keys.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("messages.properties is unreadable", e);
        }
    }

    /** Every message whose key starts with one of {@code prefixes} (comma-separated), as JSON. */
    public String json(Locale locale, String prefixes) {
        Map<String, String> out = new TreeMap<>();
        for (String prefix : prefixes.split(",")) {
            for (String key : keys.stringPropertyNames()) {
                if (key.startsWith(prefix.trim())) {
                    out.put(key, messages.getMessage(key, null, key, locale));
                }
            }
        }
        // Inside <script>: "</script>" in a message must not end the element.
        return Json.string(out).replace("<", "\\u003c");
    }
}
