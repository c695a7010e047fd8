package org.spinecare.advisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.spinecare.kb.CrackingFrequency;
import org.spinecare.kb.Diagnosis;
import org.spinecare.kb.Finding;
import org.spinecare.kb.FindingState;
import org.spinecare.kb.TensionOnset;

/** The strict reader: every error kind has a stable code and names the JSON path of the field at fault. */
class SpineJsonReaderTest {

    @Test
    void a_full_valid_document_reads_into_the_matching_patient_facts() {
        String json = """
                {
                  "patientRef": "clinic-4711",
                  "ageYears": 58,
                  "painScore": 4,
                  "findings": { "LOWER_BACK_PAIN": "PRESENT", "FEVER": "ABSENT", "SCIATICA": "PRESENT" },
                  "diagnoses": ["SPINAL_STENOSIS", "OSTEOARTHRITIS"],
                  "cracking": { "frequency": "DAILY", "forceful": true },
                  "tensionOnset": "ACUTE",
                  "sittingHoursPerDay": 9
                }
                """;

        PatientFacts facts = SpineJson.readFacts(json);

        assertEquals(new PatientFacts("clinic-4711", 58, 4,
                Map.of(Finding.LOWER_BACK_PAIN, FindingState.PRESENT, Finding.FEVER, FindingState.ABSENT,
                        Finding.SCIATICA, FindingState.PRESENT),
                Set.of(Diagnosis.SPINAL_STENOSIS, Diagnosis.OSTEOARTHRITIS),
                new PatientFacts.Cracking(CrackingFrequency.DAILY, true), TensionOnset.ACUTE, 9), facts);
    }

    @Test
    void an_empty_object_is_valid_and_reports_nothing() {
        assertEquals(PatientFacts.empty(), SpineJson.readFacts("{}"));
    }

    @Test
    void a_finding_left_out_is_unknown_never_absent() {
        PatientFacts facts = SpineJson.readFacts("{\"findings\": {\"FEVER\": \"ABSENT\"}}");

        assertEquals(FindingState.ABSENT, facts.stateOf(Finding.FEVER));
        assertEquals(FindingState.UNKNOWN, facts.stateOf(Finding.SADDLE_SENSATION_LOSS));
        assertEquals(FindingState.UNKNOWN, facts.stateOf(Finding.LOWER_BACK_PAIN));
    }

    @Test
    void values_at_the_edges_of_their_ranges_are_accepted() {
        PatientFacts low = SpineJson.readFacts("{\"ageYears\": 0, \"painScore\": 0, \"sittingHoursPerDay\": 0}");
        PatientFacts high = SpineJson.readFacts("{\"ageYears\": 130, \"painScore\": 10, \"sittingHoursPerDay\": 24}");

        assertEquals(0, low.ageYears());
        assertEquals(24, high.sittingHoursPerDay());
    }

    @Test
    void a_cracking_habit_may_report_only_one_of_its_parts() {
        PatientFacts facts = SpineJson.readFacts("{\"cracking\": {\"forceful\": false}}");

        assertEquals(new PatientFacts.Cracking(null, false), facts.cracking());
    }

    @Test
    void an_unknown_top_level_field_is_rejected_with_the_valid_fields() {
        InvalidFactsException e = rejected("{\"age\": 58}", InvalidFactsException.Code.UNKNOWN_FIELD, "$.age");
        assertTrue(e.getMessage().contains("ageYears"), e.getMessage());
    }

    @Test
    void an_unknown_field_in_cracking_is_rejected() {
        rejected("{\"cracking\": {\"frequency\": \"DAILY\", \"gentle\": true}}", InvalidFactsException.Code.UNKNOWN_FIELD,
                "$.cracking.gentle");
    }

    @Test
    void an_unknown_finding_code_is_rejected_with_every_valid_code() {
        InvalidFactsException e = rejected("{\"findings\": {\"BACKACHE\": \"PRESENT\"}}",
                InvalidFactsException.Code.UNKNOWN_CODE, "$.findings.BACKACHE");
        for (Finding finding : Finding.values()) {
            assertTrue(e.getMessage().contains(finding.name()), finding + " missing from: " + e.getMessage());
        }
    }

    @Test
    void a_finding_code_in_lower_case_is_not_guessed() {
        rejected("{\"findings\": {\"fever\": \"PRESENT\"}}", InvalidFactsException.Code.UNKNOWN_CODE, "$.findings.fever");
    }

