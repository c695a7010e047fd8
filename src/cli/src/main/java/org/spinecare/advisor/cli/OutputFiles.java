package org.spinecare.advisor.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/** Files the command line writes answers or errors to. */
final class OutputFiles {
    private static final Set<PosixFilePermission> OWNER_ONLY =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private OutputFiles() {
    }

    /**
     * Opens (creating or truncating) a file for clinical answers. A new file is readable and writable by its owner
     * only from the moment it exists, like the audit file; an existing file keeps the permissions its owner gave
     * it. The stream is a channel's, so a failed write (a full disk) throws rather than setting a flag.
     */
    static OutputStream openPrivate(Path file) throws IOException {
        Set<StandardOpenOption> options = EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return Channels.newOutputStream(Files.newByteChannel(file, options,
                    PosixFilePermissions.asFileAttribute(OWNER_ONLY)));
        }
        return Channels.newOutputStream(Files.newByteChannel(file, options));
    }
}
