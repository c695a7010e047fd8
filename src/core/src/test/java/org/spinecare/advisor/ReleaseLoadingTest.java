package org.spinecare.advisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinecare.kb.Finding;
import org.spinecare.kb.FindingState;
import org.spinecare.kb.TriageLevel;

class ReleaseLoadingTest {
    private static KnowledgeRelease v1;

    @BeforeAll
    static void load() {
        v1 = KnowledgeRelease.fromJar(Releases.v1());
    }

    @Test
    @DisplayName("knowledge base 1.0.0 loads from its kjar, self-checked, beside the class path's release")
    void oldReleaseLoadsFromItsJar() {
        // Given the 1.0.0 kjar rebuilt from git history, loaded next to the class path's release
        try (SpineAdvisor old = SpineAdvisor.builder().release(v1).build();
             SpineAdvisor current = SpineAdvisor.create()) {
            // When both assess a patient with saddle numbness
            PatientFacts facts = PatientFacts.empty().withFinding(Finding.SADDLE_SENSATION_LOSS, FindingState.PRESENT);
            Assessment a = old.assess(facts);
            Assessment b = current.assess(facts);

            // Then each answer names its own release, with its own digest and its own rules
            assertEquals(new KnowledgeBaseInfo("org.spinecare:spine-kjar:1.0.0",
                    "5743a4ae7fbb75c4fb1de6d580902d1b21ac322442de9df5a8475a6b8e853873"), a.knowledgeBase());
            assertNotEquals(a.knowledgeBase(), b.knowledgeBase());
            assertEquals(TriageLevel.EMERGENCY, a.triage());
            assertTrue(a.fired("RF-001"));
            assertNotEquals(old.rules(), current.rules());
            assertEquals(v1.rules(), old.rules());
        }
    }

    @Test
    @DisplayName("an answer of 1.0.0 reads as 1.0.0 wrote it, not with the texts of the class path's release")
    void oldReleaseKeepsItsOwnTexts() {
        PatientFacts facts = PatientFacts.empty().withFinding(Finding.SADDLE_SENSATION_LOSS, FindingState.PRESENT);
        try (SpineAdvisor old = SpineAdvisor.builder().release(v1).build()) {
            Recommendation escalation = old.assess(facts).recommendations().get(0);
            assertEquals(org.spinecare.kb.Advice.SEEK_EMERGENCY_CARE, escalation.code());
            // The instruction as knowledge base 1.0.0 words it (git show 1b9a22d:kjar/.../Advice.java)
            assertEquals(List.of("Do not stretch, crack, heat or cool the back before a doctor has seen you."),
                    escalation.instructions());
            assertNotEquals(org.spinecare.kb.Advice.SEEK_EMERGENCY_CARE.instructions(), escalation.instructions());
        }
    }

    @Test
    @DisplayName("the current kjar file loads as a release equal to the class path's")
    void currentJarEqualsClassPath() {
        KnowledgeRelease fromFile = KnowledgeRelease.fromJar(Releases.current());
        KnowledgeRelease classPath = KnowledgeRelease.classPath();
        assertEquals(classPath.info(), fromFile.info());
        assertEquals(classPath.rules(), fromFile.rules());
        assertEquals(64, fromFile.jarSha256().length());
    }

    @Test
    @DisplayName("an advisor on 1.0.0 refuses a finding 1.0.0 never asked about, naming the field, instead of ignoring it")
    void oldReleaseRefusesWhatItDoesNotModel() {
        PatientFacts facts = PatientFacts.empty().withFinding(Finding.HISTORY_OF_CANCER, FindingState.PRESENT);
        try (SpineAdvisor old = SpineAdvisor.builder().release(v1).build()) {
            InvalidFactsException e = assertThrows(InvalidFactsException.class, () -> old.assess(facts));
            assertEquals(InvalidFactsException.Code.UNKNOWN_CODE, e.code());
            assertEquals("$.findings.HISTORY_OF_CANCER", e.path());
            assertEquals(List.of("$.findings.HISTORY_OF_CANCER"), v1.notModelled(facts));
            assertEquals(PatientFacts.empty(), v1.modelledPart(facts));
        }
    }

    @Test
    @DisplayName("a release jar missing one of its fact classes is refused, never completed from the class path's release")
    void missingClassIsNotBorrowed(@TempDir Path dir) throws IOException {
        Path jar = dir.resolve("spine-kjar-1.0.0.jar");
        Files.write(jar, Releases.rewritten(Files.readAllBytes(Releases.v1()), "org/spinecare/kb/PatientMeasures.class",
                entry -> null));
        KnowledgeBaseException e = assertThrows(KnowledgeBaseException.class, () -> KnowledgeRelease.fromJar(jar));
        assertTrue(e.getMessage().contains("PatientMeasures"), e.getMessage());
    }
}
