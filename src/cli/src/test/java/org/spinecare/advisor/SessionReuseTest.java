package org.spinecare.advisor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.spinecare.advisor.batch.PatientGenerator;

/** Sessions are pooled and reset between calls: nothing of one patient may reach the next one's assessment. */
class SessionReuseTest {
    @Test
    void an_assessment_does_not_depend_on_the_patients_assessed_before_it() {
        // Given generated patients of every triage level and one advisor, whose pooled session every call reuses
        SpineAdvisor advisor = SpineAdvisor.create();
        PatientGenerator generator = new PatientGenerator(21);
        List<PatientFacts> patients = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            patients.add(generator.next());
        }
        List<String> inOrder = patients.stream().map(p -> SpineJson.writeAssessment(advisor.assess(p))).toList();
        // When the same patients are assessed again in another order, each after different predecessors
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < patients.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(5));
        // Then every patient gets exactly the assessment it got the first time
        for (int i : order) {
            assertEquals(inOrder.get(i), SpineJson.writeAssessment(advisor.assess(patients.get(i))), "patient " + i);
        }
    }

    @Test
    void a_fresh_advisor_and_a_reused_session_give_the_same_assessment() {
        // Given an advisor that has already assessed an emergency, and an advisor that has assessed nothing
        SpineAdvisor used = SpineAdvisor.create();
        PatientFacts emergency = SpineJson.readFacts("{\"findings\":{\"SADDLE_SENSATION_LOSS\":\"PRESENT\"}}");
        used.assess(emergency);
        PatientFacts selfCare = SpineJson.readFacts("{\"findings\":{\"FEVER\":\"ABSENT\",\"UNEXPLAINED_WEIGHT_LOSS\":"
                + "\"ABSENT\",\"BOWEL_BLADDER_CHANGE\":\"ABSENT\",\"LEG_SENSATION_LOSS\":\"ABSENT\","
                + "\"SADDLE_SENSATION_LOSS\":\"ABSENT\",\"BACK_TENSION\":\"PRESENT\"},\"tensionOnset\":\"ACUTE\"}");
        // When both assess a self-care patient
        Assessment afterEmergency = used.assess(selfCare);
        Assessment fresh = SpineAdvisor.create().assess(selfCare);
        // Then the answers are the same, with no trace of the emergency
        assertEquals(fresh, afterEmergency);
        assertEquals(List.of(), afterEmergency.redFlags());
    }
}
