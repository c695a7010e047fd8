package org.spinecare.advisor.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.spinecare.advisor.Assessment;
import org.spinecare.advisor.PatientFacts;
import org.spinecare.advisor.SpineAdvisor;
import org.spinecare.advisor.SpineJson;

/**
 * The prefetch rules of docs/cds-hooks.md through the running service, against a FHIR server stand-in: null is "no
 * data", a missing key or a failed search is fetched (or unscreened), pages are followed on the same server (or
 * unscreened), and every resource is the context's patient's. Each answer is checked against the library's answer
 * for the same facts sent clean.
 */
class PrefetchRulesTest {
    static final String PATIENT = "p-9";
    private static RunningService server;
    private static SpineAdvisor advisor;
    private FhirStub fhir;

    @BeforeAll
    static void start() {
        server = RunningService.development();
        advisor = SpineAdvisor.create();
    }

    @AfterAll
    static void stop() {
        server.close();
        advisor.close();
    }

    @BeforeEach
    void startFhir() {
        fhir = new FhirStub();
    }

    @AfterEach
    void stopFhir() {
        fhir.close();
    }

    static PatientFacts facts(String example) throws Exception {
        return SpineJson.readFacts(Files.readAllBytes(Path.of("scenarios/examples/" + example + ".json")));
    }

    private static HookAnswer post(ObjectNode call) {
        return HookAnswer.of(server, server.post(ServiceCallTest.PATH, call.toString(), null));
    }

    /** The call with this fhirServer and a bearer token for it. */
    static ObjectNode withServer(ObjectNode call, String base) {
        call.put("fhirServer", base);
        call.putObject("fhirAuthorization").put("access_token", "token-1").put("token_type", "Bearer")
                .put("expires_in", 300).put("scope", "patient/*.read").put("subject", "cds-service");
        return call;
    }

    private static ObjectNode prefetch(ObjectNode call) {
        return (ObjectNode) call.get("prefetch");
    }

    /** The screening answers split in two pages: the present ones first, everything else on the next page. */
    private ObjectNode pagedScreening(ObjectNode call, String next) {
        List<ObjectNode> parts = Shapes.split(Shapes.screening(prefetch(call)), 2,
                item -> "PRESENT".equals(Shapes.answerCode(item)) ? 0 : 1);
        fhir.json("page-2", Shapes.page(List.of(parts.get(1)), null, null));
        return Shapes.page(List.of(parts.get(0)), 2, next);
    }

    @Test
    @DisplayName("Given null for conditions and observations, nothing is fetched, nothing is unscreened for it, and "
            + "the cards are the library's for the same facts")
    void nullIsNoData() throws Exception {
        PatientFacts facts = facts("cauda-equina");
        ObjectNode call = withServer(Prefetch.call(PATIENT, facts), fhir.base());
        prefetch(call).putNull("conditions").putNull("observations");

        var response = server.post(ServiceCallTest.PATH, call.toString(), null);

        CardFactoryTest.CardExpectations.assertCardsMatch(advisor.assess(facts), ServiceCallTest.cards(response));
        assertEquals(List.of(), fhir.requested, "null means the EHR has no such data: nothing to fetch");
    }

    @Test
    @DisplayName("Given only the screening and no fhirServer, the call is answered; the templates not sent are named "
            + "on the card and what they could report is unscreened, never absent")
    void missingKeysWithoutServerAreUnscreened() throws Exception {
        PatientFacts facts = facts("self-care-urge-to-pop");
        ObjectNode call = Prefetch.call(PATIENT, facts);
        prefetch(call).remove(List.of("patient", "conditions", "observations"));

        HookAnswer answer = post(call);

        answer.assertNothingTakenAsAbsent(advisor.assess(facts));
        answer.assertSays("Observations: not in prefetch, and no fhirServer was given to fetch them");
        answer.assertSays("Conditions: not in prefetch");
    }

