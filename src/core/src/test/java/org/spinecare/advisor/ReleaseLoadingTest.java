package org.spinecare.advisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.spinecare.kb.Finding;
import org.spinecare.kb.FindingState;
import org.spinecare.kb.TriageLevel;

class ReleaseLoadingTest {

    @Test
    @DisplayName("knowledge base 1.0.0 loads from its kjar beside the class path's release and answers on its own")
    void oldReleaseLoadsFromItsJar() {
        KnowledgeRelease v1 = KnowledgeRelease.fromJar(Releases.v1());
        try (SpineAdvisor old = SpineAdvisor.builder().release(v1).build();
             SpineAdvisor current = SpineAdvisor.create()) {
            PatientFacts facts = PatientFacts.empty().withFinding(Finding.SADDLE_SENSATION_LOSS, FindingState.PRESENT);
            Assessment a = old.assess(facts);
            Assessment b = current.assess(facts);
            System.out.println(a);
            System.out.println(b.knowledgeBase());
            assertEquals("org.spinecare:spine-kjar:1.0.0", a.knowledgeBase().releaseId());
            assertEquals(TriageLevel.EMERGENCY, a.triage());
            assertNotEquals(a.knowledgeBase(), b.knowledgeBase());
        }
    }
}
