package org.spinecare.advisor.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.spinecare.advisor.audit.AuditException;
import org.spinecare.advisor.audit.AuditKey;
import org.spinecare.advisor.audit.AuditRecord;
import org.spinecare.advisor.audit.AuditTableVerifier;
import org.spinecare.advisor.audit.AuditVerifier.Verification;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "verify-table", description = "Check a database audit trail (serve --audit-db) as verify checks a "
        + "file: every record, the chain, the signed head in its head row and the MACs; prints OK, N records (exit "
        + "0) or the first bad or missing record's number and why (exit 1).")
final class AuditVerifyTableCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    AuditDatabaseOption database;

    @Option(names = "--public-key", paramLabel = "PEMFILE", description = "The public key the head must be signed "
            + "with (required unless --no-head); use a copy kept apart from the database.")
    Path publicKey;

    @Option(names = "--audit-key-file", paramLabel = "KEYFILE", description = "An audit key (hex) to check the "
            + "records' MACs with; repeat it for every key the trail was written with. Default: $"
            + AuditKeys.ENV + "; without a key the MACs are not checked (and the output says so).")
    List<Path> keyFiles;

    @Option(names = "--no-head", description = "Check the chain alone (a trail written without a signing key); "
            + "records deleted from the end are then found only by the head row's unsigned count.")
    boolean noHead;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Verification verification;
        AuditTableVerifier.CardLinks links = null;
        try {
            if (database.url == null) {
                throw new IllegalArgumentException("--audit-db JDBC_URL is required");
            }
            if (publicKey == null && !noHead) {
                throw new IllegalArgumentException("--public-key PEMFILE is required (--no-head checks the chain "
                        + "alone)");
            }
            PublicKey key = noHead ? null : AuditTrailOptions.readPublicKey(publicKey);
            List<AuditKey> keys = AuditKeys.given(keyFiles, System.getenv());
            Set<UUID> assessments = new HashSet<>();
            verification = AuditTableVerifier.verify(database.dataSource(System.getenv()), database.table, key,
                    keys, record -> {
                        if (record instanceof AuditRecord assessment) {
                            assessments.add(assessment.requestId());
                        }
                    });
            if (verification.ok() && !keys.isEmpty()) {
                links = AuditTableVerifier.verifyCardLinks(database.dataSource(System.getenv()), database.table,
                        keys, assessments);
            }
        } catch (AuditException | IllegalArgumentException | IOException e) {
            err.println("spine: " + Errors.oneLine(e));
            return SpineCli.FAILED;
        }
        out.println(TerminalText.safe(verification.message()));
        if (links != null) {
            out.println(links.ok() ? "OK, " + links.links() + " card links, MACs checked" : links.problem());
        }
        out.flush();
        if (verification.ok()) {
            AuditTrailOptions.noteUncheckedMacs(err, verification.macsUnchecked());
            if (links == null) {
                err.println("spine: the card links were not checked: give --audit-key-file to check their MACs");
            }
        }
        return verification.ok() && (links == null || links.ok()) ? SpineCli.OK : SpineCli.FAILED;
    }
}