    @Test
    @DisplayName("Given a key missing and a fhirServer, it is fetched with the token and the answer is the clean one")
    void missingKeyIsFetched() throws Exception {
        PatientFacts facts = facts("cauda-equina");
        ObjectNode call = withServer(Prefetch.call(PATIENT, facts), fhir.base());
        fhir.json("QuestionnaireResponse?subject=Patient/" + PATIENT + "&questionnaire="
                + org.spinecare.advisor.fhir.FhirCodes.QUESTIONNAIRE_URL, prefetch(call).remove("screening"));

        var response = server.post(ServiceCallTest.PATH, call.toString(), null);

        CardFactoryTest.CardExpectations.assertCardsMatch(advisor.assess(facts), ServiceCallTest.cards(response));
        assertEquals(List.of("Bearer token-1"), fhir.authorizations);
    }

    @Test
    @DisplayName("Given a failed search (an error OperationOutcome entry) and no fhirServer, its data are unscreened "
            + "and the card names the failed search")
    void failedSearchWithoutServerIsUnscreened() throws Exception {
        PatientFacts facts = facts("self-care-urge-to-pop");
        ObjectNode call = Prefetch.call(PATIENT, facts);
        Shapes.withOutcome((ObjectNode) prefetch(call).get("screening"), "error");

        HookAnswer answer = post(call);

        answer.assertNothingTakenAsAbsent(advisor.assess(facts));
        answer.assertSays("The screening questionnaire: the EHR's search failed (OperationOutcome)");
    }

    @Test
    @DisplayName("Given a bare OperationOutcome as a prefetch value and a fhirServer, the search is done again there "
            + "and the answer is the clean one")
    void failedSearchIsFetchedAgain() throws Exception {
        PatientFacts facts = facts("cauda-equina");
        ObjectNode call = withServer(Prefetch.call(PATIENT, facts), fhir.base());
        fhir.json("QuestionnaireResponse?subject=Patient/" + PATIENT + "&questionnaire="
                + org.spinecare.advisor.fhir.FhirCodes.QUESTIONNAIRE_URL, prefetch(call).get("screening"));
        prefetch(call).set("screening", Shapes.outcome("fatal"));

        HookAnswer answer = post(call);

        answer.assertNotLessUrgentThan(advisor.assess(facts));
        assertEquals(advisor.assess(facts).triage(), answer.triage());
    }

    @Test
    @DisplayName("Given a paged screening in prefetch and no fhirServer, the first page counts, the rest is "
            + "unscreened, and the card says only the first page could be read")
    void pageNotFollowedWithoutServer() throws Exception {
        PatientFacts facts = facts("cauda-equina");
        ObjectNode call = Prefetch.call(PATIENT, facts);
        prefetch(call).set("screening", pagedScreening(call, fhir.base() + "/page-2"));

        HookAnswer answer = post(call);

        Assessment clean = advisor.assess(facts);
        answer.assertNotLessUrgentThan(clean);
        answer.assertSays("The screening questionnaire: only the first page could be read");
        assertTrue(answer.unscreened().contains("FEVER"), "FEVER ABSENT was on the unread page: " + answer);
    }

    @Test
    @DisplayName("Given a paged screening in prefetch and a fhirServer, the next page is read there with the token "
            + "and the answer is the clean one")
    void pageFollowedOnServer() throws Exception {
        PatientFacts facts = facts("self-care-urge-to-pop");
        ObjectNode call = withServer(Prefetch.call(PATIENT, facts), fhir.base());
        prefetch(call).set("screening", pagedScreening(call, fhir.base() + "/page-2"));

        var response = server.post(ServiceCallTest.PATH, call.toString(), null);

        CardFactoryTest.CardExpectations.assertCardsMatch(advisor.assess(facts), ServiceCallTest.cards(response));
        assertEquals(List.of("Bearer token-1"), fhir.authorizations);
    }

    @Test
    @DisplayName("Given a server whose next page repeats a resource of the first, the repeat counts once and the "
            + "answer is the clean one")
    void repeatedResourceAcrossPagesCountsOnce() throws Exception {
        PatientFacts facts = facts("cauda-equina");
        ObjectNode call = withServer(Prefetch.call(PATIENT, facts), fhir.base());
        ObjectNode qr = Shapes.screening(prefetch(call));
        fhir.json("page-2", Shapes.page(List.of(qr), 1, null));
        prefetch(call).set("screening", Shapes.page(List.of(qr), 1, fhir.base() + "/page-2"));

        var response = server.post(ServiceCallTest.PATH, call.toString(), null);

        CardFactoryTest.CardExpectations.assertCardsMatch(advisor.assess(facts), ServiceCallTest.cards(response));
    }

