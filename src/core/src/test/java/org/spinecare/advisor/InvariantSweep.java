package org.spinecare.advisor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;
import org.spinecare.kb.Advice;
import org.spinecare.kb.TriageLevel;

/**
 * Runs the real engine over cubes of the input space and checks the clinical invariants on every case: the five
 * of knowledge base 1 (no code both ways, monotone triage, nothing self-directed when escalated, traced advice,
 * order-independent results), the whole-answer gates of {@link WholeAnswerInvariants} and, since knowledge base
 * 3.0.0, the usefulness checks of {@link UsefulnessInvariants} (nothing withheld that guidance gives). The library's own
 * {@link SafetyInvariants} (triage first, clinical order, no contradicting text) run inside every assessment, so a
 * break of one shows here as a refused assessment.
 *
 * <p>A cube is a profile of the other fields plus a set of free screened dimensions, each taking ABSENT, UNKNOWN
 * and PRESENT, with the remaining screened dimensions held at fixed states. Every case of a cube is assessed,
 * so monotonicity is checked between neighbours in the cube without assessing anything twice.
 */
final class InvariantSweep {
    /** Cases per task: small enough to share the cores evenly, large enough to keep scheduling cheap. */
    private static final int CHUNK = 2187;
    private static final int MAX_EXAMPLES = 25;

    /** One cube: a profile, the states of the screened dimensions that are not free, and the free ones. */
    record Cube(FactsGenerator.Profile profile, int[] fixedDigits, int[] freeDimensions, long seed) {
        int size() {
            int size = 1;
            for (int ignored : freeDimensions) {
                size *= 3;
            }
            return size;
        }

        int[] digits(int index) {
            int[] digits = fixedDigits.clone();
            for (int free : freeDimensions) {
                digits[free] = index % 3;
                index /= 3;
            }
            return digits;
        }
    }

    private final SpineAdvisor advisor;
    private final int threads;
    private final int determinismEvery;
    private final LongAdder determinismCases = new LongAdder();
    private final LongAdder cases = new LongAdder();
    private final LongAdder assessments = new LongAdder();
    private final LongAdder monotonicityPairs = new LongAdder();
    private final LongAdder engineOrderDifferences = new LongAdder();
    private final Map<String, AtomicLong> violations = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> examples = new ConcurrentLinkedQueue<>();
    private final AtomicInteger exampleCount = new AtomicInteger();

    /** @param determinismEvery check invariant 5 on every case (1) or on every n-th, to bound a long run */
    InvariantSweep(SpineAdvisor advisor, int threads, int determinismEvery) {
        this.advisor = advisor;
        this.threads = threads;
        this.determinismEvery = determinismEvery;
    }

