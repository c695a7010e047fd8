package org.spinecare.advisor.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.spinecare.advisor.PatientFacts;
import org.spinecare.advisor.SpineJson;
import org.spinecare.advisor.audit.AuditRecord;

/** The card's links, followed on the running service: the explanation and the handout of the answer. */
class AnswerPagesTest {
    private static RunningService server;
    private static Card card;

    @BeforeAll
    static void call() throws Exception {
        server = RunningService.development();
        PatientFacts facts = SpineJson.readFacts(Files.readAllBytes(Path.of("scenarios/examples/cauda-equina.json")));
        card = ServiceCallTest.cards(server.post(ServiceCallTest.PATH, Prefetch.call("a-1", facts).toString(),
                null)).get(0);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    @DisplayName("Given a card, its links are absolute, to the handout and the explanation of its audit record")
    void linksNameTheAuditRecord() {
        List<AuditRecord> records = server.audit.records();
        String requestId = records.get(records.size() - 1).requestId().toString();

        assertEquals(List.of(server.url("/handouts/" + requestId), server.url("/explanations/" + requestId)),
                card.links().stream().map(Card.Link::url).toList());
        assertTrue(card.links().stream().allMatch(l -> l.type().equals("absolute")));
    }

    @Test
    @DisplayName("Given the explanation link, the page lists every fired rule with its source")
    void explanationListsTheRules() {
        HttpResponse<String> page = get(card.links().get(1).url());

        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        List<AuditRecord> records = server.audit.records();
        records.get(records.size() - 1).firedRules().forEach(rule -> assertTrue(page.body().contains(rule.id()),
                rule.id()));
    }

    @Test
    @DisplayName("Given the handout link, the page is the emergency instruction, printable, loading nothing else")
    void handoutIsServed() {
        HttpResponse<String> page = get(card.links().get(0).url());

        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.body().contains("First: Emergency care now"), page.body());
        assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").startsWith("default-src 'none'"));
    }

    @Test
    @DisplayName("Given an id no answer has, or one that is not a UUID, the pages answer 404 or 400 naming the id")
    void unknownIdsAreRefused() {
        HookRequestValidationTest.assertProblem(server.get("/handouts/" + java.util.UUID.randomUUID(), null), 404,
                "id");
        HookRequestValidationTest.assertProblem(server.get("/explanations/not-a-uuid", null), 400, "id");
    }

    @Test
    @DisplayName("Given a display name with a control character, the handout is refused naming the parameter")
    void controlCharactersInTheNameAreRefused() {
        HookRequestValidationTest.assertProblem(get(card.links().get(0).url() + "?name=a%0Ab"), 400, "name");
    }

    private static HttpResponse<String> get(String url) {
        return server.send(java.net.http.HttpRequest.newBuilder(URI.create(url)).GET());
    }
}
