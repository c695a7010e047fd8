package org.spinecare.advisor.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS served by the service itself from a PKCS#12 key store, as docs/cds-hooks.md (Operations) shows: a real
 * handshake with a self-signed certificate made by the JDK's keytool, a JWT-authenticated call over it.
 */
class TlsTest {
    private static final TestIssuer EHR = new TestIssuer("https://ehr.example.org");
    private static final String PASSWORD = "changeit-for-the-test";
    @TempDir
    Path dir;

    @Test
    @DisplayName("Given a key store in the configuration, the service speaks TLS only: a client trusting the "
            + "certificate completes the handshake and is answered, a plain HTTP request is not")
    void servesTls() throws Exception {
        Path keyStore = dir.resolve("cds.p12");
        keytool("-genkeypair", "-alias", "cds", "-keyalg", "EC", "-groupname", "secp384r1", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore",
                keyStore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD);
        ServiceConfig config = ServiceConfig.development("127.0.0.1", 0).withIssuers(List.of(EHR.trusted(dir)), null)
                .withTransport(ServiceConfig.Transport.tls(keyStore, PASSWORD));

        try (RunningService server = new RunningService(config)) {
            URI discovery = URI.create(server.url("/cds-services"));
            HttpClient client = HttpClient.newBuilder().sslContext(trusting(keyStore))
                    .connectTimeout(Duration.ofSeconds(5)).build();

            HttpResponse<String> answer = client.send(HttpRequest.newBuilder(discovery)
                    .header("Authorization", "Bearer " + EHR.es384(discovery.toString())).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertEquals("https", discovery.getScheme());
            assertEquals(200, answer.statusCode(), answer.body());
            SSLSession session = answer.sslSession().orElseThrow();
            assertTrue(session.getProtocol().startsWith("TLSv1."), session.getProtocol());
            URI plain = URI.create("http://127.0.0.1:" + server.service.port() + "/cds-services");
            HttpResponse<String> cleartext;
            try {
                cleartext = HttpClient.newHttpClient().send(HttpRequest.newBuilder(plain).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertTrue(cleartext.statusCode() != 200, "plain HTTP answered " + cleartext.statusCode());
            } catch (IOException refused) {
                // The TLS port closes a cleartext connection: refused as well.
            }
        }
    }

    @Test
    @DisplayName("Given a key store that cannot be read, the service does not start")
    void unreadableKeyStoreRefused() throws IOException {
        Path keyStore = Files.writeString(dir.resolve("broken.p12"), "not a key store");
        ServiceConfig config = ServiceConfig.development("127.0.0.1", 0).withIssuers(List.of(EHR.trusted(dir)), null)
                .withTransport(ServiceConfig.Transport.tls(keyStore, PASSWORD));

        assertThrows(RuntimeException.class, () -> new RunningService(config).close());
    }

    private static SSLContext trusting(Path keyStore) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            store.load(in, PASSWORD.toCharArray());
        }
        Certificate certificate = store.getCertificate("cds");
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        trusted.setCertificateEntry("cds", certificate);
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertEquals(0, process.waitFor(), output);
    }
}
