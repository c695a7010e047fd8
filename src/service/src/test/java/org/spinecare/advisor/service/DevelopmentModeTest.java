package org.spinecare.advisor.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Development mode (no JWT) stays on this machine: loopback only, loopback Host names only; CORS for local tools. */
class DevelopmentModeTest {
    private static RunningService server;

    @BeforeAll
    static void start() {
        server = RunningService.development();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    @DisplayName("Given development mode, a non-loopback host is refused before anything listens, naming the mode")
    void nonLoopbackHostRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ServiceConfig.development("0.0.0.0", 0));

        assertTrue(e.getMessage().contains("development mode") && e.getMessage().contains("loopback only"),
                e.getMessage());
        ServiceConfig.development("localhost", 0);
        ServiceConfig.development("::1", 0);
    }

    @Test
    @DisplayName("Given a Host header that names another site (DNS rebinding), the running service answers 421 and "
            + "no cards")
    void foreignHostHeaderRefused() throws IOException {
        String answer = raw("GET /cds-services HTTP/1.1\r\nHost: attacker.example.org:" + server.service.port()
                + "\r\nConnection: close\r\n\r\n");

        assertTrue(answer.startsWith("HTTP/1.1 421"), answer);
        assertTrue(answer.contains("\"field\":\"Host\""), answer);
    }

    @Test
    @DisplayName("Given a loopback Host header, with or without port, localhost, 127.0.0.1 and [::1] are answered")
    void loopbackHostNamesAnswered() throws IOException {
        for (String host : new String[] {"localhost", "127.0.0.1:" + server.service.port(), "[::1]:8080",
                "LOCALHOST"}) {
            String answer = raw("GET /cds-services HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
            assertTrue(answer.startsWith("HTTP/1.1 200"), host + ": " + answer);
        }
    }

    @Test
    @DisplayName("Given a CORS preflight from the CDS Hooks sandbox's origin, development mode allows it")
    void corsForLocalBrowserTools() {
        HttpResponse<String> preflight = server.send(HttpRequest.newBuilder(
                        URI.create(server.url("/cds-services/" + ServiceConfig.SERVICE_ID)))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://sandbox.cds-hooks.org")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type"));

        assertEquals("*", preflight.headers().firstValue("Access-Control-Allow-Origin").orElse(null),
                preflight.headers().toString());
    }

    /** A request as bytes: the JDK's HTTP client will not send a Host header of one's choosing. */
    private static String raw(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.service.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
