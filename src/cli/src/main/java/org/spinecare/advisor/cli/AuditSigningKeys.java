package org.spinecare.advisor.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.Consumer;
import org.spinecare.advisor.audit.AuditSigningKey;

/**
 * Finds the Ed25519 key that signs an audit file's heads: the {@code --audit-signing-key-file} option, else
 * {@code FILE.signing-key} beside the audit file, created on first use (owner-only) together with the public key
 * {@code FILE.pub}, which is what an auditor needs to verify. Key text is PEM and never echoed.
 */
final class AuditSigningKeys {
    private AuditSigningKeys() {
    }

    static Path besideAuditFile(Path auditFile) {
        return auditFile.resolveSibling(auditFile.getFileName() + ".signing-key");
    }

    static Path publicKeyBeside(Path auditFile) {
        return auditFile.resolveSibling(auditFile.getFileName() + ".pub");
    }

    static AuditSigningKey resolve(Path auditFile, Path keyFile, Consumer<String> notes) throws IOException {
        if (keyFile != null) {
            return read(keyFile);
        }
        Path beside = besideAuditFile(auditFile);
        if (Files.exists(beside)) {
            return read(beside);
        }
        AuditSigningKey key = AuditSigningKey.generate();
        if (!AuditKeys.createPrivate(beside, key.toPem())) {
            return read(beside);
        }
        writePublic(publicKeyBeside(auditFile), key);
        notes.accept("created the head signing key " + beside + " (key id " + key.id() + ") and its public key "
                + publicKeyBeside(auditFile) + "; give auditors a copy of the public key kept apart from the file");
        return key;
    }

    /** Writes the public key in place of any old one, whole (temporary file, then rename). */
    static void writePublic(Path publicFile, AuditSigningKey key) throws IOException {
        Path temporary = publicFile.resolveSibling(publicFile.getFileName() + ".tmp");
        Files.writeString(temporary, key.publicKeyPem(), StandardCharsets.US_ASCII);
        Files.move(temporary, publicFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static AuditSigningKey read(Path keyFile) throws IOException {
        String text = AuditKeys.readPrivate(keyFile, "head signing key file");
        try {
            return AuditSigningKey.fromPem(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the head signing key file " + keyFile + ": " + e.getMessage());
        }
    }
}
