package org.spinecare.advisor;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How the facts were obtained from another format, for the audit record: counts and project codes only. Codes the
 * mapping did not know are counted, never quoted, so no system, code or text of the input reaches the record.
 *
 * @param format       the input format, one of {@link #FORMATS}
 * @param unknownCodes how many codings (or questionnaire items) the mapping did not know
 * @param unusable     one reason per statement that gave no fact, repeated, in input order (one of
 *                     {@link #UNUSABLE_REASONS})
 * @param conflicts    the project codes (findings, diagnoses, measures) that were stated in contradicting ways
 * @param gaps         what the input path could not read, as {@code REASON/Type} (e.g.
 *                     {@code PAGE_NOT_FOLLOWED/Observation}, {@code UNREADABLE_LINE/*}): a reason of
 *                     {@link #GAP_REASONS} and a type of {@link #GAP_RESOURCE_TYPES}; the findings that type could
 *                     report were assessed as unscreened. Empty for a complete input
 */
public record InputMapping(String format, int unknownCodes, List<String> unusable, List<String> conflicts,
                           List<String> gaps) {
    /** FHIR R4 JSON, mapped by the spine-advisor-fhir module. */
    public static final String FHIR_R4 = "FHIR_R4";
    public static final Set<String> FORMATS = Set.of(FHIR_R4);
    /** The FHIR module's {@code MappingReport.Reason} names (a test there keeps the two equal). */
    public static final Set<String> UNUSABLE_REASONS = Set.of("UNSUPPORTED_RESOURCE_TYPE", "NOT_FINAL",
            "ENTERED_IN_ERROR", "CANCELLED", "DATA_ABSENT", "NO_USABLE_VALUE", "ABSENCE_OF_NARROWER_CONCEPT",
            "NO_KNOWN_CODE", "AMBIGUOUS_CODE", "NOT_ACTIVE", "NOT_CONFIRMED", "NOT_COMPLETED", "OTHER_QUESTIONNAIRE",
            "IMPRECISE_BIRTH_DATE", "OPERATION_OUTCOME");
    /** The measure codes a conflict can name besides findings and diagnoses (the FHIR module's measure items). */
    public static final Set<String> MEASURES = Set.of("AGE_YEARS", "PAIN_SCORE", "SITTING_HOURS_PER_DAY",
            "SYMPTOM_DURATION_WEEKS", "TENSION_ONSET", "CRACKING_FREQUENCY", "CRACKING_FORCEFUL");
    /** The FHIR module's {@code GapReason} names (a test there keeps the two equal). */
    public static final Set<String> GAP_REASONS = Set.of("PAGE_NOT_FOLLOWED", "SEARCH_FAILED", "FETCH_FAILED",
            "UNREADABLE_LINE");
    /** The resource types a gap can name: those the mapping reads, or {@code *} for any. */
    public static final Set<String> GAP_RESOURCE_TYPES = Set.of("Patient", "Observation", "Condition",
            "QuestionnaireResponse", "*");
    /** {@code REASON/Type}: an upper-case code and a FHIR resource type name (or {@code *}), nothing else. */
    private static final Pattern GAP = Pattern.compile("[A-Z][A-Z0-9_]{0,63}/(\\*|[A-Z][A-Za-z]{0,63})");
    /** Upper-case tokens only: a URI, a clinical code (digits, dots, dashes) or a display text is refused. */
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");

    public InputMapping {
        code("format", Objects.requireNonNull(format, "format"));
        if (unknownCodes < 0) {
            throw new IllegalArgumentException("unknownCodes must not be negative");
        }
        unusable = List.copyOf(unusable);
        conflicts = List.copyOf(conflicts);
        unusable.forEach(c -> code("unusable", c));
        conflicts.forEach(c -> code("conflicts", c));
        gaps = gaps == null ? List.of() : List.copyOf(gaps);
        gaps.forEach(g -> {
            if (!GAP.matcher(g).matches()) {
                throw new IllegalArgumentException("gaps must hold REASON/Type codes only");
            }
        });
    }

    /** A mapping without gaps: the input was read whole. */
    public InputMapping(String format, int unknownCodes, List<String> unusable, List<String> conflicts) {
        this(format, unknownCodes, unusable, conflicts, List.of());
    }

    private static void code(String field, String value) {
        if (!CODE.matcher(value).matches()) {
            throw new IllegalArgumentException(field + " must hold project codes (upper-case tokens) only");
        }
    }
}
