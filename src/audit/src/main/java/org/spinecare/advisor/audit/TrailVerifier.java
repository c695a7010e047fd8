package org.spinecare.advisor.audit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/**
 * Checks a rotated trail as one sequence (docs/audit.md, Rotation): its segments in number order, each against
 * its own head, the chain (sequence numbers, prevHash) running on from one file into the next. A missing segment,
 * two swapped ones or a changed first prevHash is reported by file and by record (1-based line in that file).
 */
public final class TrailVerifier {
    private static final Pattern NUMBERED = Pattern.compile(".*-\\d{6}\\.jsonl");

    private TrailVerifier() {
    }

    /**
     * The outcome: {@code files} checked, and the first problem by {@code badFile} and {@code badLine}.
     *
     * @param startSegment the first segment checked: above 0 when older segments were archived
     * @param startRecord  the sequence number of the first record checked
     */
    public record Result(List<Path> files, long records, Path badFile, long badLine, String problem,
                         long startSegment, long startRecord, long macsUnchecked, long linksUnchecked) {
        public boolean ok() {
            return problem == null;
        }

        /** The same outcome with a first problem found after the sequence itself was checked. */
        Result failing(Path file, long line, String why) {
            return new Result(files, records, file, Math.max(1, line), why, startSegment, startRecord, macsUnchecked,
                    linksUnchecked);
        }

        public String message() {
            if (!ok()) {
                return (badFile == null ? "" : badFile.getFileName() + " record " + badLine + ": ") + problem;
            }
            String ok = "OK, " + records + (records == 1 ? " record" : " records") + " in " + files.size()
                    + (files.size() == 1 ? " file" : " files");
            if (startSegment > 0) {
                ok += "; the sequence starts at segment " + files.get(0).getFileName() + " with record "
                        + startRecord + " (older segments archived: its prevHash was not checked"
                        + (linksUnchecked > 0 ? ", nor the links of " + linksUnchecked + " feedback records to "
                        + "archived assessments" : "") + ")";
            }
            return ok;
        }
    }

    /**
     * Checks the trail named by {@code fileOrFolder} (its first file, or the folder holding it).
     *
     * @param publicKey    the key every segment's head must be signed with, or null to check the chain alone
     * @param keys         audit keys for the MACs (none: not checked)
     * @param fromSegment  the first segment to check, or null for segment 0 (the file given); a later one is
     *                     required when older segments were archived, so that it is never assumed
     */
    public static Result verify(Path fileOrFolder, PublicKey publicKey, Collection<AuditKey> keys, Long fromSegment) {
        Path base = baseOf(fileOrFolder);
        long from = fromSegment == null ? 0 : fromSegment;
        TreeMap<Long, Path> present;
        try {
            present = Segments.present(base);
        } catch (IOException e) {
            throw new AuditException("cannot list the audit trail " + base + ": " + IoProblems.describe(e), e);
        }
        if (!present.containsKey(from)) {
            Long firstPresent = present.isEmpty() ? null : present.firstKey();
            throw new AuditException("no audit file " + Segments.numbered(base, from) + (firstPresent == null ? ""
                    : "; the trail's first file present is " + present.get(firstPresent).getFileName()
                    + (firstPresent > from ? " (older segments archived? say so with --from-segment "
                    + firstPresent + ")" : "")));
        }
        ChainCheck check = from == 0 ? ChainCheck.fromStart(keys, !keys.isEmpty())
                : ChainCheck.anchored(keys, !keys.isEmpty());
        List<Path> files = new ArrayList<>();
        long expected = from;
        long startRecord = 0;
        for (Map.Entry<Long, Path> segment : present.tailMap(from, true).entrySet()) {
            Path file = segment.getValue();
            long before = check.records();
            if (segment.getKey() != expected) {
                return failed(files, check, file, 1, "segment " + Segments.numbered(base, expected).getFileName()
                        + " is missing: " + files.get(files.size() - 1).getFileName() + " ends at record " + before
                        + " and " + file.getFileName() + " follows it", from, startRecord);
            }
            files.add(file);
            AuditVerifier.Verification v = one(file, publicKey, check, expected == present.lastKey());
            // An anchored check learns where it starts from the first record it reads.
            long offset = files.size() == 1 ? check.start() : before;
            if (startRecord == 0 && check.records() > offset) {
                startRecord = offset + 1;
            }
            if (!v.ok()) {
                return failed(files, check, file, v.badRecord() - offset, v.problem(), from, startRecord);
            }
            expected++;
        }
        return new Result(List.copyOf(files), check.records() - check.start(), null, 0, null, from, startRecord,
                check.macsUnchecked(), check.linksUnchecked());
    }

