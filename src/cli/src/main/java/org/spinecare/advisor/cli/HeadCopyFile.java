package org.spinecare.advisor.cli;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.function.Consumer;
import org.spinecare.advisor.audit.AuditException;
import org.spinecare.advisor.audit.AuditHead;

/**
 * A second place for the audit trail's heads ({@code --audit-head-copy FILE}): every new head's line is appended
 * and forced, so a trail whose newest segment, or whose head beside it, was cut or replaced can still be held to
 * the newest head ({@code audit verify --head FILE} reads the last line). Owner-only like the audit file, and
 * refused when others may write it, since whoever can write it can plant an older head there.
 */
final class HeadCopyFile implements Consumer<AuditHead>, Closeable {
    private final Path file;
    private final FileChannel channel;

    private HeadCopyFile(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /** Opens (creating owner-only) the copy file for appending; a refused or unopenable one names the file. */
    static HeadCopyFile open(Path file) {
        if (Files.isDirectory(file)) {
            throw new AuditException("the head copy file " + file + " is a directory, not a file");
        }
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        try {
            refuseWritableByOthers(file, posix);
            FileAttribute<?>[] ownerOnly = posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rw-------"))} : new FileAttribute<?>[0];
            return new HeadCopyFile(file, FileChannel.open(file, Set.of(StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, StandardOpenOption.APPEND), ownerOnly));
        } catch (IOException e) {
            throw new AuditException("cannot open the head copy file " + file + ": " + Errors.oneLine(e), e);
        }
    }

    private static void refuseWritableByOthers(Path file, boolean posix) throws IOException {
        if (posix && Files.exists(file)) {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (permissions.contains(PosixFilePermission.GROUP_WRITE)
                    || permissions.contains(PosixFilePermission.OTHERS_WRITE)) {
                throw new AuditException("the head copy file " + file + " has permissions "
                        + PosixFilePermissions.toString(permissions) + ", so other users may change it; make it "
                        + "writable by its owner only (chmod 600)");
            }
        }
    }

    /** Appends the head's line in one write (so lines of several writers do not interleave) and forces it. */
    @Override
    public void accept(AuditHead head) {
        ByteBuffer line = ByteBuffer.wrap((head.text() + "\n").getBytes(StandardCharsets.UTF_8));
        try {
            while (line.hasRemaining()) {
                channel.write(line);
            }
            channel.force(true);
        } catch (IOException e) {
            // The record is on disk under the head beside it; failing it says the second copy is not.
            throw new AuditException("cannot append the signed head to the head copy file " + file + ": "
                    + Errors.oneLine(e), e);
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
