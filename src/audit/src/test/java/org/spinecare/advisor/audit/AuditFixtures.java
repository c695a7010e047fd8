package org.spinecare.advisor.audit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.spinecare.advisor.Assessment;
import org.spinecare.advisor.AuditEntry;
import org.spinecare.advisor.Basis;
import org.spinecare.advisor.Contraindication;
import org.spinecare.advisor.FiredRule;
import org.spinecare.advisor.KnowledgeBaseInfo;
import org.spinecare.advisor.PatientFacts;
import org.spinecare.advisor.Recommendation;
import org.spinecare.advisor.Stenosis;
import org.spinecare.kb.Advice;
import org.spinecare.kb.ContraindicationReason;
import org.spinecare.kb.CrackingFrequency;
import org.spinecare.kb.Diagnosis;
import org.spinecare.kb.Finding;
import org.spinecare.kb.FindingState;
import org.spinecare.kb.StenosisStatus;
import org.spinecare.kb.TensionOnset;
import org.spinecare.kb.TriageLevel;

/**
 * Audit entries without starting the rule engine: the store's tests (crash, concurrency, tampering) are about
 * bytes on disk, and a child JVM that had to load the knowledge base would spend its life starting up.
 */
final class AuditFixtures {
    static final AuditKey KEY = AuditKey.fromHex("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");
    /** Made with OpenSSL (genpkey -algorithm ed25519; pkey -pubout), so the tests also read OpenSSL's PEM. */
    static final AuditSigningKey SIGNER = AuditSigningKey.fromPem("""
            -----BEGIN PRIVATE KEY-----
            MC4CAQAwBQYDK2VwBCIEIK0UyWQMD3+uCBVIMwgplOKALeIOObtSbH8XIupDyR6u
            -----END PRIVATE KEY-----
            -----BEGIN PUBLIC KEY-----
            MCowBQYDK2VwAyEAylmyH4MwSSZ6T8V89sNOln4Z8fYtWtBgOqKoWiwMFx4=
            -----END PUBLIC KEY-----
            """);
    static final KnowledgeBaseInfo KB = new KnowledgeBaseInfo("org.spinecare:spine-kjar:1.0.0", "ab".repeat(32));

    private AuditFixtures() {
    }

    static PatientFacts facts(String patientRef, int variant) {
        return new PatientFacts(patientRef, 30 + variant % 50, variant % 11,
                Map.of(Finding.LOWER_BACK_PAIN, FindingState.PRESENT, Finding.FEVER, FindingState.ABSENT,
                        Finding.SCIATICA, variant % 2 == 0 ? FindingState.PRESENT : FindingState.ABSENT),
                variant % 3 == 0 ? Set.of(Diagnosis.SPINAL_STENOSIS) : Set.of(),
                new PatientFacts.Cracking(CrackingFrequency.DAILY, variant % 2 == 1), TensionOnset.ACUTE,
                variant % 25);
    }

    static Assessment assessment(int variant) {
        return new Assessment(TriageLevel.ROUTINE, List.of(), List.of(Finding.SADDLE_SENSATION_LOSS),
                new Stenosis(StenosisStatus.POSSIBLE, List.of(Finding.SCIATICA)),
                List.of(new Recommendation(Advice.STRETCH_KNEE_TO_CHEST, Advice.STRETCH_KNEE_TO_CHEST.category(),
                        "summary", List.of("step"), "source", List.of("ST-004"))),
                List.of(),
                List.of(new Contraindication(Advice.CRACK_SEATED_CHAIR, ContraindicationReason.ESCALATED_TRIAGE,
                        List.of(ContraindicationReason.ESCALATED_TRIAGE), "source", List.of("CI-002"))),
                List.of(new FiredRule("RF-006", "An unreported red flag is listed as unscreened", "s",
                                Basis.STATED, List.of("SADDLE_SENSATION_LOSS=UNKNOWN")),
                        new FiredRule("ST-004", "Possible stenosis gets the knee-to-chest stretch (variant "
                                + variant + ")", "s", Basis.INFERRED, List.of("stenosis=POSSIBLE"))),
                KB);
    }

    static AuditEntry entry(String patientRef, int variant) {
        return new AuditEntry(UUID.randomUUID(), Instant.parse("2026-11-24T06:00:00Z").plusMillis(variant),
                "test", facts(patientRef, variant), assessment(variant));
    }

    /** A file of {@code n} good records, written through the real file trail. */
    static Path writeTrail(Path file, int n) {
        try (JsonLinesAuditTrail trail = JsonLinesAuditTrail.open(file, KEY)) {
            for (int i = 0; i < n; i++) {
                trail.record(entry(i % 2 == 0 ? "patient-" + i : null, i));
            }
        }
        return file;
    }

    /** The signed head beside a file, or null. */
    static AuditHead head(Path file) {
        return HeadFile.read(HeadFile.besideAuditFile(file));
    }

    static List<String> lines(Path file) throws java.io.IOException {
        return Files.readAllLines(file);
    }
}
