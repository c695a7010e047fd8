package org.spinecare.advisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.spinecare.advisor.FaultInjection.LOOPS_ON_WEAKNESS;
import static org.spinecare.advisor.FaultInjection.NO_STENOSIS;
import static org.spinecare.advisor.FaultInjection.SELF_CARE_TRIAGE;
import static org.spinecare.advisor.FaultInjection.THROWS_ON_FEVER;
import static org.spinecare.advisor.FaultInjection.rule;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.spinecare.kb.Finding;
import org.spinecare.kb.FindingState;
import org.spinecare.kb.TriageLevel;

/**
 * Fault injection: every way the evaluation can fail ends in a typed exception, never in an assessment. The faulty
 * knowledge bases are compiled from DRL text at test time and wrapped exactly as the shipped one is.
 */
class FailSafeTest {
    private static final PatientFacts FEVER = facts(Finding.FEVER, FindingState.PRESENT);
    private static final PatientFacts WEAKNESS = facts(Finding.WEAKNESS, FindingState.PRESENT);

    @Test
    void a_rule_that_throws_gives_an_assessment_exception_and_no_assessment() {
        // Given a knowledge base with a rule that throws when fever is present
        SpineAdvisor advisor = FaultInjection.advisorWhoseRuleThrowsOnFever();
        // When a patient with fever is assessed; Then the engine error surfaces as an AssessmentException
        AssessmentException e = assertThrows(AssessmentException.class, () -> advisor.assess(FEVER));
        assertTrue(e.getMessage().startsWith("rule evaluation failed"), e.getMessage());
        assertTrue(causes(e).contains("injected fault in a rule consequence"), causes(e));
    }

    @Test
    void the_faulty_knowledge_base_still_answers_when_its_faulty_rule_does_not_fire() {
        // Given the same knowledge base; When fever is absent; Then it answers, so the failure above was the fault
        Assessment a = FaultInjection.advisorWhoseRuleThrowsOnFever().assess(facts(Finding.FEVER, FindingState.ABSENT));
        assertEquals(TriageLevel.SELF_CARE, a.triage());
    }

