package org.spinecare.advisor.fhir;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BinaryOperator;
import org.spinecare.advisor.InvalidFactsException;
import org.spinecare.advisor.PatientFacts;
import org.spinecare.kb.Finding;
import org.spinecare.kb.FindingGroup;
import org.spinecare.kb.FindingState;

/**
 * Turns collected statements into facts. Agreeing statements count once; contradicting ones resolve toward safety
 * and are reported (docs/fhir.md, "Conflicts"):
 * <ul>
 *   <li>a red flag, a manipulation-safety finding or a reason to see a professional stated both present and absent
 *       is PRESENT; any other finding stated both ways is UNKNOWN (neither statement is used);</li>
 *   <li>a diagnosis stated present anywhere is diagnosed;</li>
 *   <li>two ages or two tension onsets leave the value unknown; of two pain scores, sitting times or symptom
 *       durations the higher is kept; of two cracking frequencies the more frequent, and forceful wins.</li>
 * </ul>
 */
final class Resolution {
    private final FactCollector collected;
    private final List<MappingReport.Conflict> conflicts = new ArrayList<>();

    private Resolution(FactCollector collected) {
        this.collected = collected;
    }

    static MappedFacts resolve(FactCollector collected) {
        return new Resolution(collected).build();
    }

    private MappedFacts build() {
        conflicts.addAll(collected.conflicts);
        PatientFacts.Builder builder = PatientFacts.builder().patientRef(collected.patientRef);
        collected.findings.forEach((finding, claims) -> {
            FindingState state = resolveFinding(finding, claims);
            if (state != FindingState.UNKNOWN) {
                builder.finding(finding, state);
            }
        });
        collected.diagnoses.forEach((diagnosis, claims) -> {
            Set<Boolean> stated = values(claims);
            if (stated.size() > 1) {
                conflict(diagnosis.name(), "PRESENT", claims);
            }
            if (stated.contains(Boolean.TRUE)) {
                builder.diagnosis(diagnosis);
            }
        });
        builder.ageYears(single(FhirCodes.AGE_YEARS, measure(FhirCodes.AGE_YEARS)));
        builder.painScore(highest(FhirCodes.PAIN_SCORE, measure(FhirCodes.PAIN_SCORE)));
        builder.sittingHoursPerDay(highest(FhirCodes.SITTING_HOURS_PER_DAY, measure(FhirCodes.SITTING_HOURS_PER_DAY)));
        builder.symptomDurationWeeks(highest(FhirCodes.SYMPTOM_DURATION_WEEKS,
                measure(FhirCodes.SYMPTOM_DURATION_WEEKS)));
        builder.tensionOnset(single(FhirCodes.TENSION_ONSET, collected.tensionOnset));
        var frequency = pick(FhirCodes.CRACKING_FREQUENCY, collected.crackingFrequency,
                (a, b) -> a.compareTo(b) >= 0 ? a : b);
        var forceful = pick(FhirCodes.CRACKING_FORCEFUL, collected.crackingForceful, (a, b) -> a || b);
        if (frequency != null || forceful != null) {
            builder.cracking(frequency, forceful);
        }
        PatientFacts facts;
        try {
            facts = builder.build();
        } catch (InvalidFactsException e) {
            throw pinned(e);
        }
        return new MappedFacts(GapRule.apply(facts, collected.gaps), new MappingReport(collected.unknownCodes,
                collected.unusable, conflicts, collected.gaps));
    }

    private FindingState resolveFinding(Finding finding, List<FactCollector.Claim<FindingState>> claims) {
        Set<FindingState> stated = values(claims);
        if (stated.size() == 1) {
            return stated.iterator().next();
        }
        FindingState resolved = escalatesWhenPresent(finding) ? FindingState.PRESENT : FindingState.UNKNOWN;
        conflict(finding.name(), resolved.name(), claims);
        return resolved;
    }

    /** Findings whose presence only ever makes the answer more cautious: for them PRESENT is the safe side. */
    static boolean escalatesWhenPresent(Finding finding) {
        return finding.isRedFlag() || finding.isManipulationRisk()
                || finding.group() == FindingGroup.PROFESSIONAL_REVIEW;
    }

    private List<FactCollector.Claim<Integer>> measure(String code) {
        return collected.measures.getOrDefault(code, List.of());
    }

    /** The one stated value, or null (unknown) when the statements disagree. */
    private <T> T single(String code, List<FactCollector.Claim<T>> claims) {
        Set<T> stated = values(claims);
        if (stated.size() > 1) {
            conflict(code, "UNKNOWN", claims);
            return null;
        }
        return stated.isEmpty() ? null : stated.iterator().next();
    }

    private Integer highest(String code, List<FactCollector.Claim<Integer>> claims) {
        return pick(code, claims, (a, b) -> Math.max(a, b));
    }

    private <T> T pick(String code, List<FactCollector.Claim<T>> claims, BinaryOperator<T> safer) {
        Set<T> stated = values(claims);
        T kept = stated.stream().reduce(safer).orElse(null);
        if (stated.size() > 1) {
            conflict(code, String.valueOf(kept), claims);
        }
        return kept;
    }

    private void conflict(String code, String resolvedTo, List<? extends FactCollector.Claim<?>> claims) {
        conflicts.add(new MappingReport.Conflict(code, resolvedTo,
                claims.stream().map(c -> c.source().resource()).distinct().toList()));
    }

    private static <T> Set<T> values(List<FactCollector.Claim<T>> claims) {
        Set<T> values = new LinkedHashSet<>();
        claims.forEach(c -> values.add(c.value()));
        return values;
    }

    /** The contract's check named a JSON path; name the resource and element the value came from instead. */
    private FhirInputException pinned(InvalidFactsException e) {
        String code = switch (e.path()) {
            case "$.ageYears" -> FhirCodes.AGE_YEARS;
            case "$.painScore" -> FhirCodes.PAIN_SCORE;
            case "$.sittingHoursPerDay" -> FhirCodes.SITTING_HOURS_PER_DAY;
            case "$.symptomDurationWeeks" -> FhirCodes.SYMPTOM_DURATION_WEEKS;
            default -> null;
        };
        FactCollector.Source source = code != null && !measure(code).isEmpty()
                ? measure(code).stream().max(Comparator.comparing(FactCollector.Claim::value)).orElseThrow().source()
                : "$.patientRef".equals(e.path()) && collected.patientRefSource != null ? collected.patientRefSource
                : new FactCollector.Source("document", e.path());
        return new FhirInputException(source.resource(), source.element(), e.detail());
    }
}