    /**
     * Checks the trail as {@link #verify(Path, PublicKey, Collection, Long)} does, and then holds it as a whole to
     * {@code newest}, a head kept apart from the trail (the last of a head copy file): the record it names must
     * be in the trail with the hash it states. Only that shows a newest segment deleted, or the live segment cut
     * together with its head replaced by an older one.
     *
     * @param newest a head signed with {@code publicKey}, or null for none
     */
    public static Result verify(Path fileOrFolder, PublicKey publicKey, Collection<AuditKey> keys, Long fromSegment,
                                AuditHead newest) {
        Result checked = verify(fileOrFolder, publicKey, keys, fromSegment);
        return newest == null || !checked.ok() ? checked : heldTo(checked, newest, publicKey, keys);
    }

    /**
     * Checks the trail as {@link #verify(Path, PublicKey, Collection, Long, AuditHead)} does, then hands its good
     * records in trail order, each with the segment file it is in, to the consumer of its kind: every record
     * checked when the trail verifies, else those before the first bad one. The segments are read again for that,
     * so that nothing is handed over before the whole sequence was checked; records appended since are not handed
     * over, and a segment that changed in between is reported as the first problem.
     */
    public static Result verify(Path fileOrFolder, PublicKey publicKey, Collection<AuditKey> keys, Long fromSegment,
                                AuditHead newest, BiConsumer<Path, AuditRecord> assessments,
                                BiConsumer<Path, FeedbackRecord> feedback) {
        Result checked = verify(fileOrFolder, publicKey, keys, fromSegment, newest);
        return handOver(checked, keys, (file, line, record) -> {
            if (record instanceof FeedbackRecord f) {
                feedback.accept(file, f);
            } else {
                assessments.accept(file, (AuditRecord) record);
            }
        });
    }

    /** A good record at a line (1-based) of a segment. */
    private interface Located {
        void accept(Path file, long line, Object record);
    }

    private static Result heldTo(Result checked, AuditHead newest, PublicKey publicKey, Collection<AuditKey> keys) {
        Path last = checked.files().get(checked.files().size() - 1);
        if (newest.records() == 0) {
            return checked;
        }
        if (publicKey == null || !newest.verifies(publicKey)) {
            return checked.failing(last, 1, "the signed head for record " + newest.records() + " given to hold the "
                    + "trail to does not verify under " + (publicKey == null ? "no public key (--no-head?)"
                    : "the public key with id " + AuditSigningKey.idOf(publicKey)) + " (it was replaced or "
                    + "altered, or this is not the trail's key)");
        }
        Object[] at = new Object[3];
        long[] lastLine = {0};
        Result read = handOver(checked, keys, (file, line, record) -> {
            if (file.equals(last)) {
                lastLine[0] = line;
            }
            if (seqOf(record) == newest.records()) {
                at[0] = file;
                at[1] = line;
                at[2] = record;
            }
        });
        if (!read.ok()) {
            return read;
        }
        if (at[2] == null && newest.records() < checked.startRecord()) {
            return checked.failing(checked.files().get(0), 1, "the signed head given covers record "
                    + newest.records() + ", which is in an archived segment before this part of the trail, so it "
                    + "cannot hold it (give a newer head)");
        }
        if (at[2] == null) {
            long end = checked.records() == 0 ? 0 : checked.startRecord() + checked.records() - 1;
            return checked.failing(last, lastLine[0] + 1, "missing: the trail ends after record " + end + " but the "
                    + "signed head of " + newest.time() + " given covers " + newest.records() + " records (records "
                    + "were cut from the end, or the newest segments are missing)");
        }
        if (!hashOf(at[2]).equals(newest.lastHash())) {
            return checked.failing((Path) at[0], (Long) at[1], "its hash is not the one the signed head of "
                    + newest.time() + " given states for it (the trail was rewritten after the head was signed)");
        }
        return checked;
    }

