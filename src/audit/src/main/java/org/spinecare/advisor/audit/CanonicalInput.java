package org.spinecare.advisor.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.Map;
import org.spinecare.advisor.PatientFacts;
import org.spinecare.kb.Finding;
import org.spinecare.kb.FindingState;

/**
 * The canonical form of a patient's facts, whose SHA-256 an audit record carries as {@code inputSha256}. Anyone
 * holding the original facts can recompute it and show that they are the facts that were assessed.
 *
 * <p>The form is UTF-8 JSON without whitespace, with every key sorted (by code point) and always present:
 * <pre>{@code
 * {"ageYears":58,"cracking":{"forceful":true,"frequency":"DAILY"},"diagnoses":["SPINAL_STENOSIS"],
 *  "findings":{"FEVER":"ABSENT","LOWER_BACK_PAIN":"PRESENT"},"painScore":4,"sittingHoursPerDay":9,
 *  "tensionOnset":"ACUTE"}
 * }</pre>
 * {@code symptomDurationWeeks} (added with knowledge base 2.0.0) is the one exception to "always present": it
 * appears only when reported, so that the hash of facts without it did not change when it was added.
 * An unreported value is {@code null} ({@code cracking} is {@code null} when the habit was not reported, and an
 * object with both keys otherwise); {@code diagnoses} is a list of codes sorted by name; {@code findings} holds only
 * the findings reported PRESENT or ABSENT, keyed by code in name order. {@code patientRef} is left out, so that the
 * hash does not depend on, or reveal, who the patient is.
 */
public final class CanonicalInput {
    private static final JsonFactory JSON = new JsonFactory();

    private CanonicalInput() {
    }

    public static String json(PatientFacts facts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            number(g, "ageYears", facts.ageYears());
            g.writeFieldName("cracking");
            if (facts.cracking() == null) {
                g.writeNull();
            } else {
                g.writeStartObject();
                g.writeFieldName("forceful");
                if (facts.cracking().forceful() == null) {
                    g.writeNull();
                } else {
                    g.writeBoolean(facts.cracking().forceful());
                }
                code(g, "frequency", facts.cracking().frequency());
                g.writeEndObject();
            }
            g.writeArrayFieldStart("diagnoses");
            for (String diagnosis : facts.diagnoses().stream().map(Enum::name).sorted().toList()) {
                g.writeString(diagnosis);
            }
            g.writeEndArray();
            g.writeObjectFieldStart("findings");
            for (Map.Entry<Finding, FindingState> finding : facts.findings().entrySet().stream()
                    .sorted(Map.Entry.comparingByKey(Comparator.comparing(Finding::name))).toList()) {
                g.writeStringField(finding.getKey().name(), finding.getValue().name());
            }
            g.writeEndObject();
            number(g, "painScore", facts.painScore());
            number(g, "sittingHoursPerDay", facts.sittingHoursPerDay());
            if (facts.symptomDurationWeeks() != null) {
                // Written only when reported, so that facts without it hash as they did before it existed.
                number(g, "symptomDurationWeeks", facts.symptomDurationWeeks());
            }
            code(g, "tensionOnset", facts.tensionOnset());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** SHA-256 of {@link #json} as lowercase hex. */
    public static String sha256(PatientFacts facts) {
        return Digests.sha256Hex(json(facts).getBytes(StandardCharsets.UTF_8));
    }

    private static void number(JsonGenerator g, String name, Integer value) throws IOException {
        g.writeFieldName(name);
        if (value == null) {
            g.writeNull();
        } else {
            g.writeNumber(value);
        }
    }

    private static void code(JsonGenerator g, String name, Enum<?> value) throws IOException {
        g.writeFieldName(name);
        if (value == null) {
            g.writeNull();
        } else {
            g.writeString(value.name());
        }
    }
}
