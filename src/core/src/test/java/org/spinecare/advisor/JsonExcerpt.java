package org.spinecare.advisor;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Whether a JSON document shown in the docs is an excerpt of a whole one: every field it shows has the same value
 * there, and every array it shows is the start of the whole array (the docs cut lists after their first entries).
 */
final class JsonExcerpt {
    private JsonExcerpt() {
    }

    static void compare(String path, JsonNode excerpt, JsonNode whole, List<String> differences) {
        if (excerpt.isObject() && whole.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = excerpt.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonNode there = whole.get(field.getKey());
                if (there == null) {
                    differences.add(path + "." + field.getKey() + " is not in the whole answer");
                } else {
                    compare(path + "." + field.getKey(), field.getValue(), there, differences);
                }
            }
        } else if (excerpt.isArray() && whole.isArray()) {
            if (excerpt.size() > whole.size()) {
                differences.add(path + " shows " + excerpt.size() + " entries; the answer has " + whole.size());
            }
            for (int i = 0; i < Math.min(excerpt.size(), whole.size()); i++) {
                compare(path + "[" + i + "]", excerpt.get(i), whole.get(i), differences);
            }
        } else if (!excerpt.equals(whole)) {
            differences.add(path + " shows " + excerpt + "; the answer has " + whole);
        }
    }
}