    /**
     * Reads the segments {@code checked} covers again and hands over their good records with file and line, up to
     * its first bad record or its record count; a record that no longer reads as it did is the result's problem.
     */
    private static Result handOver(Result checked, Collection<AuditKey> keys, Located goodRecords) {
        ChainCheck check = checked.startSegment() == 0 ? ChainCheck.fromStart(keys, !keys.isEmpty())
                : ChainCheck.anchored(keys, !keys.isEmpty());
        long[] handed = {0};
        for (Path file : checked.files()) {
            boolean bad = file.equals(checked.badFile());
            long lines = bad ? checked.badLine() - 1 : Long.MAX_VALUE;
            long[] line = {0};
            AuditVerifier.Scan scan;
            try (InputStream in = Files.newInputStream(file)) {
                scan = AuditVerifier.scan(in, 0, check, record -> {
                    if (++line[0] <= lines && handed[0] < checked.records()) {
                        handed[0]++;
                        goodRecords.accept(file, line[0], record);
                    }
                });
            } catch (IOException e) {
                throw new AuditException("cannot read the audit file " + file + ": " + IoProblems.describe(e), e);
            }
            if (scan.problem() != null && line[0] < lines && handed[0] < checked.records()) {
                return checked.failing(file, line[0] + 1, scan.problem() + " (the file changed while it was read)");
            }
            if (bad) {
                break;
            }
        }
        return checked;
    }

    private static long seqOf(Object record) {
        return record instanceof FeedbackRecord f ? f.seq() : ((AuditRecord) record).seq();
    }

    private static String hashOf(Object record) {
        return record instanceof FeedbackRecord f ? f.hash() : ((AuditRecord) record).hash();
    }

    private static Result failed(List<Path> files, ChainCheck check, Path file, long line, String problem,
                                 long from, long startRecord) {
        return new Result(List.copyOf(files), check.records() - check.start(), file, Math.max(1, line), problem,
                from, startRecord,
                check.macsUnchecked(), check.linksUnchecked());
    }

    /** One segment: against its head when a public key is given (the live segment may have none yet). */
    private static AuditVerifier.Verification one(Path file, PublicKey publicKey, ChainCheck check, boolean live) {
        if (publicKey != null) {
            AuditHead head = HeadFile.read(HeadFile.besideAuditFile(file));
            if (head != null) {
                return AuditVerifier.verify(file, head, publicKey, check);
            }
            // The live segment may lack one: a writer killed between a record's force and its head leaves that.
            // A closed segment never does: its head is written before the next segment is created.
            if (!live) {
                return new AuditVerifier.Verification(check.records(), check.records() + 1, "no signed head "
                        + HeadFile.besideAuditFile(file).getFileName() + " beside it (every closed segment has "
                        + "one)", check.lastHash());
            }
        }
        try (InputStream in = Files.newInputStream(file)) {
            return AuditVerifier.scan(in, 0, check, record -> { }).verification();
        } catch (NoSuchFileException e) {
            throw new AuditException("no audit file " + file);
        } catch (IOException e) {
            throw new AuditException("cannot read the audit file " + file + ": " + IoProblems.describe(e), e);
        }
    }

    /** Whether {@code fileOrFolder} is a folder, or a file with numbered segments beside it (or archived). */
    public static boolean isRotated(Path fileOrFolder) {
        if (Files.isDirectory(fileOrFolder)) {
            return true;
        }
        try {
            TreeMap<Long, Path> present = Segments.present(fileOrFolder);
            return present.size() > 1 || !present.isEmpty() && present.firstKey() > 0;
        } catch (IOException e) {
            throw new AuditException("cannot list the audit trail " + fileOrFolder + ": " + IoProblems.describe(e), e);
        }
    }

    /** A folder names the one trail in it: its one {@code .jsonl} file that is not a numbered segment. */
    public static Path baseOf(Path fileOrFolder) {
        if (!Files.isDirectory(fileOrFolder)) {
            return fileOrFolder;
        }
        List<Path> bases = new ArrayList<>();
        List<Path> numbered = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(fileOrFolder, "*.jsonl")) {
            for (Path file : files) {
                (NUMBERED.matcher(file.getFileName().toString()).matches() ? numbered : bases).add(file);
            }
        } catch (IOException e) {
            throw new AuditException("cannot list the folder " + fileOrFolder + ": " + IoProblems.describe(e), e);
        }
        if (bases.size() == 1) {
            return bases.get(0);
        }
        if (bases.isEmpty() && !numbered.isEmpty()) {
            // Segment 0 was archived: the trail is named by its segments.
            String name = numbered.get(0).getFileName().toString();
            return fileOrFolder.resolve(name.substring(0, name.length() - "-000000.jsonl".length()) + ".jsonl");
        }
        throw new AuditException(bases.isEmpty() ? "the audit file " + fileOrFolder + " is a directory, not a file, and holds no audit "
                + "trail (*.jsonl)"
                : "the folder " + fileOrFolder + " holds more than one trail (" + bases.stream()
                .map(p -> p.getFileName().toString()).sorted().toList() + "); name its file");
    }
}