    @Test
    void a_looping_rule_stops_at_the_fired_rule_cap_instead_of_hanging() {
        // Given a rule that re-inserts its own fact for ever
        SpineAdvisor advisor = FaultInjection.advisor(SELF_CARE_TRIAGE, NO_STENOSIS, LOOPS_ON_WEAKNESS);
        // When it fires; Then the cap stops it promptly with an AssessmentException
        AssessmentException e = assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> assertThrows(AssessmentException.class, () -> advisor.assess(WEAKNESS)));
        assertTrue(e.getMessage().contains("more than " + SpineAdvisor.DEFAULT_MAX_FIRED_RULES + " rules fired"),
                e.getMessage());
    }

    @Test
    void a_cap_of_one_fired_rule_on_the_real_knowledge_base_refuses_to_answer() {
        // Given the shipped knowledge base capped at one fired rule
        SpineAdvisor advisor = SpineAdvisor.builder().maxFiredRules(1).build();
        // When a patient with cauda equina signs is assessed; Then no assessment is given
        AssessmentException e = assertThrows(AssessmentException.class,
                () -> advisor.assess(facts(Finding.SADDLE_SENSATION_LOSS, FindingState.PRESENT)));
        assertTrue(e.getMessage().contains("more than 1 rules fired"), e.getMessage());
    }

    @Test
    void the_cap_is_exact_an_assessment_that_fires_n_rules_passes_with_cap_n_and_fails_with_n_minus_one() {
        // Given an assessment on the real knowledge base and the number of rules it fires
        PatientFacts cauda = facts(Finding.SADDLE_SENSATION_LOSS, FindingState.PRESENT);
        int fired = SpineAdvisor.create().assess(cauda).firedRules().size();
        // Then a cap of exactly that many answers, and one less refuses
        assertEquals(fired, SpineAdvisor.builder().maxFiredRules(fired).build().assess(cauda).firedRules().size());
        assertThrows(AssessmentException.class,
                () -> SpineAdvisor.builder().maxFiredRules(fired - 1).build().assess(cauda));
    }

    @Test
    void a_knowledge_base_that_reaches_no_triage_is_refused() {
        SpineAdvisor advisor = FaultInjection.advisor(NO_STENOSIS);
        AssessmentException e = assertThrows(AssessmentException.class, () -> advisor.assess(PatientFacts.empty()));
        assertTrue(e.getMessage().contains("0 conclusions on triage"), e.getMessage());
    }

    @Test
    void a_knowledge_base_that_reaches_two_triages_is_refused() {
        SpineAdvisor advisor = FaultInjection.advisor(SELF_CARE_TRIAGE, NO_STENOSIS,
                rule("A faulty second triage", "TT05", "conclusions:triage", "Triage(level == TriageLevel.SELF_CARE)",
                        "insert(new Triage(TriageLevel.ROUTINE));"));
        AssessmentException e = assertThrows(AssessmentException.class, () -> advisor.assess(PatientFacts.empty()));
        assertTrue(e.getMessage().contains("2 conclusions on triage"), e.getMessage());
    }

    @Test
    void a_knowledge_base_that_reaches_no_stenosis_conclusion_is_refused() {
        SpineAdvisor advisor = FaultInjection.advisor(SELF_CARE_TRIAGE);
        AssessmentException e = assertThrows(AssessmentException.class, () -> advisor.assess(PatientFacts.empty()));
        assertTrue(e.getMessage().contains("0 conclusions on stenosis status"), e.getMessage());
    }

    @Test
    void a_rule_that_advises_a_stretch_in_an_emergency_is_caught_before_the_answer_leaves() {
        // Given a faulty knowledge base that recommends a stretch with emergency triage
        SpineAdvisor advisor = FaultInjection.advisor(NO_STENOSIS,
                rule("Everything is an emergency", "TT06", "conclusions:triage", "not Triage()",
                        "insert(new Triage(TriageLevel.EMERGENCY));"
                                + " insert(new ContraindicatedAdvice(Advice.CRACK_SEATED_CHAIR, ContraindicationReason.ESCALATED_TRIAGE));"
                                + " insert(new ContraindicatedAdvice(Advice.CRACK_SEATED_FLOOR_TWIST, ContraindicationReason.ESCALATED_TRIAGE));"
                                + " insert(new ContraindicatedAdvice(Advice.CRACK_LYING_SPINAL_TWIST, ContraindicationReason.ESCALATED_TRIAGE));"),
                rule("A faulty stretch recommendation", "TT07", "advice:stretches", "Triage()",
                        "insert(new RecommendedAdvice(Advice.STRETCH_KNEE_TO_CHEST));"));
        // Then the safety invariants refuse the result
        AssessmentException e = assertThrows(AssessmentException.class, () -> advisor.assess(PatientFacts.empty()));
        assertTrue(e.getMessage().contains("STRETCH_KNEE_TO_CHEST is recommended with triage EMERGENCY"), e.getMessage());
    }

    @Test
    void an_audit_trail_that_cannot_record_withholds_the_assessment() {
        SpineAdvisor advisor = SpineAdvisor.builder().auditTrail(entry -> {
            throw new IllegalStateException("disk full");
        }).build();
        AssessmentException e = assertThrows(AssessmentException.class,
                () -> advisor.assess(facts(Finding.FEVER, FindingState.ABSENT)));
        assertTrue(e.getMessage().contains("disk full"), e.getMessage());
    }

    @Test
    void a_rule_without_an_id_fails_the_start_up_self_check() {
        assertSelfCheckFails("has no @id", FaultInjection.ruleWithMetadata("No id", "@source(\"S\") @basis(STATED)",
                "screening:red-flags", "FindingFact()", "// nothing"));
    }

    @Test
    void a_rule_without_a_source_fails_the_start_up_self_check() {
        assertSelfCheckFails("has no @source", FaultInjection.ruleWithMetadata("No source", "@id(TT10) @basis(STATED)",
                "screening:red-flags", "FindingFact()", "// nothing"));
    }

    @Test
    void a_rule_without_a_basis_fails_the_start_up_self_check() {
        assertSelfCheckFails("has no @basis", FaultInjection.ruleWithMetadata("No basis",
                "@id(TT11) @source(\"S\")", "screening:red-flags", "FindingFact()", "// nothing"));
    }

    @Test
    void a_rule_whose_basis_is_neither_stated_nor_inferred_fails_the_start_up_self_check() {
        assertSelfCheckFails("@basis other than STATED, INFERRED or GUIDELINE", FaultInjection.ruleWithMetadata("Odd basis",
                "@id(TT12) @source(\"S\") @basis(GUESSED)", "screening:red-flags", "FindingFact()", "// nothing"));
    }

    @Test
    void an_inferred_rule_that_does_not_say_why_fails_the_start_up_self_check() {
        assertSelfCheckFails("does not say why", FaultInjection.ruleWithMetadata("Inferred without why",
                "@id(TT13) @source(\"S\") @basis(INFERRED)", "screening:red-flags", "FindingFact()", "// nothing"));
    }

    @Test
    void a_rule_citing_a_section_the_article_does_not_have_fails_the_start_up_self_check() {
        assertSelfCheckFails("rule TT17 cites 'How to Crack Your Back', which is not a heading of the article",
                FaultInjection.ruleWithMetadata("Misspelt source", "@id(TT17) @source(\"How to Crack Your Back\") "
                        + "@basis(STATED)", "screening:red-flags", "FindingFact()", "// nothing"));
    }

    @Test
    void a_guideline_rule_citing_the_article_instead_of_a_guidance_section_fails_the_start_up_self_check() {
        assertSelfCheckFails("rule TT18 cites 'How to Crack Your Lower Back?', which is not a known guidance section",
                FaultInjection.ruleWithMetadata("Guideline without guidance", "@id(TT18) @source(\"How to Crack "
                        + "Your Lower Back?\") @basis(GUIDELINE) @why(\"a test\")", "screening:red-flags",
                "FindingFact()", "// nothing"));
    }

    @Test
    void a_rule_in_an_unknown_agenda_group_fails_the_start_up_self_check() {
        assertSelfCheckFails("is in agenda group 'aftercare'",
                rule("Unknown group", "TT14", "aftercare", "FindingFact()", "// nothing"));
    }

    @Test
    void a_rule_in_no_agenda_group_fails_the_start_up_self_check() {
        assertSelfCheckFails("is in agenda group 'MAIN'",
                FaultInjection.ruleWithMetadata("No group", String.format(FaultInjection.META, "TT15"), null,
                        "FindingFact()", "// nothing"));
    }

    @Test
    void two_rules_with_one_id_fail_the_start_up_self_check() {
        assertSelfCheckFails("rule id TT16 is used twice",
                rule("First of a pair", "TT16", "screening:red-flags", "FindingFact()", "// nothing"),
                rule("Second of a pair", "TT16", "screening:red-flags", "FindingFact()", "// nothing"));
    }

    @Test
    void fewer_rules_loaded_than_the_sources_declare_fails_the_start_up_self_check() {
        // Given sources that declare one more rule than the compiled knowledge base holds
        var kieBase = FaultInjection.compile(SELF_CARE_TRIAGE, NO_STENOSIS);
        Map<String, String> declared = new java.util.LinkedHashMap<>(
                FaultInjection.declared(SELF_CARE_TRIAGE, NO_STENOSIS));
        declared.put("A rule the executable model lost", "faulty.drl");
        KnowledgeBaseException e = assertThrows(KnowledgeBaseException.class,
                () -> KnowledgeBase.checkRules(kieBase, declared, Map.of()));
        assertTrue(e.getMessage().contains("holds 2 rules but the sources declare 3"), e.getMessage());
    }

    @Test
    void an_empty_knowledge_base_fails_the_start_up_self_check() {
        KnowledgeBaseException e = assertThrows(KnowledgeBaseException.class,
                () -> KnowledgeBase.checkRules(FaultInjection.compile(), Map.of(), Map.of()));
        assertTrue(e.getMessage().contains("holds 0 rules"), e.getMessage());
    }

    @Test
    void a_loaded_rule_that_the_sources_do_not_declare_fails_the_start_up_self_check() {
        var kieBase = FaultInjection.compile(SELF_CARE_TRIAGE, NO_STENOSIS);
        Map<String, String> declared = Map.of("Self-care when nothing escalates", "faulty.drl",
                "Some other rule", "faulty.drl");
        Map<String, String> groups = FaultInjection.groups(SELF_CARE_TRIAGE, NO_STENOSIS);
        KnowledgeBaseException e = assertThrows(KnowledgeBaseException.class,
                () -> KnowledgeBase.checkRules(kieBase, declared, groups));
        assertTrue(e.getMessage().contains("'Stenosis is not indicated' is not in the sources"), e.getMessage());
    }

    @Test
    void a_rule_source_changed_after_the_build_fails_the_digest_check() {
        KnowledgeBaseException e = assertThrows(KnowledgeBaseException.class,
                () -> KnowledgeBase.load(FaultInjection.tamperedRuleSource()));
        assertTrue(e.getMessage().contains("do not match the digest recorded at build time"), e.getMessage());
    }

    @Test
    void a_fact_model_source_changed_after_the_build_fails_the_digest_check() {
        // Given the kjar's Finding source with one trait moved: the rules would read a different grouping
        ClassLoader changedGrouping = FaultInjection.replacing("META-INF/kb-sources/org/spinecare/kb/Finding.java",
                original -> original.replace("FindingTrait.SIGN_OF_INFLAMMATION),\n    BACK_REDNESS",
                        "FindingTrait.OBJECTIVE_NEUROLOGICAL_DEFICIT),\n    BACK_REDNESS"));
        // When it is loaded; Then the digest, which covers the fact model as well as the DRL, refuses it
        KnowledgeBaseException e = assertThrows(KnowledgeBaseException.class,
                () -> KnowledgeBase.load(changedGrouping));
        assertTrue(e.getMessage().contains("do not match the digest recorded at build time"), e.getMessage());
    }

    @Test
    void a_kjar_without_its_manifest_fails_to_load() {
        KnowledgeBaseException e = assertThrows(KnowledgeBaseException.class,
                () -> KnowledgeBase.load(FaultInjection.replacing(RuleSources.MANIFEST, original -> null)));
        assertTrue(e.getMessage().contains("is missing"), e.getMessage());
    }

    @Test
    void a_kjar_without_its_executable_model_fails_to_load() {
        KnowledgeBaseException e = assertThrows(KnowledgeBaseException.class, () -> KnowledgeBase.load(
                FaultInjection.replacing("META-INF/kie/org.spinecare/spine-kjar/drools-model", original -> null)));
        assertTrue(e.getMessage().contains("no executable model"), e.getMessage());
    }

    @Test
    void a_kjar_built_with_equality_behaviour_is_refused() {
        // Given a kjar whose kmodule.xml (inside its digest, so as built) declares equality behaviour; Then the
        // library, which builds the rules with identity, refuses it instead of running it differently
        assertKmoduleRefused(original -> original.replace("equalsBehavior=\"identity\"",
                "equalsBehavior=\"equality\""), "declares equalsBehavior 'equality', not identity");
    }

    @Test
    void a_kjar_built_with_an_option_the_library_does_not_apply_is_refused() {
        assertKmoduleRefused(original -> original.replace("default=\"true\" equalsBehavior",
                "eventProcessingMode=\"stream\" default=\"true\" equalsBehavior"),
                "sets kbase option 'eventProcessingMode'");
    }

    @Test
    void a_kjar_whose_kbase_has_another_name_is_refused() {
        assertKmoduleRefused(original -> original.replace("name=\"spineKBase\"", "name=\"otherKBase\""),
                "declares kbase 'otherKBase', not 'spineKBase'");
    }

    private static void assertKmoduleRefused(java.util.function.UnaryOperator<String> change, String expected) {
        ClassLoader loader = FaultInjection.replacing(KieModuleDeclaration.PATH, change);
        KnowledgeBaseException e = assertThrows(KnowledgeBaseException.class,
                () -> KieModuleDeclaration.read(loader).requireAsBuilt(KnowledgeBase.KBASE_NAME));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void the_shipped_kmodule_declares_what_the_library_builds() {
        KieModuleDeclaration.read(getClass().getClassLoader()).requireAsBuilt(KnowledgeBase.KBASE_NAME);
    }

    @Test
    void a_kjar_whose_manifest_lists_a_rule_source_it_does_not_hold_fails_to_load() {
        ClassLoader loader = FaultInjection.replacing("org/spinecare/kb/safety.drl", original -> null);
        KnowledgeBaseException e = assertThrows(KnowledgeBaseException.class, () -> KnowledgeBase.load(loader));
        assertTrue(e.getMessage().contains("org/spinecare/kb/safety.drl named in"), e.getMessage());
    }

    @Test
    void a_kjar_that_cannot_be_read_fails_to_load_with_a_knowledge_base_exception() {
        // Given a rule source whose bytes cannot be read, as when the jar is replaced on disk while in use
        ClassLoader loader = new ClassLoader(getClass().getClassLoader()) {
            @Override
            public java.io.InputStream getResourceAsStream(String name) {
                if (!name.equals("org/spinecare/kb/red-flags.drl")) {
                    return super.getResourceAsStream(name);
                }
                return new java.io.InputStream() {
                    @Override
                    public int read() throws java.io.IOException {
                        throw new java.util.zip.ZipException("invalid LOC header (bad signature)");
                    }
                };
            }
        };
        // Then loading fails with the typed exception, not an unchecked I/O error
        KnowledgeBaseException e = assertThrows(KnowledgeBaseException.class, () -> KnowledgeBase.load(loader));
        assertTrue(e.getMessage().contains("could not be read"), e.getMessage());
    }

    @Test
    void a_tampered_knowledge_base_gives_no_advisor_at_all() {
        // Given a kjar whose rule sources were changed after the build
        // When an advisor is created on it
        KnowledgeBaseException e = assertThrows(KnowledgeBaseException.class,
                () -> FaultInjection.advisorOnATamperedKjar().get());

        // Then creation fails with the start-up failure, which callers catch apart from a failed assessment
        assertFalse(AssessmentException.class.isInstance(e), "a start-up failure is not a failed assessment");
    }

    private static void assertSelfCheckFails(String expected, String... rules) {
        var kieBase = FaultInjection.compile(rules);
        KnowledgeBaseException e = assertThrows(KnowledgeBaseException.class,
                () -> KnowledgeBase.checkRules(kieBase, FaultInjection.declared(rules),
                        FaultInjection.groups(rules)));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertFalse(e.getMessage().isBlank());
    }

    static PatientFacts facts(Finding finding, FindingState state) {
        return PatientFacts.empty().withFinding(finding, state);
    }

    private static String causes(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append(" / ");
        }
        return all.toString();
    }
}
