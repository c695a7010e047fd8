package org.spinecare.advisor.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.spinecare.advisor.audit.AuditKey;

/**
 * Finds the HMAC key for {@code --audit}: the {@code --audit-key-file} option, else the {@value #ENV} environment
 * variable, else a key file beside the audit file ({@code FILE.key}), created with a random key on first use,
 * readable and writable by its owner only. Key text is hex; it is never echoed in a message.
 */
final class AuditKeys {
    static final String ENV = "SPINE_AUDIT_KEY";
    private static final Set<PosixFilePermission> OWNER_ONLY =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private AuditKeys() {
    }

    /** The key file used when neither the option nor the environment gives a key. */
    static Path besideAuditFile(Path auditFile) {
        return auditFile.resolveSibling(auditFile.getFileName() + ".key");
    }

    static AuditKey resolve(Path auditFile, Path keyFile, Map<String, String> environment, Consumer<String> notes)
            throws IOException {
        if (keyFile != null) {
            return read(keyFile);
        }
        String fromEnvironment = environment.get(ENV);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            try {
                return AuditKey.fromHex(fromEnvironment);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(ENV + ": " + e.getMessage());
            }
        }
        Path beside = besideAuditFile(auditFile);
        if (Files.exists(beside)) {
            return read(beside);
        }
        if (Files.exists(auditFile) && Files.size(auditFile) > 0) {
            // A new key would silently give every patient a new pseudonym: the host must decide that.
            throw new IllegalArgumentException("the audit file " + auditFile + " has records but its key file "
                    + beside + " is missing; give the key with " + ENV + " or --audit-key-file");
        }
        return create(beside, notes);
    }

    private static AuditKey read(Path keyFile) throws IOException {
        if (!Files.isRegularFile(keyFile)) {
            throw new IllegalArgumentException("no audit key file " + keyFile);
        }
        if (isPosix() && !OWNER_ONLY.containsAll(Files.getPosixFilePermissions(keyFile))) {
            throw new IllegalArgumentException("the audit key file " + keyFile + " may be read by other users; "
                    + "make it readable by its owner only (chmod 600)");
        }
        String text;
        try {
            text = Files.readString(keyFile, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no audit key file " + keyFile);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the audit key file " + keyFile);
        }
        try {
            return AuditKey.fromHex(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the audit key file " + keyFile + ": " + e.getMessage());
        }
    }

    /**
     * Writes a new key to a private temporary file, then links it into place: the link fails if another process
     * created the key first, and then that key is used, so concurrent first uses agree on one key.
     */
    private static AuditKey create(Path keyFile, Consumer<String> notes) throws IOException {
        AuditKey key = AuditKey.generate();
        Path directory = keyFile.toAbsolutePath().getParent();
        Path temporary = isPosix()
                ? Files.createTempFile(directory, ".spine-key-", ".tmp",
                        PosixFilePermissions.asFileAttribute(OWNER_ONLY))
                : Files.createTempFile(directory, ".spine-key-", ".tmp");
        try {
            Files.writeString(temporary, key.toHex() + "\n", StandardCharsets.US_ASCII,
                    StandardOpenOption.WRITE, StandardOpenOption.SYNC);
            try {
                place(temporary, keyFile);
            } catch (FileAlreadyExistsException e) {
                return read(keyFile);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
        notes.accept("created the audit key file " + keyFile + " (key id " + key.id() + "); keep it: "
                + "without it the pseudonyms in the audit file cannot be matched to patients again");
        return key;
    }

    /** Puts the key file in place only if none exists: a hard link where the file system has them. */
    private static void place(Path temporary, Path keyFile) throws IOException {
        try {
            Files.createLink(keyFile, temporary);
        } catch (FileAlreadyExistsException e) {
            throw e;
        } catch (UnsupportedOperationException | IOException noHardLinks) {
            Files.move(temporary, keyFile);
        }
    }

    private static boolean isPosix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
