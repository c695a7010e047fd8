package org.spinecare.advisor.fhir;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The labels keep the syntax they were defined by: the regular expressions below are that definition. */
@DisplayName("Labels show ids and tokens exactly when they match their documented syntax")
class LabelsTest {
    private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_.:/\\-#|%+=~]{1,128}");
    /** Every allowed character, their neighbours in ASCII, quotes, spaces, controls and non-ASCII look-alikes. */
    private static final String ALPHABET = "azAZ09@[`{/:-._#|%+=~!\"' \t\n\u001b\u00e9\u0430\u2010\uff0e\ud83d\ude00\\$*";

    private static List<String> strings() {
        List<String> values = new ArrayList<>(List.of("", "a", "-", ".", "a b", "x".repeat(64), "x".repeat(65),
                "x".repeat(128), "x".repeat(129), "urn:uuid:1", "http://snomed.info/sct|386661006", "item[1]"));
        Random random = new Random(24);
        for (int i = 0; i < 20_000; i++) {
            int length = random.nextInt(4) == 0 ? 60 + random.nextInt(75) : random.nextInt(8);
            StringBuilder value = new StringBuilder();
            for (int j = 0; j < length; j++) {
                value.append(random.nextInt(3) == 0 ? ALPHABET.charAt(random.nextInt(ALPHABET.length()))
                        : (char) ('a' + random.nextInt(26)));
            }
            values.add(value.toString());
        }
        return values;
    }

    @Test
    void given_any_string_then_it_is_shown_as_a_token_exactly_when_it_matches_the_token_syntax() {
        for (String value : strings()) {
            assertEquals(TOKEN.matcher(value).matches() ? value : "?", Labels.token(value), value);
        }
        assertEquals("?", Labels.token(null));
    }

    @Test
    void given_any_id_then_the_resource_is_named_by_it_exactly_when_it_matches_fhirs_id_syntax() {
        for (String id : strings()) {
            Observation observation = new Observation();
            observation.setId(id);
            String idPart = observation.getIdElement().getIdPart();
            String expected = idPart != null && FHIR_ID.matcher(idPart).matches() ? "Observation/" + idPart
                    : "Observation#7";

            assertEquals(expected, Labels.of(observation, 7), id);
        }
    }
}
