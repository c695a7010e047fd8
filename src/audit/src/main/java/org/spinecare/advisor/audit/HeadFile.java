package org.spinecare.advisor.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** The head file beside an audit file ({@code FILE.head}): replaced atomically, so it is always a whole head. */
final class HeadFile {
    private HeadFile() {
    }

    static Path besideAuditFile(Path auditFile) {
        return auditFile.resolveSibling(auditFile.getFileName() + ".head");
    }

    /** The head in the file, or null when there is none. */
    static AuditHead read(Path headFile) {
        String text;
        try {
            text = Files.readString(headFile, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new AuditException("cannot read the head file " + headFile + ": " + e.getMessage(), e);
        }
        try {
            return AuditHead.parse(text);
        } catch (IllegalArgumentException e) {
            throw new AuditException("the head file " + headFile + " is not a signed head: " + e.getMessage());
        }
    }

    /**
     * Writes the head to a temporary file, forces it, renames it over the old head and forces the directory, so
     * that after a crash the old head or the new one is there, whole.
     */
    static void write(Path headFile, AuditHead head) throws IOException {
        Path directory = headFile.toAbsolutePath().getParent();
        Path temporary = headFile.resolveSibling(headFile.getFileName() + ".tmp");
        try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer bytes = ByteBuffer.wrap((head.text() + "\n").getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                out.write(bytes);
            }
            out.force(true);
        } catch (IOException e) {
            // A partial temporary head on a full disk would only hold space the next attempt needs.
            Files.deleteIfExists(temporary);
            throw e;
        }
        try {
            Files.move(temporary, headFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, headFile, StandardCopyOption.REPLACE_EXISTING);
        }
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException ignored) {
            // Some file systems cannot open a directory for syncing; the rename is still atomic there.
        }
    }
}
