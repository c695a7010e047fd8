package org.spinecare.advisor.fhir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.Questionnaire;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.spinecare.kb.Advice;
import org.spinecare.kb.ContraindicationReason;
import org.spinecare.kb.Diagnosis;
import org.spinecare.kb.Finding;
import org.spinecare.kb.RedFlagCategory;
import org.spinecare.kb.StenosisStatus;
import org.spinecare.kb.TriageLevel;

class ClinicalLabelsTest {
    private static final Pattern CODE = Pattern.compile("\\b[A-Z]{2,}_[A-Z0-9_]+\\b");

    @Test
    @DisplayName("Given every code of every enum the cards, page and handout show, each has one label, in words, "
            + "distinct within its enum")
    void everyCodeShownHasALabel() {
        assertLabels(Finding.values(), ClinicalLabels::finding);
        assertLabels(Diagnosis.values(), ClinicalLabels::diagnosis);
        assertLabels(Advice.values(), ClinicalLabels::advice);
        assertLabels(ContraindicationReason.values(), ClinicalLabels::reason);
        assertLabels(TriageLevel.values(), ClinicalLabels::triage);
        assertLabels(StenosisStatus.values(), ClinicalLabels::stenosis);
        assertLabels(RedFlagCategory.values(), c -> ClinicalLabels.redFlags(c, 2));
    }

    @Test
    @DisplayName("Given the published Questionnaire, each finding and diagnosis it asks about is labelled by its "
            + "item text")
    void questionnaireIsTheSourceOfFindingLabels() {
        int items = 0;
        for (Questionnaire.QuestionnaireItemComponent group : FhirResources.questionnaire().getItem()) {
            for (Questionnaire.QuestionnaireItemComponent item : group.getItem()) {
                String linkId = item.getLinkId();
                if (Arrays.stream(Finding.values()).anyMatch(f -> f.name().equals(linkId))) {
                    assertEquals(item.getText(), ClinicalLabels.finding(Finding.valueOf(linkId)));
                    items++;
                } else if (Arrays.stream(Diagnosis.values()).anyMatch(d -> d.name().equals(linkId))) {
                    assertEquals(item.getText(), ClinicalLabels.diagnosis(Diagnosis.valueOf(linkId)));
                    items++;
                }
            }
        }
        assertEquals(Finding.reportable().size() + Diagnosis.values().length, items);
    }

    @Test
    @DisplayName("Given one and several red flags of a category, the count reads in the singular or plural")
    void redFlagCountsReadAsWords() {
        assertEquals("1 fracture sign", ClinicalLabels.redFlags(RedFlagCategory.FRACTURE, 1));
        assertEquals("4 cancer signs", ClinicalLabels.redFlags(RedFlagCategory.CANCER, 4));
    }

    private static <E extends Enum<E>> void assertLabels(E[] codes, Function<E, String> label) {
        Set<String> seen = new HashSet<>();
        for (E code : List.of(codes)) {
            String text = label.apply(code);
            assertNotNull(text, code + " has no label");
            assertFalse(text.isBlank(), code + " has a blank label");
            assertFalse(CODE.matcher(text).find(), code + "'s label is a code: " + text);
            assertFalse(!seen.add(text), code + "'s label is another code's too: " + text);
        }
    }
}
