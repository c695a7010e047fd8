package org.spinecare.advisor.audit;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.spinecare.advisor.Assessment;
import org.spinecare.advisor.AuditEntry;
import org.spinecare.advisor.InputMapping;
import org.spinecare.advisor.KnowledgeBaseInfo;
import org.spinecare.advisor.PatientFacts;

/**
 * One line of an audit file, as stored: codes, hashes and numbers only, never text from the input. Codes are kept
 * as strings so that a later version of the library can still read and verify records whose codes it no longer
 * knows. docs/audit.md describes every field.
 *
 * @param format           the record format, {@value #FORMAT}
 * @param seq              1-based position in the file; equal to the line number
 * @param keyId            the {@link AuditKey#id()} of the key that made the pseudonym
 * @param patientPseudonym HMAC-SHA256 of the patient reference under the key, or null without a reference
 * @param inputSha256      SHA-256 of {@link CanonicalInput#json}
 * @param evaluationDate   the date the facts were evaluated as of, when the request gave one; else null (and absent
 *                         from the line, so that records written before it existed keep their hashes)
 * @param inputMapping     how the facts were mapped from another format (FHIR), as counts and codes; else null (and
 *                         absent from the line, like {@code evaluationDate})
 * @param prevHash         the previous record's {@code hash}; 64 zeros for the first record
 * @param hash             SHA-256 of this record's canonical form without the hash field
 */
public record AuditRecord(int format, long seq, UUID requestId, Instant time, String libraryVersion,
                          KnowledgeBaseInfo knowledgeBase, String keyId, String patientPseudonym, String inputSha256,
                          LocalDate evaluationDate, InputMapping inputMapping, Outcome outcome,
                          List<RuleFiring> firedRules, String prevHash, String hash) {
    /** Format 2 adds the keyed {@code mac} at the end of the line (docs/audit.md); format 1 files still verify. */
    public static final int FORMAT = 2;

    public AuditRecord {
        firedRules = List.copyOf(firedRules);
    }

    /** What the assessment concluded, as codes. */
    public record Outcome(String triage, List<String> redFlags, List<String> unscreenedRedFlags,
                          String stenosisStatus, List<String> stenosisIndicators, List<String> recommended,
                          List<String> contraindicated) {
        public Outcome {
            redFlags = List.copyOf(redFlags);
            unscreenedRedFlags = List.copyOf(unscreenedRedFlags);
            stenosisIndicators = List.copyOf(stenosisIndicators);
            recommended = List.copyOf(recommended);
            contraindicated = List.copyOf(contraindicated);
        }
    }

    /** A rule that fired: its id, its name (from the knowledge base) and the facts it matched, as codes. */
    public record RuleFiring(String id, String name, List<String> matched) {
        public RuleFiring {
            matched = List.copyOf(matched);
        }
    }

    /** The record for an entry, placed after a record whose hash is {@code prevHash}, and sealed with its hash. */
    static AuditRecord chained(AuditEntry entry, long seq, String prevHash, AuditKey key) {
        Objects.requireNonNull(entry.requestId(), "requestId");
        Assessment assessment = Objects.requireNonNull(entry.assessment(), "assessment");
        PatientFacts facts = Objects.requireNonNull(entry.facts(), "facts");
        Outcome outcome = new Outcome(assessment.triage().name(), names(assessment.redFlags()),
                names(assessment.unscreenedRedFlags()), assessment.stenosis().status().name(),
                names(assessment.stenosis().indicators()),
                assessment.recommendations().stream().map(r -> r.code().name()).toList(),
                assessment.contraindications().stream().map(c -> c.code().name()).toList());
        List<RuleFiring> fired = assessment.firedRules().stream()
                .map(r -> new RuleFiring(r.id(), r.name(), r.matched())).toList();
        if (entry.inputMapping() != null && RecordContent.problemIn(entry.inputMapping()) != null) {
            // Written, it would fail verification: refuse it now rather than seal a record no one can trust.
            throw new IllegalArgumentException("the input mapping holds a code this library does not know");
        }
        String pseudonym = facts.patientRef() == null ? null : key.pseudonym(facts.patientRef());
        AuditRecord unsealed = new AuditRecord(FORMAT, seq, entry.requestId(),
                entry.time().truncatedTo(ChronoUnit.MILLIS), Objects.requireNonNull(entry.libraryVersion()),
                assessment.knowledgeBase(), key.id(), pseudonym, CanonicalInput.sha256(facts), facts.evaluationDate(),
                entry.inputMapping(), outcome, fired,
                prevHash, null);
        return unsealed.withHash(AuditCodec.hashOf(unsealed));
    }

    AuditRecord withHash(String newHash) {
        return new AuditRecord(format, seq, requestId, time, libraryVersion, knowledgeBase, keyId, patientPseudonym,
                inputSha256, evaluationDate, inputMapping, outcome, firedRules, prevHash, newHash);
    }

    private static List<String> names(List<? extends Enum<?>> codes) {
        return codes.stream().map(Enum::name).toList();
    }
}
