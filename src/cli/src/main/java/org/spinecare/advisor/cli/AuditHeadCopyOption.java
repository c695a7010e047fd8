package org.spinecare.advisor.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --audit-head-copy FILE}, shared by the commands that write an audit trail (assess, serve). */
final class AuditHeadCopyOption {
    @Option(names = "--audit-head-copy", paramLabel = "FILE", description = "Also append every new signed head "
            + "of the audit trail to FILE (owner-only, forced), e.g. on another disk: audit verify --head FILE "
            + "holds the trail to its last line, so a cut newest segment or a replaced head shows.")
    Path file;
}
