package org.spinecare.advisor.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.spinecare.advisor.PatientFacts;
import org.spinecare.advisor.SpineJson;

/**
 * The hook body is read as strictly as {@code assess --fhir} reads a document: what a lenient reader would resolve
 * one way or the other (a key given twice, content after the JSON, a look-alike content type) is refused, so no
 * reading of it can lose a red flag.
 */
class StrictHookBodyTest {
    private static RunningService server;
    private static String clean;

    @BeforeAll
    static void start() throws Exception {
        server = RunningService.development();
        PatientFacts facts = SpineJson.readFacts(Files.readAllBytes(Path.of("scenarios/examples/cauda-equina.json")));
        clean = Prefetch.call("p-1", facts).toString();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    @DisplayName("Given the clean call, it is answered: the refusals below are of the body's shape, not its facts")
    void cleanCallIsAnswered() {
        assertEquals(200, server.post(ServiceCallTest.PATH, clean, null).statusCode());
    }

    @Test
    @DisplayName("Given a screening answer given PRESENT then ABSENT under one key, the call is refused with 400 "
            + "naming the path of the duplicate key")
    void duplicateKeyInPrefetchIsRefused() {
        String firstAnswer = "\"valueCoding\":{\"system\":";
        int at = clean.indexOf(firstAnswer);
        String duplicated = clean.substring(0, at) + "\"valueCoding\":{\"system\":\"x\",\"code\":\"PRESENT\"},"
                + clean.substring(at);

        HookRequestValidationTest.assertProblem(server.post(ServiceCallTest.PATH, duplicated, null), 400,
                "$.prefetch.screening.entry[0].resource.item[0].item[0].answer[0].valueCoding");
    }

    @Test
    @DisplayName("Given a duplicate key at the top of the body, the call is refused with 400 naming it")
    void duplicateTopLevelKeyIsRefused() {
        String duplicated = "{\"hook\":\"order-sign\"," + clean.substring(1);

        HookRequestValidationTest.assertProblem(server.post(ServiceCallTest.PATH, duplicated, null), 400, "$.hook");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{}", " x", "]", "{\"hook\":\"patient-view\"}"})
    @DisplayName("Given content after the JSON value, the call is refused with 400")
    void trailingContentIsRefused(String trailing) {
        HookRequestValidationTest.assertProblem(server.post(ServiceCallTest.PATH, clean + trailing, null), 400, "$");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"application/jsonx", "application/json-patch", "text/json", "application/x-json",
        "application/json; charset=iso-8859-1", "application/fhir+jsonx"})
    @DisplayName("Given a content type that is not application/json in UTF-8, the call gets 415")
    void lookAlikeContentTypesAreRefused(String type) {
        HookRequestValidationTest.assertProblem(post(type), 415, "Content-Type");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"application/json", "application/json; charset=utf-8", "Application/JSON;charset=UTF-8",
        "application/json;charset=\"utf-8\""})
    @DisplayName("Given application/json, with or without a UTF-8 charset, the call is answered")
    void jsonIsAccepted(String type) {
        HttpResponse<String> response = post(type);

        assertEquals(200, response.statusCode(), response.body());
    }

    private static HttpResponse<String> post(String contentType) {
        return server.send(HttpRequest.newBuilder(URI.create(server.url(ServiceCallTest.PATH)))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(clean)));
    }
}