    @Test
    @DisplayName("Given a next link to another server than fhirServer, it is not followed (the token stays home) and "
            + "the rest of the search is unscreened")
    void linkToAnotherServerIsRefused() throws Exception {
        PatientFacts facts = facts("self-care-urge-to-pop");
        try (FhirStub other = new FhirStub()) {
            ObjectNode call = withServer(Prefetch.call(PATIENT, facts), fhir.base());
            prefetch(call).set("screening", pagedScreening(call, other.base() + "/page-2"));

            HookAnswer answer = post(call);

            answer.assertNothingTakenAsAbsent(advisor.assess(facts));
            answer.assertSays("only the first page could be read");
            assertEquals(List.of(), other.requested, "the other server was never asked");
        }
    }

    @Test
    @DisplayName("Given a search whose total is above its entries and no next link, the rest is unscreened")
    void totalAboveEntriesIsUnscreened() throws Exception {
        PatientFacts facts = facts("self-care-urge-to-pop");
        ObjectNode call = Prefetch.call(PATIENT, facts);
        ((ObjectNode) prefetch(call).get("screening")).put("total", 3);

        HookAnswer answer = post(call);

        answer.assertNothingTakenAsAbsent(advisor.assess(facts));
        answer.assertSays("The screening questionnaire: the search result holds fewer entries than its total");
    }

    @Test
    @DisplayName("Given a FHIR server that answers with another patient's resource, it is not assessed: that "
            + "template's data could not be had and are unscreened; the call is not refused for the server's fault")
    void anotherPatientsFetchedResourceIsAGap() throws Exception {
        PatientFacts facts = facts("self-care-urge-to-pop");
        ObjectNode call = withServer(Prefetch.call(PATIENT, facts), fhir.base());
        prefetch(call).remove("observations");
        ObjectNode theirs = Prefetch.questionnaireResponse("someone-else", facts("cauda-equina"));
        fhir.json("Observation?patient=" + PATIENT, Shapes.page(List.of(theirs), 1, null));

        HookAnswer answer = post(call);

        answer.assertNothingTakenAsAbsent(advisor.assess(facts));
        answer.assertSays("Observations: could not be had from the FHIR server");
        assertTrue(answer.present().isEmpty(), "the other patient's red flags are not this patient's: " + answer);
    }

    @Test
    @DisplayName("Given a Bundle as prefetch.patient, even one whose id is the context's patient, the call is "
            + "refused with 400 naming $.prefetch.patient")
    void bundleAsPatientIsRefused() throws Exception {
        ObjectNode call = Prefetch.call(PATIENT, facts("cauda-equina"));
        ObjectNode other = Prefetch.of("someone-else", PatientFacts.empty());
        ObjectNode bundle = Shapes.page(List.of(other.get("patient")), 1, null).put("id", PATIENT);
        prefetch(call).set("patient", bundle);

        HookRequestValidationTest.assertProblem(server.post(ServiceCallTest.PATH, call.toString(), null), 400,
                "$.prefetch.patient");
    }

    @Test
    @DisplayName("Given another patient's resource among the prefetched entries, the call is refused with 400 "
            + "naming its subject")
    void anotherPatientsEntryIsRefused() throws Exception {
        ObjectNode call = Prefetch.call(PATIENT, facts("cauda-equina"));
        ObjectNode theirs = Prefetch.questionnaireResponse("someone-else", PatientFacts.empty());
        prefetch(call).set("observations", Shapes.page(List.of(theirs), 1, null));

        HookRequestValidationTest.assertProblem(server.post(ServiceCallTest.PATH, call.toString(), null), 400,
                "$.prefetch.observations.entry[0].resource.subject");
    }
}
