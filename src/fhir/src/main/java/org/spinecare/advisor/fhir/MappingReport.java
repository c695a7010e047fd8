package org.spinecare.advisor.fhir;

import java.util.List;
import java.util.Objects;
import org.spinecare.advisor.InputMapping;

/**
 * Everything the FHIR mapping did not turn into a fact, as codes: never free text from the input. Resource labels
 * are {@code Type/id} (ids are restricted by FHIR to letters, digits, '-' and '.') or {@code Type#n}, the resource's
 * position in the input when it has no id; codes that are not plain printable tokens are shown as {@code ?}.
 *
 * @param unknownCodes      codings (or questionnaire linkIds) the published concept map and questionnaire do not know
 * @param unusableResources resources, or parts of them, that stated nothing usable, with the reason
 * @param conflicts         findings or diagnoses reported in contradicting ways, and what they resolved to
 * @param gaps              what the input path could not read (pages, failed searches or fetches, unreadable
 *                          lines): the findings those data could have reported were assessed as unscreened
 */
public record MappingReport(List<UnknownCode> unknownCodes, List<UnusableResource> unusableResources,
                            List<Conflict> conflicts, List<DataGap> gaps) {
    public MappingReport {
        unknownCodes = List.copyOf(unknownCodes);
        unusableResources = List.copyOf(unusableResources);
        conflicts = List.copyOf(conflicts);
        gaps = List.copyOf(gaps);
    }

    /** A report of an input read whole. */
    public MappingReport(List<UnknownCode> unknownCodes, List<UnusableResource> unusableResources,
                         List<Conflict> conflicts) {
        this(unknownCodes, unusableResources, conflicts, List.of());
    }

    public static MappingReport empty() {
        return new MappingReport(List.of(), List.of(), List.of(), List.of());
    }

    /** True when every resource was used as it stood and nothing was missing: no unknown, unusable or contradictory
     * statement, and no gap. */
    public boolean isClean() {
        return unknownCodes.isEmpty() && unusableResources.isEmpty() && conflicts.isEmpty() && gaps.isEmpty();
    }

    /**
     * The summary the audit record keeps: unknown codes counted (their systems and codes are input text, never
     * copied), unusable statements by reason, conflicts by project code, gaps as {@code REASON/Type} (their
     * sources are left out: a prefetch key or line number says nothing the reason does not).
     */
    public InputMapping toInputMapping() {
        return new InputMapping(InputMapping.FHIR_R4, unknownCodes.size(),
                unusableResources.stream().map(u -> u.reason().name()).toList(),
                conflicts.stream().map(Conflict::code).toList(),
                gaps.stream().map(DataGap::code).distinct().toList());
    }

    /**
     * A coding the mapping does not know.
     *
     * @param resource the resource label
     * @param element  the FHIR element that held it, e.g. {@code code.coding[1]} or {@code item[FOO]}
     * @param system   the coding's system (a URI), or {@code ?}
     * @param code     the code, or {@code ?}
     */
    public record UnknownCode(String resource, String element, String system, String code) {
        public UnknownCode {
            Objects.requireNonNull(resource, "resource");
            Objects.requireNonNull(element, "element");
            Objects.requireNonNull(system, "system");
            Objects.requireNonNull(code, "code");
        }
    }

    /** A resource, or one statement in it, that gave no fact, and why. */
    public record UnusableResource(String resource, String element, Reason reason) {
        public UnusableResource {
            Objects.requireNonNull(resource, "resource");
            Objects.requireNonNull(element, "element");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Why a resource or statement gave no fact. */
    public enum Reason {
        /** A resource type the mapping does not read (only Patient, Observation, Condition, QuestionnaireResponse). */
        UNSUPPORTED_RESOURCE_TYPE,
        /** An Observation whose status is not final, amended or corrected (registered, preliminary, unknown). */
        NOT_FINAL,
        /** Marked entered-in-error: withdrawn by its author. */
        ENTERED_IN_ERROR,
        /** A cancelled Observation, or a QuestionnaireResponse that was stopped. */
        CANCELLED,
        /** The Observation's dataAbsentReason says why there is no value: the finding stays unknown. */
        DATA_ABSENT,
        /** No value, no usable interpretation, or a value of a type this code does not take. */
        NO_USABLE_VALUE,
        /** The code maps to a concept wider than itself (e.g. retention of urine to bowel or bladder change), so
         * its absence does not rule the wider finding out. */
        ABSENCE_OF_NARROWER_CONCEPT,
        /** No coding in the resource's code is known to the concept map. */
        NO_KNOWN_CODE,
        /** Codings of one resource mapped to different project codes. */
        AMBIGUOUS_CODE,
        /** A Condition that is resolved, inactive or in remission: not present now, and not ruled out either. */
        NOT_ACTIVE,
        /** A Condition that is unconfirmed, provisional or differential, or has no verification status. */
        NOT_CONFIRMED,
        /** A QuestionnaireResponse that is in progress (not completed or amended). */
        NOT_COMPLETED,
        /** A QuestionnaireResponse for another questionnaire than the published one. */
        OTHER_QUESTIONNAIRE,
        /** Patient.birthDate given to the year or month only: the age at the evaluation date is not certain. */
        IMPRECISE_BIRTH_DATE,
        /** An OperationOutcome of severity information or warning only: not a failed search, and nothing to read. */
        OPERATION_OUTCOME
    }

    /**
     * A finding, diagnosis or measure reported in contradicting ways.
     *
     * @param code       the project code (a finding, a diagnosis, or a measure item code)
     * @param resolvedTo what the mapping used: PRESENT, ABSENT or UNKNOWN for findings and diagnoses, or the value
     *                   kept for a measure
     * @param resources  the labels of the resources that disagreed, in input order
     */
    public record Conflict(String code, String resolvedTo, List<String> resources) {
        public Conflict {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(resolvedTo, "resolvedTo");
            resources = List.copyOf(resources);
        }
    }
}
