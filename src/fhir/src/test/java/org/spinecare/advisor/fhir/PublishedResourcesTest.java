package org.spinecare.advisor.fhir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemComponent;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.spinecare.advisor.SpineAdvisor;
import org.spinecare.kb.Diagnosis;
import org.spinecare.kb.Finding;

@DisplayName("The published Questionnaire, CodeSystem and ConceptMap are structurally sound and match the contract")
class PublishedResourcesTest {
    private static final CodeSystem CODE_SYSTEM = FhirResources.codeSystem();
    private static final Questionnaire QUESTIONNAIRE = FhirResources.questionnaire();
    private static final ConceptMap CONCEPT_MAP = FhirResources.conceptMap();

    @Test
    void all_three_parse_strictly_as_active_r4_resources_with_their_canonical_urls() {
        assertEquals(FhirCodes.SPINE_SYSTEM, CODE_SYSTEM.getUrl());
        assertEquals(FhirCodes.QUESTIONNAIRE_URL, QUESTIONNAIRE.getUrl());
        assertEquals(FhirCodes.CONCEPT_MAP_URL, CONCEPT_MAP.getUrl());
        Stream.of(CODE_SYSTEM.getStatus(), QUESTIONNAIRE.getStatus(), CONCEPT_MAP.getStatus())
                .forEach(status -> assertEquals(PublicationStatus.ACTIVE, status));
    }

    @Test
    void all_three_carry_the_knowledge_base_version() {
        String releaseId;
        try (SpineAdvisor advisor = SpineAdvisor.create()) {
            releaseId = advisor.knowledgeBase().releaseId();
        }
        String kbVersion = releaseId.substring(releaseId.lastIndexOf(':') + 1);

        assertEquals(kbVersion, CODE_SYSTEM.getVersion());
        assertEquals(kbVersion, QUESTIONNAIRE.getVersion());
        assertEquals(kbVersion, CONCEPT_MAP.getVersion());
    }

    @Test
    void the_code_system_holds_every_reportable_finding_and_diagnosis_once_and_counts_its_concepts() {
        List<String> codes = CODE_SYSTEM.getConcept().stream().map(CodeSystem.ConceptDefinitionComponent::getCode)
                .toList();

        assertEquals(codes.size(), new HashSet<>(codes).size(), "duplicate codes");
        assertEquals(codes.size(), CODE_SYSTEM.getCount());
        Finding.reportable().forEach(f -> assertTrue(codes.contains(f.name()), f.name()));
        Stream.of(Diagnosis.values()).forEach(d -> assertTrue(codes.contains(d.name()), d.name()));
        Stream.of(Finding.values()).filter(Finding::isDerived)
                .forEach(f -> assertFalse(codes.contains(f.name()), "derived " + f));
        CODE_SYSTEM.getConcept().forEach(c -> assertTrue(c.hasDisplay() && c.hasDefinition(), c.getCode()));
    }

    @Test
    void the_questionnaire_asks_every_reportable_finding_and_diagnosis_present_absent_or_not_asked() {
        List<QuestionnaireItemComponent> questions = questions(QUESTIONNAIRE.getItem());
        List<String> linkIds = questions.stream().map(QuestionnaireItemComponent::getLinkId).toList();

        assertEquals(linkIds.size(), new HashSet<>(linkIds).size(), "duplicate linkIds");
        List<String> expected = new ArrayList<>();
        Finding.reportable().forEach(f -> expected.add(f.name()));
        Stream.of(Diagnosis.values()).forEach(d -> expected.add(d.name()));
        for (String code : expected) {
            QuestionnaireItemComponent item = questions.get(linkIds.indexOf(code));
            assertEquals(Questionnaire.QuestionnaireItemType.CHOICE, item.getType(), code);
            assertEquals(List.of(FhirCodes.PRESENT, FhirCodes.ABSENT, FhirCodes.NOT_ASKED),
                    item.getAnswerOption().stream().map(o -> o.getValueCoding().getCode()).toList(), code);
        }
        Stream.of(FhirCodes.AGE_YEARS, FhirCodes.PAIN_SCORE, FhirCodes.SITTING_HOURS_PER_DAY,
                        FhirCodes.SYMPTOM_DURATION_WEEKS)
                .forEach(code -> assertEquals(Questionnaire.QuestionnaireItemType.INTEGER,
                        questions.get(linkIds.indexOf(code)).getType(), code));
        assertTrue(linkIds.containsAll(List.of(FhirCodes.TENSION_ONSET, FhirCodes.CRACKING_FREQUENCY,
                FhirCodes.CRACKING_FORCEFUL)));
    }

    @Test
    void every_questionnaire_code_and_answer_is_defined_in_the_code_system() {
        Set<String> defined = new HashSet<>();
        CODE_SYSTEM.getConcept().forEach(c -> defined.add(c.getCode()));
        for (QuestionnaireItemComponent item : questions(QUESTIONNAIRE.getItem())) {
            for (Coding coding : item.getCode()) {
                if (FhirCodes.SPINE_SYSTEM.equals(coding.getSystem())) {
                    assertTrue(defined.contains(coding.getCode()), coding.getCode());
                    assertEquals(item.getLinkId(), coding.getCode());
                }
            }
            item.getAnswerOption().forEach(o -> {
                assertEquals(FhirCodes.SPINE_SYSTEM, o.getValueCoding().getSystem());
                assertTrue(defined.contains(o.getValueCoding().getCode()), o.getValueCoding().getCode());
            });
        }
    }

    @Test
    void every_concept_map_entry_targets_a_defined_code_and_names_the_source_that_verified_its_id() {
        Set<String> defined = new HashSet<>();
        CODE_SYSTEM.getConcept().forEach(c -> defined.add(c.getCode()));
        assertEquals(1, CONCEPT_MAP.getGroup().size());
        ConceptMap.ConceptMapGroupComponent group = CONCEPT_MAP.getGroupFirstRep();
        assertEquals(FhirCodes.SNOMED, group.getSource());
        assertEquals(FhirCodes.SPINE_SYSTEM, group.getTarget());
        for (ConceptMap.SourceElementComponent element : group.getElement()) {
            ConceptMap.TargetElementComponent target = element.getTargetFirstRep();
            assertTrue(defined.contains(target.getCode()), target.getCode());
            assertNotNull(target.getComment());
            assertTrue(target.getComment().startsWith("SNOMED CT id verified: "), element.getCode());
        }
        assertEquals(group.getElement().size(), new ConceptIndex(CONCEPT_MAP).size());
    }

    private static List<QuestionnaireItemComponent> questions(List<QuestionnaireItemComponent> items) {
        List<QuestionnaireItemComponent> questions = new ArrayList<>();
        for (QuestionnaireItemComponent item : items) {
            if (item.getType() == Questionnaire.QuestionnaireItemType.GROUP) {
                questions.addAll(questions(item.getItem()));
            } else {
                questions.add(item);
            }
        }
        return questions;
    }
}
