package org.spinecare.advisor.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.spinecare.advisor.PatientFacts;
import org.spinecare.advisor.SpineJson;
import org.spinecare.kb.Finding;
import org.spinecare.kb.FindingState;

class CanonicalInputTest {
    @Test
    void the_canonical_form_has_sorted_keys_codes_and_nulls_and_leaves_out_the_patient_reference() {
        PatientFacts facts = SpineJson.readFacts("""
                {"sittingHoursPerDay": 9, "patientRef": "MRN-0001", "painScore": 4,
                 "findings": {"LOWER_BACK_PAIN": "PRESENT", "FEVER": "ABSENT"},
                 "diagnoses": ["SPINAL_STENOSIS", "HERNIATED_DISC"], "cracking": {"frequency": "DAILY"}}""");
        assertEquals("{\"ageYears\":null,\"cracking\":{\"forceful\":null,\"frequency\":\"DAILY\"},"
                + "\"diagnoses\":[\"HERNIATED_DISC\",\"SPINAL_STENOSIS\"],"
                + "\"findings\":{\"FEVER\":\"ABSENT\",\"LOWER_BACK_PAIN\":\"PRESENT\"},\"painScore\":4,"
                + "\"sittingHoursPerDay\":9,\"tensionOnset\":null}", CanonicalInput.json(facts));
        assertFalse(CanonicalInput.json(facts).contains("MRN-0001"));
        assertEquals("{\"ageYears\":null,\"cracking\":null,\"diagnoses\":[],\"findings\":{},\"painScore\":null,"
                + "\"sittingHoursPerDay\":null,\"tensionOnset\":null}", CanonicalInput.json(PatientFacts.empty()));
    }

    @Test
    void the_hash_is_sha256_of_the_canonical_form_and_ignores_order_and_patient_reference() throws Exception {
        Map<Finding, FindingState> oneOrder = new LinkedHashMap<>();
        oneOrder.put(Finding.FEVER, FindingState.ABSENT);
        oneOrder.put(Finding.SCIATICA, FindingState.PRESENT);
        Map<Finding, FindingState> otherOrder = new LinkedHashMap<>();
        otherOrder.put(Finding.SCIATICA, FindingState.PRESENT);
        otherOrder.put(Finding.FEVER, FindingState.ABSENT);
        PatientFacts a = new PatientFacts("one", 40, 3, oneOrder, Set.of(), null, null, 2);
        PatientFacts b = new PatientFacts("two", 40, 3, otherOrder, Set.of(), null, null, 2);
        assertEquals(CanonicalInput.sha256(a), CanonicalInput.sha256(b));
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(CanonicalInput.json(a).getBytes(StandardCharsets.UTF_8)));
        assertEquals(expected, CanonicalInput.sha256(a));
        // UNKNOWN (left out) is not ABSENT
        assertNotEquals(CanonicalInput.sha256(PatientFacts.empty()),
                CanonicalInput.sha256(PatientFacts.empty().withFinding(Finding.FEVER, FindingState.ABSENT)));
    }

    @Test
    void pseudonyms_are_stable_per_key_differ_between_keys_and_keys_are_never_printed() {
        AuditKey key = AuditFixtures.KEY;
        AuditKey other = AuditKey.generate();
        assertEquals(key.pseudonym("MRN-0001"), AuditKey.fromHex(key.toHex()).pseudonym("MRN-0001"));
        assertNotEquals(key.pseudonym("MRN-0001"), other.pseudonym("MRN-0001"));
        assertNotEquals(key.pseudonym("MRN-0001"), key.pseudonym("MRN-0002"));
        assertTrue(key.pseudonym("MRN-0001").matches("[0-9a-f]{64}"));
        assertFalse(key.toString().contains(key.toHex()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AuditKey.fromHex("secret-pass-phrase-not-hex-0123456789"));
        assertFalse(e.getMessage().contains("secret"));
        assertThrows(IllegalArgumentException.class, () -> AuditKey.fromHex("00112233"));
    }
}
