package org.spinecare.advisor.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinecare.advisor.audit.AuditKey;
import org.spinecare.advisor.audit.AuditVerifier;
import org.spinecare.advisor.audit.JsonLinesAuditTrail;

/** The curl examples of docs/cds-hooks.md work as written, against a running server. */
class CurlExamplesTest {
    private static final String DOC_URL = "http://127.0.0.1:8080";
    private static final Pattern BASH = Pattern.compile("```bash\n(.*?)```", Pattern.DOTALL);

    @TempDir
    Path dir;

    @Test
    @DisplayName("Given the running service, the documented discovery, call and feedback commands succeed, give a "
            + "critical card, and leave an audit file that verifies")
    void documentedCommandsWork() throws Exception {
        String doc = Files.readString(Path.of("docs/cds-hooks.md"));
        String section = doc.substring(doc.indexOf("## Try it with curl"), doc.indexOf("## Endpoints"));
        List<String> blocks = new ArrayList<>();
        Matcher m = BASH.matcher(section);
        while (m.find()) {
            blocks.add(m.group(1));
        }
        assertEquals(3, blocks.size(), "discovery, call and feedback");
        Path auditFile = dir.resolve("audit.jsonl");

        String output;
        try (JsonLinesAuditTrail trail = JsonLinesAuditTrail.open(auditFile, AuditKey.generate());
             RunningService server = new RunningService(ServiceConfig.development("127.0.0.1", 0), trail)) {
            String script = String.join("\necho\n", blocks).replace(DOC_URL, server.service.url().toString())
                    .replace("/tmp/spine-cards.json", dir.resolve("cards.json").toString());
            Process bash = new ProcessBuilder("bash", "-euo", "pipefail", "-c", script).redirectErrorStream(true).start();
            output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(bash.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, bash.exitValue(), output);
        }

        assertTrue(output.contains("\"id\":\"" + ServiceConfig.SERVICE_ID + "\""), output);
        assertTrue(output.contains("\"indicator\":\"critical\""), output);
        AuditVerifier.Verification verification = AuditVerifier.verify(auditFile);
        assertTrue(verification.ok(), verification.message());
        assertEquals(2, Files.readAllLines(auditFile).size(), "the assessment and the feedback");
    }
}
