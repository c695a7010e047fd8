package org.spinecare.advisor.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.spinecare.advisor.InputMapping;
import org.spinecare.kb.Advice;
import org.spinecare.kb.Diagnosis;
import org.spinecare.kb.Finding;
import org.spinecare.kb.StenosisStatus;
import org.spinecare.kb.TriageLevel;

/**
 * Whether a well-formed record says something this library could have written: codes it knows, hashes and ids
 * of the right shape, a time after the audit format existed and not in the future. A record that fails was
 * altered, or written by a library version that knows codes this one does not (verify it with that version).
 */
final class RecordContent {
    /** No audit record can be older than its format (the trail was written first in 2026). */
    static final Instant EARLIEST = Instant.parse("2026-01-01T00:00:00Z");
    /** Clocks drift; a record a day ahead of the verifier's clock is not a clock's error. */
    private static final Duration FUTURE_SLACK = Duration.ofDays(1);
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern HEX16 = Pattern.compile("[0-9a-f]{16}");
    private static final Set<String> TRIAGE = names(TriageLevel.values());
    private static final Set<String> FINDINGS = names(Finding.values());
    private static final Set<String> STENOSIS = names(StenosisStatus.values());
    private static final Set<String> ADVICE = names(Advice.values());
    /** What a mapping conflict can name: a finding, a diagnosis or a measure. */
    private static final Set<String> CONFLICTS = union(FINDINGS, names(Diagnosis.values()), InputMapping.MEASURES);

    private RecordContent() {
    }

    /** Null when the record's content is plausible, else why not. */
    static String problemIn(AuditRecord r, Instant now) {
        AuditRecord.Outcome o = r.outcome();
        String problem = firstOf(
                time("time", r.time(), now),
                shape("keyId", r.keyId(), HEX16),
                r.patientPseudonym() == null ? null : shape("patientPseudonym", r.patientPseudonym(), HEX64),
                shape("inputSha256", r.inputSha256(), HEX64),
                shape("knowledgeBase.rulesSha256", r.knowledgeBase().rulesSha256(), HEX64),
                codes("outcome.triage", List.of(o.triage()), TRIAGE),
                codes("outcome.redFlags", o.redFlags(), FINDINGS),
                codes("outcome.unscreenedRedFlags", o.unscreenedRedFlags(), FINDINGS),
                codes("outcome.stenosis.status", List.of(o.stenosisStatus()), STENOSIS),
                codes("outcome.stenosis.indicators", o.stenosisIndicators(), FINDINGS),
                codes("outcome.recommended", o.recommended(), ADVICE),
                codes("outcome.contraindicated", o.contraindicated(), ADVICE));
        return problem != null || r.inputMapping() == null ? problem : problemIn(r.inputMapping());
    }

    /** Null when every value of the mapping summary is a code this library knows, else why not. */
    static String problemIn(InputMapping m) {
        return firstOf(codes("inputMapping.format", List.of(m.format()), InputMapping.FORMATS),
                codes("inputMapping.unusable", m.unusable(), InputMapping.UNUSABLE_REASONS),
                codes("inputMapping.conflicts", m.conflicts(), CONFLICTS),
                codes("inputMapping.gaps", m.gaps().stream().map(g -> g.substring(0, g.indexOf('/'))).toList(),
                        InputMapping.GAP_REASONS),
                codes("inputMapping.gaps", m.gaps().stream().map(g -> g.substring(g.indexOf('/') + 1)).toList(),
                        InputMapping.GAP_RESOURCE_TYPES));
    }

    static String problemIn(FeedbackRecord f, Instant now) {
        // outcomeTime is the EHR's claim (CDS Hooks allows any date-time; its own example is from 1985): held only
        // to the time the record was written, which its clock cannot be a day ahead of.
        String outcome = f.outcomeTime().isAfter(f.time().plus(FUTURE_SLACK)) ? "its outcomeTime "
                + f.outcomeTime() + " is more than a day after the record's time " + f.time() : null;
        return firstOf(time("time", f.time(), now), outcome,
                shape("keyId", f.keyId(), HEX16), shape("assessment.hash", f.assessmentHash(), HEX64));
    }

    private static String time(String field, Instant time, Instant now) {
        if (time.isBefore(EARLIEST)) {
            return "its " + field + " " + time + " is before " + EARLIEST + ", when the audit format began (the "
                    + "record was altered, or written with a wrong clock)";
        }
        if (time.isAfter(now.plus(FUTURE_SLACK))) {
            return "its " + field + " " + time + " is more than a day after now (" + now + ")";
        }
        return null;
    }

    private static String shape(String field, String value, Pattern pattern) {
        return pattern.matcher(value).matches() ? null
                : "its " + field + " is not " + (pattern == HEX16 ? 16 : 64) + " lowercase hex digits";
    }

    private static String codes(String field, List<String> values, Set<String> known) {
        for (String value : values) {
            if (!known.contains(value)) {
                return "its " + field + " holds a code this library does not know (altered, or written by a "
                        + "library that knows more codes: verify with that version)";
            }
        }
        return null;
    }

    private static String firstOf(String... problems) {
        return Arrays.stream(problems).filter(p -> p != null).findFirst().orElse(null);
    }

    @SafeVarargs
    private static Set<String> union(Set<String>... sets) {
        return Arrays.stream(sets).flatMap(Set::stream).collect(Collectors.toUnmodifiableSet());
    }

    private static Set<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).collect(Collectors.toUnmodifiableSet());
    }
}
