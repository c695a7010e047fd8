package org.spinecare.advisor.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Refuses a run whose files overlap: writing the output over the input, or the answers over the audit file,
 * destroys data before anything can go wrong visibly. Files are compared as files, not names: existing ones by
 * identity ({@link Files#isSameFile}: device and inode, so hard links, symbolic links and {@code /dev/fd/N} are
 * caught), ones that do not exist yet by their real path (symbolic links followed as far as they go, the
 * deepest existing directory resolved). Only regular files, and paths that would become one, are compared.
 */
final class DistinctFiles {
    /** A file the run reads or writes, named as the user knows it ({@code --out}, {@code standard output}). */
    record Role(String name, Path file) {
    }

    private final List<Role> roles = new ArrayList<>();

    /** Adds a file given as an option; {@code null} and {@code -} (a standard stream) are left out. */
    DistinctFiles add(String name, String file) {
        if (file != null && !"-".equals(file)) {
            roles.add(new Role(name, Path.of(file)));
        }
        return this;
    }

    DistinctFiles add(String name, Path file) {
        if (file != null) {
            roles.add(new Role(name, file));
        }
        return this;
    }

    /** Adds a standard stream by its {@code /dev} name where the system has one (Linux). */
    DistinctFiles addStream(String name, String devName) {
        Path device = Path.of(devName);
        if (Files.exists(device)) {
            roles.add(new Role(name, device));
        }
        return this;
    }

    /** The first pair of roles that are one file, as a message; null when all differ. */
    String firstOverlap() throws IOException {
        for (int i = 0; i < roles.size(); i++) {
            for (int j = i + 1; j < roles.size(); j++) {
                Role a = roles.get(i);
                Role b = roles.get(j);
                if (same(a.file(), b.file())) {
                    return a.name() + " and " + b.name() + " are the same file (" + TerminalText.safe(a.file())
                            + (a.file().equals(b.file()) ? "" : ", " + TerminalText.safe(b.file())) + ")";
                }
            }
        }
        return null;
    }

    static boolean same(Path a, Path b) throws IOException {
        boolean aExists = Files.exists(a);
        boolean bExists = Files.exists(b);
        if (aExists && !Files.isRegularFile(a) || bExists && !Files.isRegularFile(b)) {
            // A terminal, pipe or /dev/null shared by two streams loses nothing (stdout and stderr on one terminal).
            return false;
        }
        if (aExists && bExists) {
            return Files.isSameFile(a, b);
        }
        if (aExists != bExists) {
            return false; // opening the missing one creates a new file
        }
        return whereCreated(a).equals(whereCreated(b));
    }

    /** Where opening a path that does not exist would create the file: links followed, directories resolved. */
    static Path whereCreated(Path path) throws IOException {
        Path current = path.toAbsolutePath();
        for (int hops = 0; hops < 40 && Files.isSymbolicLink(current); hops++) {
            Path parent = current.getParent();
            current = parent.resolve(Files.readSymbolicLink(current)).toAbsolutePath();
        }
        current = current.normalize();
        Path existing = current;
        List<Path> rest = new ArrayList<>();
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            rest.add(0, existing.getFileName());
            existing = existing.getParent();
        }
        Path resolved = existing == null ? Path.of("/") : existing.toRealPath();
        for (Path part : rest) {
            resolved = resolved.resolve(part);
        }
        return resolved;
    }
}
