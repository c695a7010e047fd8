package org.spinecare.advisor.batch;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The patients a bulk data line names, read leniently from a line that could not be parsed as FHIR: a top-level
 * Patient's {@code id}, and every {@code subject} or {@code patient} reference to {@code Patient/ID}, as far as the
 * JSON can be read (a truncated line names what it holds before the break). Used only to decide whose data may be
 * missing, never to read a fact.
 */
final class NamedPatients {
    private static final JsonFactory LENIENT = new JsonFactory();
    private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");
    private static final Pattern PATIENT_REFERENCE = Pattern.compile(
            "(?:^|/)Patient/([A-Za-z0-9\\-.]{1,64})(?:/_history/[A-Za-z0-9\\-.]{1,64})?$");
    private static final Set<String> REFERENCE_FIELDS = Set.of("subject", "patient");

    private NamedPatients() {
    }

    /** {@code Patient/ID} for each patient the line names, in the order found; empty when it names none. */
    static Set<String> in(byte[] line) {
        Set<String> named = new LinkedHashSet<>();
        String type = null;
        String id = null;
        try (JsonParser parser = LENIENT.createParser(line)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token != JsonToken.VALUE_STRING) {
                    continue;
                }
                JsonStreamContext context = parser.getParsingContext();
                String field = context.getCurrentName();
                boolean topLevel = context.getParent() != null && context.getParent().inRoot();
                if (topLevel && "resourceType".equals(field)) {
                    type = parser.getText();
                } else if (topLevel && "id".equals(field)) {
                    id = parser.getText();
                } else if ("reference".equals(field) && REFERENCE_FIELDS.contains(holder(context))) {
                    Matcher m = PATIENT_REFERENCE.matcher(parser.getText());
                    if (m.find()) {
                        named.add("Patient/" + m.group(1));
                    }
                }
            }
        } catch (IOException e) {
            // Broken JSON: what was read before the break is all this line can tell.
        }
        if ("Patient".equals(type) && id != null && FHIR_ID.matcher(id).matches()) {
            named.add("Patient/" + id);
        }
        return named;
    }

    /** The field that holds this object, directly or as an array element. */
    private static String holder(JsonStreamContext object) {
        JsonStreamContext parent = object.getParent();
        if (parent != null && parent.inArray()) {
            parent = parent.getParent();
        }
        return parent == null ? null : parent.getCurrentName();
    }
}
