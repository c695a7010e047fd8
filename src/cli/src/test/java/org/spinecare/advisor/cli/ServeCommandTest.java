package org.spinecare.advisor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinecare.advisor.service.ServiceConfig;

/** How ./spine serve configures the service: development mode said loudly, production only with issuers. */
class ServeCommandTest {
    @TempDir
    Path dir;

    @Test
    @DisplayName("Given no --config, serve runs in development mode on loopback and says on stderr it is not for "
            + "production")
    void developmentModeIsLoud() throws Exception {
        StringWriter err = new StringWriter();

        ServiceConfig config = new ServeCommand().settings(new PrintWriter(err, true));

        assertTrue(config.development());
        assertEquals("127.0.0.1", config.host());
        assertTrue(err.toString().contains("NOT FOR PRODUCTION"), err.toString());
    }

    @Test
    @DisplayName("Given a configuration file with a public URL and an issuer, serve requires JWTs from that issuer")
    void productionConfiguration() throws Exception {
        ServeCommand serve = new ServeCommand();
        serve.config = dir.resolve("service.json");
        Files.writeString(serve.config, """
                {"publicUrl":"https://cds.example.org","trustedIssuers":[{"issuer":"https://ehr.example.org",
                 "jwks":"https://ehr.example.org/jwks.json"}],"corsOrigins":["https://app.example.org"]}""");
        StringWriter err = new StringWriter();

        ServiceConfig config = serve.settings(new PrintWriter(err, true));

        assertFalse(config.development());
        assertEquals(URI.create("https://cds.example.org"), config.publicUrl());
        assertEquals("https://ehr.example.org", config.trustedIssuers().get(0).issuer());
        assertEquals("", err.toString(), "no development warning");
    }

    @Test
    @DisplayName("Given a configuration file without trusted issuers, serve refuses to start, naming what is missing")
    void configurationWithoutIssuersRefused() throws Exception {
        ServeCommand serve = new ServeCommand();
        serve.config = dir.resolve("service.json");
        Files.writeString(serve.config, "{\"publicUrl\":\"https://cds.example.org\",\"trustedIssuers\":[]}");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> serve.settings(new PrintWriter(new StringWriter())));

        assertTrue(e.getMessage().contains("trustedIssuers"), e.getMessage());
    }

    @Test
    @DisplayName("Given a head copy file that others may write, serve refuses to start, naming the file")
    void headCopyWritableByOthersRefused() throws Exception {
        Path copy = Files.createFile(dir.resolve("heads.log"));
        Files.setPosixFilePermissions(copy, java.nio.file.attribute.PosixFilePermissions.fromString("rw--w--w-"));

        // Preemptive: were the file accepted, the service would run until stopped.
        CliRun run = assertTimeoutPreemptively(java.time.Duration.ofSeconds(60), () -> CliRun.of("serve", "--port",
                "0", "--data", dir.resolve("data").toString(), "--audit-head-copy", copy.toString()));

        assertEquals(1, run.exit());
        assertTrue(run.err().contains("the head copy file " + copy + " has permissions rw--w--w-"), run.err());
    }

    @Test
    @DisplayName("Given a configuration file with an admin section, serve enables the release admin with its own "
            + "issuer and releases directory, and refuses an admin section without issuers")
    void adminSection() throws Exception {
        ServeCommand serve = new ServeCommand();
        serve.config = dir.resolve("service.json");
        String base = """
                {"publicUrl":"https://cds.example.org","trustedIssuers":[{"issuer":"https://ehr.example.org",
                 "jwks":"https://ehr.example.org/jwks.json"}],"admin":""";
        Files.writeString(serve.config, base + """
                {"issuers":[{"issuer":"https://ops.example.org","jwks":"file:/etc/spine/ops.json"}],
                 "releases":"/srv/spine/releases"}}""");

        ServiceConfig config = serve.settings(new PrintWriter(new StringWriter()));

        assertEquals("https://ops.example.org", config.admin().issuers().get(0).issuer());
        assertEquals(Path.of("/srv/spine/releases"), config.admin().releases());
        Files.writeString(serve.config, base + "{\"releases\":\"/srv/spine/releases\"}}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> serve.settings(new PrintWriter(new StringWriter())));
        assertTrue(e.getMessage().contains("admin needs issuers"), e.getMessage());
    }
}
