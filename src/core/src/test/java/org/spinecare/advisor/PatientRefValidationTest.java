package org.spinecare.advisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code patientRef} is copied into audit records and compared by eye: invisible, look-alike or terminal-breaking
 * references are refused, and its length counts characters, not UTF-16 units. Facts are built through
 * {@link SpineJson#readFacts} (JSON escapes below are decoded by the reader, not by Java).
 */
class PatientRefValidationTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "\\u00a0",             // only a no-break space
            "\\u200b",             // only a zero-width space
            "\\u00a0\\u200b\\u3000 ", // a mix of spaces that are not ASCII
            "\\u2007\\u202f",      // figure space, narrow no-break space
    })
    void a_reference_that_is_blank_once_normalised_is_refused(String escaped) {
        // Given a reference with nothing visible in it / When it is read / Then it is out of range at its path
        assertRefused("{\"patientRef\": \"" + escaped + "\"}");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "MRN\\u2028123",       // line separator
            "MRN\\u2029123",       // paragraph separator
            "MRN-\\u202e321",      // right-to-left override: shows as MRN-123
            "MRN\\u200b123",       // zero-width space inside: looks like MRN123
            "MRN\\u2066123\\u2069", // bidirectional isolates
            "MRN\\ufeff123",       // byte-order mark inside
            "MRN\\u0085123",       // next line, a C1 control
            "MRN\\u001b[31m",      // escape sequence
            "MRN\\udc00",          // an unpaired low surrogate
    })
    void a_reference_with_a_format_character_separator_control_or_broken_surrogate_is_refused(String escaped) {
        assertRefused("{\"patientRef\": \"" + escaped + "\"}");
    }

    @Test
    void the_length_limit_counts_characters_so_256_emoji_pass_and_257_do_not() {
        // Given references of emoji, each two UTF-16 units
        String emoji = "\uD83D\uDE00";
        // When 129 (over the old UTF-16 limit of 256 units) and 256 emoji are read / Then both are accepted
        assertEquals(emoji.repeat(129), SpineJson.readFacts("{\"patientRef\": \"" + emoji.repeat(129) + "\"}")
                .patientRef());
        assertEquals(emoji.repeat(256), SpineJson.readFacts("{\"patientRef\": \"" + emoji.repeat(256) + "\"}")
                .patientRef());
        // And 257 characters are refused
        assertRefused("{\"patientRef\": \"" + emoji.repeat(257) + "\"}");
        assertRefused("{\"patientRef\": \"" + "r".repeat(257) + "\"}");
    }

    @Test
    void ordinary_references_with_spaces_accents_and_other_scripts_stay_accepted() {
        // The checks refuse what cannot be seen or breaks a line, never plain text
        for (String ref : new String[] {"clinic-4711", "Dr. Müller / 12", "患者 0042", "caf\u00e9 \uD83D\uDE00",
                "\u00a0padded\u00a0", "r".repeat(256)}) {
            assertEquals(ref, SpineJson.readFacts("{\"patientRef\": \"" + ref + "\"}").patientRef());
        }
    }

    private static void assertRefused(String json) {
        InvalidFactsException e = assertThrows(InvalidFactsException.class, () -> SpineJson.readFacts(json), json);
        assertEquals(InvalidFactsException.Code.OUT_OF_RANGE, e.code(), e.getMessage());
        assertEquals("$.patientRef", e.path());
    }
}
