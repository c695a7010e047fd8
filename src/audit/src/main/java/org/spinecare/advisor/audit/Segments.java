package org.spinecare.advisor.audit;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The naming of a rotated trail's files (docs/audit.md, Rotation): the file given ({@code trail.jsonl}) is segment
 * 0, and rotation adds {@code trail-000001.jsonl}, {@code trail-000002.jsonl}, ... beside it. The highest number
 * present is the live segment. Nothing is ever renamed, so a crash during rotation leaves every file whole.
 */
final class Segments {
    private static final int DIGITS = 6;

    private Segments() {
    }

    /** The path of segment {@code n} of the trail named by {@code base}. */
    static Path numbered(Path base, long n) {
        if (n == 0) {
            return base;
        }
        String[] parts = split(base);
        return base.resolveSibling(parts[0] + "-" + String.format("%0" + DIGITS + "d", n) + parts[1]);
    }

    /**
     * Every segment file present, by number (segment 0, the base, included when it exists). Gaps are kept: the
     * map's keys show them.
     */
    static TreeMap<Long, Path> present(Path base) throws IOException {
        TreeMap<Long, Path> found = new TreeMap<>();
        if (Files.isRegularFile(base)) {
            found.put(0L, base);
        }
        Path directory = base.toAbsolutePath().getParent();
        String[] parts = split(base);
        Pattern numbered = Pattern.compile(Pattern.quote(parts[0]) + "-(\\d{" + DIGITS + "})" + Pattern.quote(parts[1]));
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path file : files) {
                Matcher m = numbered.matcher(file.getFileName().toString());
                if (m.matches() && Files.isRegularFile(file)) {
                    found.put(Long.parseLong(m.group(1)), base.resolveSibling(file.getFileName()));
                }
            }
        }
        return found;
    }

    /** The segments in order, or why the sequence has a hole (a missing segment named by its file). */
    static List<Path> inOrder(Path base, long from) throws IOException {
        List<Path> ordered = new ArrayList<>();
        long expected = from;
        for (Map.Entry<Long, Path> segment : present(base).tailMap(from, true).entrySet()) {
            if (segment.getKey() != expected) {
                throw new AuditException("segment " + numbered(base, expected).getFileName() + " is missing: "
                        + (ordered.isEmpty() ? "the trail" : ordered.get(ordered.size() - 1).getFileName())
                        + (ordered.isEmpty() ? " starts at " : " is followed by ") + segment.getValue().getFileName());
            }
            ordered.add(segment.getValue());
            expected++;
        }
        return ordered;
    }

    /** {name without extension, extension with its dot}: {@code trail.jsonl} gives {@code trail} and {@code .jsonl}. */
    private static String[] split(Path base) {
        String name = base.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? new String[] {name.substring(0, dot), name.substring(dot)} : new String[] {name, ""};
    }
}
