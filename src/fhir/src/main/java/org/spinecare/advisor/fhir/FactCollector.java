package org.spinecare.advisor.fhir;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spinecare.kb.CrackingFrequency;
import org.spinecare.kb.Diagnosis;
import org.spinecare.kb.Finding;
import org.spinecare.kb.FindingState;
import org.spinecare.kb.TensionOnset;

/**
 * Collects every statement the resources make, with where it came from, so that contradicting statements can be
 * resolved toward safety and reported, and an out-of-range value can be pinned on its resource and element. One
 * instance per mapping; not thread-safe.
 */
final class FactCollector {
    /** Where a statement came from. */
    record Source(String resource, String element) {
    }

    record Claim<T>(T value, Source source) {
    }

    final Map<Finding, List<Claim<FindingState>>> findings = new EnumMap<>(Finding.class);
    /** TRUE for a diagnosis stated present, FALSE for one stated absent (refuted). */
    final Map<Diagnosis, List<Claim<Boolean>>> diagnoses = new EnumMap<>(Diagnosis.class);
    /** The integer measures by their questionnaire item code (AGE_YEARS, PAIN_SCORE, ...). */
    final Map<String, List<Claim<Integer>>> measures = new LinkedHashMap<>();
    final List<Claim<TensionOnset>> tensionOnset = new ArrayList<>();
    final List<Claim<CrackingFrequency>> crackingFrequency = new ArrayList<>();
    final List<Claim<Boolean>> crackingForceful = new ArrayList<>();
    final List<MappingReport.UnknownCode> unknownCodes = new ArrayList<>();
    final List<MappingReport.UnusableResource> unusable = new ArrayList<>();
    /** Contradictions within one resource, settled where they were read (a value beside a dataAbsentReason). */
    final List<MappingReport.Conflict> conflicts = new ArrayList<>();
    /** What the input path could not read: given by the caller or found in the document. */
    final List<DataGap> gaps = new ArrayList<>();
    String patientRef;
    Source patientRefSource;

    /** States a finding or diagnosis present or absent; the absence of a narrower concept is reported instead. */
    void state(Target target, boolean present, Source source) {
        if (!present && target.wider()) {
            unusable(source, MappingReport.Reason.ABSENCE_OF_NARROWER_CONCEPT);
            return;
        }
        if (target.finding() != null) {
            findings.computeIfAbsent(target.finding(), f -> new ArrayList<>())
                    .add(new Claim<>(present ? FindingState.PRESENT : FindingState.ABSENT, source));
        } else {
            diagnoses.computeIfAbsent(target.diagnosis(), d -> new ArrayList<>()).add(new Claim<>(present, source));
        }
    }

    void measure(String code, int value, Source source) {
        measures.computeIfAbsent(code, c -> new ArrayList<>()).add(new Claim<>(value, source));
    }

    void unknownCode(Source source, String system, String code) {
        unknownCodes.add(new MappingReport.UnknownCode(source.resource(), source.element(), Labels.token(system),
                Labels.token(code)));
    }

    void conflict(String code, String resolvedTo, String resource) {
        conflicts.add(new MappingReport.Conflict(code, resolvedTo, List.of(resource)));
    }

    void gap(DataGap gap) {
        if (!gaps.contains(gap)) {
            gaps.add(gap);
        }
    }

    void unusable(Source source, MappingReport.Reason reason) {
        unusable.add(new MappingReport.UnusableResource(source.resource(), source.element(), reason));
    }
}