    void run(List<Cube> cubes) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (Cube cube : cubes) {
                byte[] triage = new byte[cube.size()];
                List<Future<?>> chunks = new ArrayList<>();
                for (int start = 0; start < cube.size(); start += CHUNK) {
                    int from = start;
                    int to = Math.min(cube.size(), start + CHUNK);
                    chunks.add(pool.submit(() -> {
                        Random random = new Random(cube.seed() * 31 + from);
                        for (int i = from; i < to; i++) {
                            triage[i] = (byte) checkCase(cube, i, random);
                        }
                        return null;
                    }));
                }
                for (Future<?> chunk : chunks) {
                    chunk.get();
                }
                checkMonotonicity(cube, triage);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Checks invariants 1, 3, 4 and 5 on one case; returns its triage ordinal, or -1 when it failed. */
    private int checkCase(Cube cube, int index, Random random) {
        PatientFacts facts = FactsGenerator.facts(cube.profile(), cube.digits(index));
        cases.increment();
        Assessment base;
        try {
            base = advisor.assess(facts);
            assessments.increment();
        } catch (RuntimeException e) {
            violation("0 assessment refused", facts, e.getMessage());
            return -1;
        }
        checkContent(base, facts);
        if (index % determinismEvery == 0) {
            determinismCases.increment();
            checkDeterminism(base, facts, index / determinismEvery, random);
        }
        return base.triage().ordinal();
    }

    private void checkContent(Assessment a, PatientFacts facts) {
        for (String broken : WholeAnswerInvariants.violations(facts, a)) {
            violation("6 whole-answer gate", facts, broken);
        }
        for (String withheld : UsefulnessInvariants.violations(facts, a, advisor)) {
            violation("7 usefulness: " + withheld.split(":")[0], facts, withheld);
        }
        Set<Advice> recommended = a.recommendations().stream().map(Recommendation::code).collect(Collectors.toSet());
        Set<Advice> contraindicated = a.contraindications().stream().map(Contraindication::code)
                .collect(Collectors.toSet());
        for (Advice code : recommended) {
            if (contraindicated.contains(code)) {
                violation("1 recommended and contraindicated", facts, code + " is both");
            }
        }
        if (a.triage() == TriageLevel.EMERGENCY || a.triage() == TriageLevel.URGENT) {
            for (Recommendation r : a.recommendations()) {
                if (r.code().isSelfCareTechnique()) {
                    violation("3 self-care technique when escalated", facts, r.code() + " with " + a.triage());
                }
            }
            for (Advice advice : Advice.values()) {
                if (advice.isCrackingTechnique() && !contraindicated.contains(advice)) {
                    violation("3 self-care technique when escalated", facts,
                            advice + " not contraindicated with " + a.triage());
                }
            }
        }
        Map<String, FiredRule> fired = a.firedRules().stream()
                .collect(Collectors.toMap(FiredRule::id, r -> r, (x, y) -> x));
        for (Recommendation r : a.recommendations()) {
            checkTraced(r.code(), r.ruleIds(), fired, facts);
        }
        for (Contraindication c : a.contraindications()) {
            checkTraced(c.code(), c.ruleIds(), fired, facts);
        }
    }

    private void checkTraced(Advice code, List<String> ruleIds, Map<String, FiredRule> fired, PatientFacts facts) {
        if (ruleIds.isEmpty()) {
            violation("4 untraced advice", facts, code + " names no rule");
        }
        for (String id : ruleIds) {
            FiredRule rule = fired.get(id);
            if (rule == null) {
                violation("4 untraced advice", facts, code + " names " + id + ", which did not fire");
            } else if (rule.source() == null || rule.source().isBlank()) {
                violation("4 untraced advice", facts, code + " names " + id + ", which carries no source");
            }
        }
    }

    private void checkDeterminism(Assessment base, PatientFacts facts, int turn, Random random) {
        // The public route: the same facts in another JSON key order, or built through maps in another order.
        PatientFacts reordered;
        if (turn % 2 == 0) {
            String json = FactsGenerator.shuffledJson(facts, random);
            reordered = SpineJson.readFacts(json);
        } else {
            reordered = FactsGenerator.shuffledMaps(facts, random);
        }
        if (!reordered.equals(facts)) {
            violation("5 determinism", facts, "reordered input read as different facts: " + reordered);
            return;
        }
        Assessment again = advisor.assess(reordered);
        assessments.increment();
        if (!again.equals(base)) {
            violation("5 determinism", facts, "reordered input gave a different assessment");
        }
        // The engine route: the facts inserted into working memory in a shuffled order.
        List<Object> inserted = new ArrayList<>(SpineAdvisor.factsOf(facts));
        Collections.shuffle(inserted, random);
        Assessment shuffled = advisor.evaluateInserting(inserted);
        assessments.increment();
        if (!shuffled.equals(base)) {
            boolean sameRuleSequence = ids(shuffled).equals(ids(base));
            if (sameRuleSequence && firingOrderIgnored(shuffled).equals(firingOrderIgnored(base))) {
                engineOrderDifferences.increment();
            } else {
                violation("5 determinism", facts, "shuffled insertion changed the assessment: "
                        + SpineJson.writeAssessment(base) + " vs " + SpineJson.writeAssessment(shuffled));
            }
        }
    }

    private static List<String> ids(Assessment a) {
        return a.firedRules().stream().map(FiredRule::id).toList();
    }

    /** The assessment with its fired rules sorted: equal only if everything but the order of matches is equal. */
    private static Assessment firingOrderIgnored(Assessment a) {
        List<FiredRule> sorted = new ArrayList<>(a.firedRules());
        sorted.sort(Comparator.comparing(FiredRule::id).thenComparing(r -> String.join(",", r.matched())));
        return new Assessment(a.triage(), a.redFlags(), a.unscreenedRedFlags(), a.stenosis(), a.recommendations(),
                a.clinicianActions(), a.contraindications(), sorted, a.knowledgeBase());
    }

    /** Invariant 2 on every pair of neighbours in the cube. */
    private void checkMonotonicity(Cube cube, byte[] triage) {
        int stride = 1;
        for (int free : cube.freeDimensions()) {
            for (int i = 0; i < triage.length; i++) {
                int digit = (i / stride) % 3;
                if (digit == 2 || triage[i] < 0) {
                    continue;
                }
                int present = i + (2 - digit) * stride;
                monotonicityPairs.increment();
                if (triage[present] >= 0 && triage[present] > triage[i]) {
                    monotonicityViolation(cube, i, present, free, triage, "turning it PRESENT lowered triage");
                }
                if (digit == 1) {
                    int absent = i - stride;
                    monotonicityPairs.increment();
                    if (triage[absent] >= 0 && triage[i] > triage[absent]) {
                        monotonicityViolation(cube, i, absent, free, triage, "UNKNOWN gave a lower triage than ABSENT");
                    }
                }
            }
            stride *= 3;
        }
    }

    private void monotonicityViolation(Cube cube, int from, int to, int dimension, byte[] triage, String what) {
        PatientFacts facts = FactsGenerator.facts(cube.profile(), cube.digits(from));
        violation("2 monotonicity", facts, FactsGenerator.SCREENED.get(dimension) + ": " + what + " ("
                + TriageLevel.values()[triage[from]] + " -> " + TriageLevel.values()[triage[to]] + ")");
    }

    private void violation(String invariant, PatientFacts facts, String what) {
        violations.computeIfAbsent(invariant, k -> new AtomicLong()).incrementAndGet();
        if (exampleCount.incrementAndGet() <= MAX_EXAMPLES) {
            examples.add("[" + invariant + "] " + what + "\n    input: "
                    + FactsGenerator.shuffledJson(facts, new Random(0)));
        }
    }

    long cases() {
        return cases.sum();
    }

    long determinismCases() {
        return determinismCases.sum();
    }

    long assessments() {
        return assessments.sum();
    }

    long monotonicityPairs() {
        return monotonicityPairs.sum();
    }

    long engineOrderDifferences() {
        return engineOrderDifferences.sum();
    }

    /** Every violation count by invariant and the first few inputs that broke one; empty when none did. */
    String report() {
        if (violations.isEmpty()) {
            return "";
        }
        return "violations " + violations + "\n" + String.join("\n", examples);
    }
}
