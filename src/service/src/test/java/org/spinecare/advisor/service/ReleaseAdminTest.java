package org.spinecare.advisor.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinecare.advisor.Releases;

/** POST and GET /admin/release against the running server, with real releases and real admin and client tokens. */
class ReleaseAdminTest {
    static final TestIssuer EHR = new TestIssuer("https://ehr.example.org");
    static final TestIssuer ADMIN = new TestIssuer("https://ops.example.org");
    @TempDir
    static Path dir;
    static Path releases;
    private static RunningService server;

    @BeforeAll
    static void start() throws IOException {
        releases = Files.createDirectories(dir.resolve("releases"));
        Files.copy(Releases.v1(), releases.resolve("spine-kjar-1.0.0.jar"));
        Files.copy(Releases.current(), releases.resolve("spine-kjar-current.jar"));
        Files.write(releases.resolve("tampered.jar"), withChangedRules(Files.readAllBytes(Releases.v1())));
        server = start(dir, releases);
    }

    /** With {@link #EHR} as the CDS client and {@link #ADMIN} as the release admin, their keys written to keys. */
    static RunningService start(Path keys, Path releaseDirectory) throws IOException {
        return new RunningService(ServiceConfig.development("127.0.0.1", 0)
                .withIssuers(List.of(EHR.trusted(keys)), null)
                .withAdmin(new ServiceConfig.Admin(List.of(ADMIN.trusted(keys)), releaseDirectory)));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    @DisplayName("Given an admin token, GET /admin/release names the live release with its rules digest")
    void showsTheLiveRelease() throws Exception {
        HttpResponse<String> answer = server.get(ReleaseAdmin.PATH, ADMIN.es384(server.url(ReleaseAdmin.PATH)));

        assertEquals(200, answer.statusCode(), answer.body());
        JsonNode live = Prefetch.JSON.readTree(answer.body()).get("live");
        assertTrue(live.get("releaseId").asText().startsWith("org.spinecare:spine-kjar:"), answer.body());
        assertEquals(64, live.get("rulesSha256").asText().length(), answer.body());
    }

    @Test
    @DisplayName("Given a kjar whose rules were changed after its build, the swap is refused with 409 and the "
            + "release that was live keeps answering calls")
    void tamperedJarIsRefused() throws Exception {
        // Given the live release
        String live = live();

        // When the tampered kjar is offered
        HttpResponse<String> answer = swap("tampered.jar");

        // Then it is refused, saying why, and calls are still answered by the same release
        assertEquals(409, answer.statusCode(), answer.body());
        JsonNode result = Prefetch.JSON.readTree(answer.body());
        assertFalse(result.get("swapped").asBoolean());
        assertTrue(result.get("reason").asText().contains("self-check failed"), answer.body());
        assertEquals(live, result.get("live").get("releaseId").asText());
        assertEquals(live, live());
        HttpResponse<String> call = server.post(ServiceCallTest.PATH, Prefetch.call("p-t",
                ServiceCallTest.BACK_PAIN_ONLY).toString(), EHR.es384(server.url(ServiceCallTest.PATH)));
        assertEquals(200, call.statusCode(), call.body());
        assertTrue(ServiceCallTest.cards(call).stream().allMatch(c -> c.source().label().endsWith(live)), call.body());
    }

    @Test
    @DisplayName("Given a CDS client's valid token, the admin endpoint refuses it with 401, for both GET and POST")
    void clientTokenIsRefused() {
        String adminUrl = server.url(ReleaseAdmin.PATH);

        HttpResponse<String> post = server.post(ReleaseAdmin.PATH, "{\"kjar\":\"spine-kjar-1.0.0.jar\"}",
                EHR.es384(adminUrl));
        HttpResponse<String> get = server.get(ReleaseAdmin.PATH, EHR.es384(adminUrl));

        HookRequestValidationTest.assertProblem(post, 401, "Authorization");
        HookRequestValidationTest.assertProblem(get, 401, "Authorization");
    }

    @Test
    @DisplayName("Given an admin token made for a CDS endpoint, the admin endpoint refuses it: aud is the admin URL")
    void adminTokenForAnotherAudienceIsRefused() {
        HookRequestValidationTest.assertProblem(server.get(ReleaseAdmin.PATH,
                ADMIN.es384(server.url(ServiceCallTest.PATH))), 401, "Authorization");
    }

    @Test
    @DisplayName("Given a body without a kjar path, or one leading out of the releases directory, 400 names $.kjar")
    void badBodiesNameTheField() {
        for (String body : List.of("{}", "{\"kjar\":5}", "{\"kjar\":\" \"}", "[]", "{\"kjar\":\"../releases/x.jar\"}",
                "{\"kjar\":\"../../../../etc/passwd\"}", "{\"kjar\":\"missing.jar\"}")) {
            HttpResponse<String> answer = server.post(ReleaseAdmin.PATH, body,
                    ADMIN.es384(server.url(ReleaseAdmin.PATH)));
            HookRequestValidationTest.assertProblem(answer, 400, "$.kjar");
        }
    }

    @Test
    @DisplayName("Given development mode, the admin endpoint is off: 403 even without any token check")
    void offInDevelopmentMode() {
        try (RunningService development = RunningService.development()) {
            HookRequestValidationTest.assertProblem(development.post(ReleaseAdmin.PATH,
                    "{\"kjar\":\"spine-kjar-1.0.0.jar\"}", null), 403, "Authorization");
        }
    }

    private static String live() throws IOException {
        HttpResponse<String> answer = server.get(ReleaseAdmin.PATH, ADMIN.es384(server.url(ReleaseAdmin.PATH)));
        return Prefetch.JSON.readTree(answer.body()).get("live").get("releaseId").asText();
    }

    static HttpResponse<String> swap(RunningService on, String kjar) {
        return on.post(ReleaseAdmin.PATH, "{\"kjar\":" + Prefetch.JSON.valueToTree(kjar) + "}",
                ADMIN.es384(on.url(ReleaseAdmin.PATH)));
    }

    private static HttpResponse<String> swap(String kjar) {
        return swap(server, kjar);
    }

    /** The jar with one rule file changed after its digest was recorded: what a tampered release looks like. */
    private static byte[] withChangedRules(byte[] jar) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(jar));
             ZipOutputStream zip = new ZipOutputStream(out)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                byte[] bytes = in.readAllBytes();
                if (e.getName().equals("org/spinecare/kb/triage.drl")) {
                    bytes = (new String(bytes, StandardCharsets.UTF_8) + "\n// changed after the build\n")
                            .getBytes(StandardCharsets.UTF_8);
                }
                zip.putNextEntry(new ZipEntry(e.getName()));
                zip.write(bytes);
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }
}
