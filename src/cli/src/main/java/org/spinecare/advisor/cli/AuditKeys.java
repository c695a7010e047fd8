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
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
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
    // What a key file may have: any of its owner's permissions (700 exposes nothing), none for group or others.
    private static final Set<PosixFilePermission> OWNER_ONLY_ANY = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);

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
            return fromEnvironment(fromEnvironment);
        }
        Path beside = besideAuditFile(auditFile);
        if (Files.exists(beside)) {
            return read(beside);
        }
        if (Files.isDirectory(auditFile)) {
            throw new IllegalArgumentException("the audit file " + auditFile + " is a directory; give a file");
        }
        if (Files.exists(auditFile) && Files.size(auditFile) > 0) {
            // A new key would silently give every patient a new pseudonym: the host must decide that.
            throw new IllegalArgumentException("the audit file " + auditFile + " has records but its key file "
                    + beside + " is missing; give the key with " + ENV + " or --audit-key-file");
        }
        return create(beside, notes);
    }

    /**
     * The keys to check a file's MACs with: every {@code --audit-key-file} given, else the environment's key, else
     * the key file beside the audit file if there is one; none when there is nothing (MACs then go unchecked).
     */
    static List<AuditKey> forVerifying(Path auditFile, List<Path> keyFiles, Map<String, String> environment)
            throws IOException {
        List<AuditKey> given = given(keyFiles, environment);
        if (!given.isEmpty()) {
            return given;
        }
        Path beside = besideAuditFile(auditFile);
        return Files.exists(beside) ? List.of(read(beside)) : List.of();
    }

    /**
     * The keys given for a trail with no file to find a key beside (the database trail): every key file, else the
     * environment's key, else none.
     */
    static List<AuditKey> given(List<Path> keyFiles, Map<String, String> environment) throws IOException {
        List<AuditKey> keys = new ArrayList<>();
        if (keyFiles != null) {
            for (Path keyFile : keyFiles) {
                keys.add(read(keyFile));
            }
        }
        String fromEnvironment = environment.get(ENV);
        if (keys.isEmpty() && fromEnvironment != null && !fromEnvironment.isBlank()) {
            keys.add(fromEnvironment(fromEnvironment));
        }
        return keys;
    }

    private static AuditKey fromEnvironment(String hex) {
        try {
            return AuditKey.fromHex(hex);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(ENV + ": " + e.getMessage());
        }
    }

    private static AuditKey read(Path keyFile) throws IOException {
        String text = readPrivate(keyFile, "audit key file");
        try {
            return AuditKey.fromHex(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the audit key file " + keyFile + ": " + e.getMessage());
        }
    }

    /**
     * Reads a secret file after checking that it is a regular file owned by the user running this, with no
     * permission for group or others: a key planted by another user would let that user compute every pseudonym
     * (or sign heads), and one that others can read is no longer secret.
     *
     * @param what names the file in messages, which never repeat its content
     */
    static String readPrivate(Path keyFile, String what) throws IOException {
        if (Files.isDirectory(keyFile)) {
            throw new IllegalArgumentException("the " + what + " " + keyFile + " is a directory, not a file");
        }
        if (!Files.isRegularFile(keyFile)) {
            throw new IllegalArgumentException("no " + what + " " + keyFile);
        }
        if (isPosix()) {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(keyFile);
            if (!OWNER_ONLY_ANY.containsAll(permissions)) {
                throw new IllegalArgumentException("the " + what + " " + keyFile + " has permissions "
                        + PosixFilePermissions.toString(permissions) + ", so other users may read or replace it; "
                        + "make it its owner's only (chmod 600)");
            }
            UserPrincipal owner = Files.getOwner(keyFile);
            UserPrincipal me = keyFile.getFileSystem().getUserPrincipalLookupService()
                    .lookupPrincipalByName(System.getProperty("user.name"));
            if (!owner.equals(me)) {
                throw new IllegalArgumentException("the " + what + " " + keyFile + " belongs to " + owner.getName()
                        + ", not to " + me.getName() + " who runs this; a key another user planted is not used "
                        + "(whoever made it can compute every pseudonym)");
            }
        }
        try {
            return Files.readString(keyFile, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no " + what + " " + keyFile);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the " + what + " " + keyFile + ": "
                    + Errors.oneLine(e));
        }
    }

    /**
     * Writes a new key to a private temporary file, then links it into place: the link fails if another process
     * created the key first, and then that key is used, so concurrent first uses agree on one key.
     */
    private static AuditKey create(Path keyFile, Consumer<String> notes) throws IOException {
        AuditKey key = AuditKey.generate();
        if (!createPrivate(keyFile, key.toHex() + "\n")) {
            return read(keyFile);
        }
        notes.accept("created the audit key file " + keyFile + " (key id " + key.id() + "); keep it: "
                + "without it the pseudonyms in the audit file cannot be matched to patients again");
        return key;
    }

    /**
     * Creates a file readable and writable by its owner only, holding {@code text}, unless it exists already.
     *
     * @return false when another process created it first (its content is then that process's)
     */
    static boolean createPrivate(Path keyFile, String text) throws IOException {
        Path directory = keyFile.toAbsolutePath().getParent();
        Path temporary = isPosix()
                ? Files.createTempFile(directory, ".spine-key-", ".tmp",
                        PosixFilePermissions.asFileAttribute(OWNER_ONLY))
                : Files.createTempFile(directory, ".spine-key-", ".tmp");
        try {
            Files.writeString(temporary, text, StandardCharsets.US_ASCII, StandardOpenOption.WRITE,
                    StandardOpenOption.SYNC);
            try {
                place(temporary, keyFile);
                return true;
            } catch (FileAlreadyExistsException e) {
                return false;
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
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
