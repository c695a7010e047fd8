package org.spinecare.advisor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ./spine serve as an operator meets it: clear refusals at start-up, TLS from the documented example, JSON logs. */
class ServeOperationsTest {
    private static final String PASSWORD = "test-keystore-password";
    @TempDir
    Path dir;

    @Test
    @DisplayName("Given development mode on a non-loopback --host, serve refuses with one line and exit 2")
    void developmentModeOnTheNetworkRefused() {
        CliRun run = CliRun.of("serve", "--host", "0.0.0.0", "--port", "0");

        assertEquals(2, run.exit());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertTrue(run.err().contains("development mode (no --config, so no JWT) listens on loopback only"),
                run.err());
    }

    @Test
    @DisplayName("Given a --host that does not resolve or is another machine's, serve says so, not 'Port already in "
            + "use'")
    void badHostSaysSo() {
        CliRun unknown = CliRun.of("serve", "--host", "no-such-host.invalid", "--port", "0");
        CliRun foreign = CliRun.of("serve", "--host", "192.0.2.1", "--port", "0");

        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().contains("--host no-such-host.invalid is not a name or address this machine can "
                + "resolve"), unknown.err());
        assertEquals(2, foreign.exit());
        assertTrue(foreign.err().contains("is not an address of this machine"), foreign.err());
    }

    @Test
    @DisplayName("Given configurations with a relative file: JWKS, a plain-http JWKS, an issuer twice or an http "
            + "fhirServer, each is refused naming the file and what is wrong")
    void misconfigurationsNamed() throws Exception {
        String issuer = "{\"issuer\":\"https://ehr.example.org\",\"jwks\":\"%s\"%s}";
        List<String[]> cases = List.of(
                new String[] {issuer.formatted("file:jwks.json", "") , "must be an absolute file URI"},
                new String[] {issuer.formatted("http://ehr.example.org/jwks", ""), "must be an https URL or a file"},
                new String[] {issuer.formatted("file:/etc/j.json", "") + "," + issuer.formatted("file:/etc/k.json",
                        ""), "lists the issuer https://ehr.example.org twice"},
                new String[] {issuer.formatted("file:/etc/j.json", ",\"fhirServers\":[\"http://fhir.example.org\"]"),
                        "fhirServers of https://ehr.example.org must be https"});
        for (String[] c : cases) {
            ServeCommand serve = new ServeCommand();
            serve.config = Files.writeString(dir.resolve("service.json"),
                    "{\"publicUrl\":\"https://cds.example.org\",\"trustedIssuers\":[" + c[0] + "]}");

            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> serve.settings(new PrintWriter(new StringWriter())));

            assertTrue(e.getMessage().startsWith(serve.config + ": ") && e.getMessage().contains(c[1]),
                    e.getMessage());
        }
    }

    @Test
    @DisplayName("Given the TLS example of docs/cds-hooks.md with a keytool-made key store, ./spine serve answers "
            + "over TLS on a non-loopback interface, and logs JSON lines on stderr with --log-format json")
    void documentedTlsExampleServes() throws Exception {
        Path keyStore = dir.resolve("cds.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "cds", "-keyalg", "EC", "-groupname", "secp384r1", "-dname", "CN=localhost",
                "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore",
                keyStore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD).redirectErrorStream(true).start();
        keytool.getInputStream().readAllBytes();
        assertEquals(0, keytool.waitFor());
        String doc = Files.readString(Path.of("docs/cds-hooks.md"));
        int at = doc.indexOf("```json", doc.indexOf("<!-- tls-example -->")) + "```json".length();
        String example = doc.substring(at, doc.indexOf("```", at));
        Path jwks = Files.writeString(dir.resolve("ehr-jwks.json"), "{\"keys\":[]}");
        Path config = Files.writeString(dir.resolve("service.json"), example
                .replace("/etc/spine/cds.p12", keyStore.toString()).replace("/etc/spine/ehr-jwks.json",
                        jwks.toString()));
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        ProcessBuilder builder = new ProcessBuilder(ChildCli.command("serve", "--host", "0.0.0.0", "--port",
                Integer.toString(port), "--config", config.toString(), "--data", dir.resolve("data").toString(),
                "--log-format", "json"));
        builder.environment().put(ServeCommand.TLS_PASSWORD_ENV, PASSWORD);
        Process serve = builder.start();
        List<String> log = new ArrayList<>();
        Thread stderr = new Thread(() -> collect(serve.getErrorStream(), log));
        stderr.start();
        try {
            String started = new BufferedReader(new InputStreamReader(serve.getInputStream(),
                    StandardCharsets.UTF_8)).readLine();
            assertTrue(started != null && started.contains("CDS Hooks service at https://cds.example.org"),
                    started + " " + log);
            HttpClient client = HttpClient.newBuilder().sslContext(trusting(keyStore))
                    .connectTimeout(Duration.ofSeconds(5)).build();

            HttpResponse<String> health = client.send(HttpRequest.newBuilder(
                    URI.create("https://127.0.0.1:" + port + "/health")).build(), HttpResponse.BodyHandlers.ofString());

            assertEquals(200, health.statusCode(), health.body());
        } finally {
            serve.destroy();
            serve.waitFor(30, TimeUnit.SECONDS);
            stderr.join(10_000);
        }
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> lines = new ArrayList<>();
        synchronized (log) {
            for (String line : log) {
                lines.add(json.readTree(line));
                assertTrue(!line.contains(PASSWORD), "no key store password in the log");
            }
        }
        JsonNode started = lines.stream().filter(l -> l.get("formattedMessage").asText().startsWith("started: "))
                .findFirst().orElseThrow(() -> new AssertionError("no start-up line: " + log));
        assertEquals("INFO", started.get("level").asText());
        assertTrue(started.get("formattedMessage").asText().startsWith("started: production, url "
                + "https://cds.example.org, listening on 0.0.0.0:" + port + ", TLS from "), started.toString());
    }

    private static void collect(InputStream in, List<String> lines) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                synchronized (lines) {
                    lines.add(line);
                }
            }
        } catch (java.io.IOException ignored) {
            // The process ended.
        }
    }

    private static SSLContext trusting(Path keyStore) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            store.load(in, PASSWORD.toCharArray());
        }
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        trusted.setCertificateEntry("cds", store.getCertificate("cds"));
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }
}