    @ParameterizedTest
    @CsvSource({"UNKNOWN", "yes", "present", "''"})
    void a_finding_state_other_than_present_or_absent_is_rejected(String state) {
        InvalidFactsException e = rejected("{\"findings\": {\"FEVER\": \"" + state + "\"}}",
                InvalidFactsException.Code.UNKNOWN_CODE, "$.findings.FEVER");
        assertTrue(e.getMessage().contains("PRESENT, ABSENT"), e.getMessage());
    }

    @Test
    void an_unknown_diagnosis_is_rejected_with_the_valid_ones() {
        InvalidFactsException e = rejected("{\"diagnoses\": [\"SPINAL_STENOSIS\", \"SCOLIOSIS\"]}",
                InvalidFactsException.Code.UNKNOWN_CODE, "$.diagnoses[1]");
        assertTrue(e.getMessage().contains("SPONDYLOLISTHESIS"), e.getMessage());
    }

    @Test
    void a_diagnosis_listed_twice_is_rejected() {
        rejected("{\"diagnoses\": [\"HERNIATED_DISC\", \"HERNIATED_DISC\"]}", InvalidFactsException.Code.DUPLICATE_VALUE,
                "$.diagnoses[1]");
    }

    @Test
    void an_unknown_cracking_frequency_and_tension_onset_are_rejected() {
        rejected("{\"cracking\": {\"frequency\": \"WEEKLY\"}}", InvalidFactsException.Code.UNKNOWN_CODE,
                "$.cracking.frequency");
        rejected("{\"tensionOnset\": \"CHRONIC\"}", InvalidFactsException.Code.UNKNOWN_CODE, "$.tensionOnset");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"ageYears\": \"58\"}                         | $.ageYears",
            "{\"ageYears\": 58.5}                           | $.ageYears",
            "{\"ageYears\": 5.8e1}                          | $.ageYears",
            "{\"painScore\": true}                          | $.painScore",
            "{\"sittingHoursPerDay\": [9]}                  | $.sittingHoursPerDay",
            "{\"patientRef\": 4711}                         | $.patientRef",
            "{\"tensionOnset\": 1}                          | $.tensionOnset",
            "{\"cracking\": {\"forceful\": \"true\"}}       | $.cracking.forceful",
            "{\"cracking\": {\"forceful\": 1}}              | $.cracking.forceful",
            "{\"cracking\": {\"frequency\": 2}}             | $.cracking.frequency",
            "{\"cracking\": \"DAILY\"}                      | $.cracking",
            "{\"findings\": [\"FEVER\"]}                    | $.findings",
            "{\"findings\": {\"FEVER\": true}}              | $.findings.FEVER",
            "{\"diagnoses\": \"SPINAL_STENOSIS\"}           | $.diagnoses",
            "{\"diagnoses\": [1]}                           | $.diagnoses[0]",
    })
    void a_value_of_the_wrong_type_is_rejected(String json, String path) {
        rejected(json, InvalidFactsException.Code.WRONG_TYPE, path);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"ageYears\": null}                    | $.ageYears",
            "{\"patientRef\": null}                  | $.patientRef",
            "{\"findings\": null}                    | $.findings",
            "{\"findings\": {\"FEVER\": null}}       | $.findings.FEVER",
            "{\"diagnoses\": null}                   | $.diagnoses",
            "{\"diagnoses\": [null]}                 | $.diagnoses[0]",
            "{\"cracking\": null}                    | $.cracking",
            "{\"cracking\": {\"forceful\": null}}    | $.cracking.forceful",
            "{\"tensionOnset\": null}                | $.tensionOnset",
    })
    void a_null_value_is_rejected_because_a_missing_field_says_unknown(String json, String path) {
        rejected(json, InvalidFactsException.Code.NULL_VALUE, path);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"ageYears\": 131}                | $.ageYears",
            "{\"ageYears\": -1}                 | $.ageYears",
            "{\"painScore\": 11}                | $.painScore",
            "{\"painScore\": -3}                | $.painScore",
            "{\"sittingHoursPerDay\": 25}       | $.sittingHoursPerDay",
            "{\"sittingHoursPerDay\": -1}       | $.sittingHoursPerDay",
            "{\"ageYears\": 99999999999999}     | $.ageYears",
            "{\"patientRef\": \"  \"}           | $.patientRef",
    })
    void a_number_out_of_range_is_rejected(String json, String path) {
        rejected(json, InvalidFactsException.Code.OUT_OF_RANGE, path);
    }

    @Test
    void a_key_repeated_at_the_top_level_is_rejected() {
        rejected("{\"ageYears\": 58, \"ageYears\": 60}", InvalidFactsException.Code.DUPLICATE_KEY, "$.ageYears");
    }

    @Test
    void a_finding_repeated_with_a_different_state_is_rejected() {
        rejected("{\"findings\": {\"FEVER\": \"ABSENT\", \"FEVER\": \"PRESENT\"}}",
                InvalidFactsException.Code.DUPLICATE_KEY, "$.findings.FEVER");
    }

    @Test
    void content_after_the_object_is_rejected() {
        rejected("{\"ageYears\": 58} {\"ageYears\": 60}", InvalidFactsException.Code.TRAILING_CONTENT, "$");
        rejected("{\"ageYears\": 58} x", null, "$");
    }

    @Test
    void empty_or_blank_input_is_rejected() {
        rejected("", InvalidFactsException.Code.EMPTY_INPUT, "$");
        rejected(" \n\t ", InvalidFactsException.Code.EMPTY_INPUT, "$");
    }

    @Test
    void text_that_is_not_json_is_rejected() {
        rejected("ageYears: 58", InvalidFactsException.Code.MALFORMED_JSON, "$");
        rejected("{\"ageYears\": 58", InvalidFactsException.Code.MALFORMED_JSON, null);
        rejected("{'ageYears': 58}", InvalidFactsException.Code.MALFORMED_JSON, null);
    }

    @Test
    void a_document_that_is_not_an_object_is_rejected() {
        rejected("[{\"ageYears\": 58}]", InvalidFactsException.Code.WRONG_TYPE, "$");
        rejected("58", InvalidFactsException.Code.WRONG_TYPE, "$");
    }

    @Test
    void a_byte_order_mark_is_rejected() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] body = "{\"ageYears\": 58}".getBytes(StandardCharsets.UTF_8);
        byte[] json = Arrays.copyOf(bom, bom.length + body.length);
        System.arraycopy(body, 0, json, bom.length, body.length);

        InvalidFactsException e = assertThrows(InvalidFactsException.class, () -> SpineJson.readFacts(json));
        assertEquals(InvalidFactsException.Code.BYTE_ORDER_MARK, e.code());
        assertEquals("$", e.path());
    }

    @Test
    void nesting_deeper_than_the_limit_is_rejected() {
        String deep = "{\"findings\": {\"FEVER\": " + "[".repeat(20) + "]".repeat(20) + "}}";

        // The parser stops before the structure is known, so the error is about the document as a whole.
        rejected(deep, InvalidFactsException.Code.TOO_DEEP, "$");
    }

    @Test
    void a_document_over_the_size_limit_is_rejected_before_parsing() {
        String big = "{\"patientRef\": \"" + "x".repeat(SpineJson.MAX_DOCUMENT_BYTES) + "\"}";

        rejected(big, InvalidFactsException.Code.TOO_LARGE, "$");
    }

    @Test
    void a_patient_reference_longer_than_its_limit_is_rejected() {
        String json = "{\"patientRef\": \"" + "r".repeat(PatientFacts.MAX_PATIENT_REF_LENGTH + 1) + "\"}";

        rejected(json, InvalidFactsException.Code.OUT_OF_RANGE, "$.patientRef");
    }

    @Test
    void an_error_message_names_its_path_and_code_on_one_line() {
        InvalidFactsException e = rejected("{\"painScore\": 12}", InvalidFactsException.Code.OUT_OF_RANGE, "$.painScore");

        assertEquals("$.painScore: must be between 0 and 10, was 12 [OUT_OF_RANGE]", e.getMessage());
    }

    @Test
    void hostile_input_is_echoed_back_only_in_short() {
        String longName = "X".repeat(5000);

        InvalidFactsException e = rejected("{\"findings\": {\"" + longName + "\": \"PRESENT\"}}",
                InvalidFactsException.Code.UNKNOWN_CODE, "$.findings." + "X".repeat(40) + "...");
        assertTrue(e.getMessage().length() < 1000, "message length " + e.getMessage().length());
    }

    /** Asserts the rejection's code and path; a null expectation is not checked. */
    private static InvalidFactsException rejected(String json, InvalidFactsException.Code code, String path) {
        InvalidFactsException e = assertThrows(InvalidFactsException.class, () -> SpineJson.readFacts(json),
                () -> "accepted: " + json);
        if (code != null) {
            assertEquals(code, e.code(), e.getMessage());
        }
        if (path != null) {
            assertEquals(path, e.path(), e.getMessage());
        }
        assertTrue(e.getMessage().startsWith(e.path() + ": "), e.getMessage());
        assertTrue(e.getMessage().endsWith("[" + e.code() + "]"), e.getMessage());
        return e;
    }
}
