package org.spinecare.advisor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.spinecare.kb.Advice;
import org.spinecare.kb.ContraindicatedAdvice;
import org.spinecare.kb.ContraindicationReason;
import org.spinecare.kb.DoseInstruction;
import org.spinecare.kb.Finding;
import org.spinecare.kb.Instruction;
import org.spinecare.kb.RecommendedAdvice;
import org.spinecare.kb.RedFlag;
import org.spinecare.kb.StenosisAssessment;
import org.spinecare.kb.StenosisIndicator;
import org.spinecare.kb.Triage;
import org.spinecare.kb.TriageLevel;
import org.spinecare.kb.UnscreenedRedFlag;

/**
 * Turns what the rules concluded into an {@link Assessment}, and refuses to when it breaks a safety invariant: a
 * result is only ever built from facts that rules inserted and that are still in working memory, never from
 * defaults. Every conclusion is such a fact, so one pass over the recorder's live insertions finds them all.
 */
final class AssessmentAssembler {
    /** The answer read top to bottom: by section (escalation first), then in code order within a section. */
    static final Comparator<Recommendation> CLINICAL_ORDER = Comparator
            .comparing((Recommendation r) -> r.code().section()).thenComparing(Recommendation::code);

    private AssessmentAssembler() {
    }

    static Assessment assemble(FiringRecorder recorder, KnowledgeBaseInfo kb) {
        return assemble(recorder, kb, ReleaseModel.CLASS_PATH);
    }

    /** With the texts of the release that answered, and its invariants ({@link SafetyInvariants#check}). */
    static Assessment assemble(FiringRecorder recorder, KnowledgeBaseInfo kb, ReleaseModel release) {
        ReleaseTexts texts = release.texts();
        List<TriageLevel> triages = new ArrayList<>(1);
        List<StenosisAssessment> stenosisConclusions = new ArrayList<>(1);
        Set<Finding> redFlags = EnumSet.noneOf(Finding.class);
        Set<Finding> unscreened = EnumSet.noneOf(Finding.class);
        Set<Finding> indicators = EnumSet.noneOf(Finding.class);
        Map<Advice, Set<String>> recommendedBy = new EnumMap<>(Advice.class);
        Map<Advice, Set<String>> contraindicatedBy = new EnumMap<>(Advice.class);
        Map<Advice, Set<ContraindicationReason>> reasons = new EnumMap<>(Advice.class);
        Map<Advice, Set<Instruction>> doses = new EnumMap<>(Advice.class);
        for (FiringRecorder.Insertion insertion : recorder.liveInsertions()) {
            Object fact = insertion.fact();
            if (fact instanceof RecommendedAdvice r) {
                recommendedBy.computeIfAbsent(r.advice(), a -> new LinkedHashSet<>()).add(insertion.ruleId());
            } else if (fact instanceof ContraindicatedAdvice c) {
                contraindicatedBy.computeIfAbsent(c.advice(), a -> new LinkedHashSet<>()).add(insertion.ruleId());
                reasons.computeIfAbsent(c.advice(), a -> EnumSet.noneOf(ContraindicationReason.class)).add(c.reason());
            } else if (fact instanceof DoseInstruction d) {
                doses.computeIfAbsent(d.advice(), a -> EnumSet.noneOf(Instruction.class)).add(d.instruction());
            } else if (fact instanceof Triage t) {
                triages.add(t.level());
            } else if (fact instanceof StenosisAssessment st) {
                stenosisConclusions.add(st);
            } else if (fact instanceof RedFlag r) {
                redFlags.add(r.finding());
            } else if (fact instanceof UnscreenedRedFlag u) {
                unscreened.add(u.finding());
            } else if (fact instanceof StenosisIndicator si) {
                indicators.add(si.finding());
            }
        }
        TriageLevel triage = exactlyOne(triages, "triage");
        StenosisAssessment stenosis = exactlyOne(stenosisConclusions, "stenosis status");

        List<Recommendation> recommendations = new ArrayList<>();
        List<Recommendation> clinicianActions = new ArrayList<>();
        recommendedBy.forEach((advice, ruleIds) -> {
            List<String> instructions = new ArrayList<>(texts.instructions(advice));
            doses.getOrDefault(advice, Set.of()).forEach(i -> instructions.add(texts.text(i)));
            Recommendation recommendation = new Recommendation(advice, advice.category(), texts.summary(advice),
                    instructions, texts.source(advice), List.copyOf(ruleIds));
            (advice.forPatient() ? recommendations : clinicianActions).add(recommendation);
        });
        recommendations.sort(CLINICAL_ORDER);
        List<Contraindication> contraindications = new ArrayList<>();
        contraindicatedBy.forEach((advice, ruleIds) -> {
            List<ContraindicationReason> why = List.copyOf(reasons.get(advice));
            contraindications.add(new Contraindication(advice, why.get(0), why, texts.source(advice),
                    List.copyOf(ruleIds)));
        });

        Assessment assessment = new Assessment(triage, List.copyOf(redFlags), List.copyOf(unscreened),
                new Stenosis(stenosis.status(), List.copyOf(indicators)), recommendations, clinicianActions,
                contraindications,
                recorder.fired(), kb);
        SafetyInvariants.check(assessment, release.composesWholeAnswer());
        return assessment;
    }

    private static <T> T exactlyOne(List<T> found, String what) {
        if (found.size() != 1) {
            throw new AssessmentException("the rules reached " + found.size() + " conclusions on " + what
                    + " instead of exactly one");
        }
        return found.get(0);
    }
}
