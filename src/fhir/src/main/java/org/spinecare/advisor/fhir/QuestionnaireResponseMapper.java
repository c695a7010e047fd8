package org.spinecare.advisor.fhir;

import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemAnswerComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;
import org.spinecare.kb.CrackingFrequency;
import org.spinecare.kb.TensionOnset;

/**
 * A response to the published screening Questionnaire, item by item through the linkIds. An item answered "not
 * asked", or not answered, is unknown; an answer of the wrong type is reported and unknown.
 */
final class QuestionnaireResponseMapper {
    private static final Set<String> GROUPS = Set.of("red-flags", "other-findings", "diagnoses", "measures",
            "cracking");
    private static final Set<String> MEASURES = Set.of(FhirCodes.AGE_YEARS, FhirCodes.PAIN_SCORE,
            FhirCodes.SITTING_HOURS_PER_DAY, FhirCodes.SYMPTOM_DURATION_WEEKS);

    private QuestionnaireResponseMapper() {
    }

    static void map(QuestionnaireResponse response, String resource, FactCollector collected) {
        FactCollector.Source status = new FactCollector.Source(resource, "status");
        switch (response.getStatus()) {
            case COMPLETED, AMENDED -> { }
            case ENTEREDINERROR -> {
                collected.unusable(status, MappingReport.Reason.ENTERED_IN_ERROR);
                return;
            }
            case STOPPED -> {
                collected.unusable(status, MappingReport.Reason.CANCELLED);
                return;
            }
            default -> {
                collected.unusable(status, MappingReport.Reason.NOT_COMPLETED);
                return;
            }
        }
        String questionnaire = response.getQuestionnaire();
        if (questionnaire == null || !(questionnaire.equals(FhirCodes.QUESTIONNAIRE_URL)
                || questionnaire.startsWith(FhirCodes.QUESTIONNAIRE_URL + "|"))) {
            collected.unusable(new FactCollector.Source(resource, "questionnaire"),
                    MappingReport.Reason.OTHER_QUESTIONNAIRE);
            return;
        }
        items(response.getItem(), resource, collected);
    }

    private static void items(List<QuestionnaireResponseItemComponent> items, String resource,
                              FactCollector collected) {
        for (QuestionnaireResponseItemComponent item : items) {
            item(item, resource, collected);
            items(item.getItem(), resource, collected);
            for (QuestionnaireResponseItemAnswerComponent answer : item.getAnswer()) {
                items(answer.getItem(), resource, collected);
            }
        }
    }

    private static void item(QuestionnaireResponseItemComponent item, String resource, FactCollector collected) {
        String linkId = item.getLinkId();
        String element = "item[" + Labels.token(linkId) + "]";
        if (GROUPS.contains(linkId)) {
            if (item.hasAnswer()) {
                collected.unusable(new FactCollector.Source(resource, element), MappingReport.Reason.NO_USABLE_VALUE);
            }
            return;
        }
        Target target = Target.ofProjectCode(linkId, false);
        boolean known = target != null || MEASURES.contains(linkId) || FhirCodes.TENSION_ONSET.equals(linkId)
                || FhirCodes.CRACKING_FREQUENCY.equals(linkId) || FhirCodes.CRACKING_FORCEFUL.equals(linkId);
        if (!known) {
            collected.unknownCode(new FactCollector.Source(resource, element), FhirCodes.QUESTIONNAIRE_URL, linkId);
            return;
        }
        List<QuestionnaireResponseItemAnswerComponent> answers = item.getAnswer();
        for (int i = 0; i < answers.size(); i++) {
            FactCollector.Source source = new FactCollector.Source(resource, element + ".answer[" + i + "]");
            if (!answer(linkId, target, answers.get(i), source, collected)) {
                collected.unusable(source, MappingReport.Reason.NO_USABLE_VALUE);
            }
        }
    }

    /** Records one answer; false when it is not of the item's type or not one of its options. */
    private static boolean answer(String linkId, Target target, QuestionnaireResponseItemAnswerComponent answer,
                                  FactCollector.Source source, FactCollector collected) {
        if (target != null) {
            String code = spineCode(answer);
            if (FhirCodes.PRESENT.equals(code) || FhirCodes.ABSENT.equals(code)) {
                collected.state(target, FhirCodes.PRESENT.equals(code), source);
                return true;
            }
            return FhirCodes.NOT_ASKED.equals(code);
        }
        if (MEASURES.contains(linkId)) {
            if (!answer.hasValueIntegerType() || !answer.getValueIntegerType().hasValue()) {
                return false;
            }
            collected.measure(linkId, answer.getValueIntegerType().getValue(), source);
            return true;
        }
        if (FhirCodes.CRACKING_FORCEFUL.equals(linkId)) {
            if (!answer.hasValueBooleanType() || !answer.getValueBooleanType().hasValue()) {
                return false;
            }
            collected.crackingForceful.add(new FactCollector.Claim<>(answer.getValueBooleanType().booleanValue(),
                    source));
            return true;
        }
        String code = spineCode(answer);
        if (FhirCodes.NOT_ASKED.equals(code)) {
            return true;
        }
        if (FhirCodes.TENSION_ONSET.equals(linkId)) {
            TensionOnset onset = valueOf(TensionOnset.class, code);
            if (onset != null) {
                collected.tensionOnset.add(new FactCollector.Claim<>(onset, source));
            }
            return onset != null;
        }
        CrackingFrequency frequency = valueOf(CrackingFrequency.class, code);
        if (frequency != null) {
            collected.crackingFrequency.add(new FactCollector.Claim<>(frequency, source));
        }
        return frequency != null;
    }

    /** The answer's code when it is a Coding of the project's CodeSystem, else null. */
    private static String spineCode(QuestionnaireResponseItemAnswerComponent answer) {
        if (!answer.hasValueCoding()) {
            return null;
        }
        Coding coding = answer.getValueCoding();
        return FhirCodes.SPINE_SYSTEM.equals(coding.getSystem()) ? coding.getCode() : null;
    }

    private static <E extends Enum<E>> E valueOf(Class<E> type, String code) {
        if (code == null) {
            return null;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(code)) {
                return constant;
            }
        }
        return null;
    }
}
