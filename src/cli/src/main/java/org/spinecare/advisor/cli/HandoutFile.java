package org.spinecare.advisor.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.spinecare.advisor.Assessment;
import org.spinecare.advisor.service.handout.Handout;

/** {@code assess --handout OUT.html}: the patient handout of the answer, in a file only its owner can read. */
final class HandoutFile {
    private HandoutFile() {
    }

    static int write(Path file, Assessment assessment, String displayName, PrintWriter err) {
        try (OutputStream out = OutputFiles.openPrivate(file)) {
            out.write(Handout.html(assessment, displayName).getBytes(StandardCharsets.UTF_8));
            return SpineCli.OK;
        } catch (IOException e) {
            err.println("spine: the answer was written but the handout was not: " + TerminalText.safe(file.toString())
                    + ": " + Errors.oneLine(e));
            return SpineCli.FAILED;
        }
    }
}
