package org.spinecare.advisor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The hostile and malformed inputs: the files under {@code src/core/src/test/resources/malformed/} with the error code and
 * JSON path that {@code expected.tsv} gives for each, plus inputs too large to commit, generated here.
 */
public final class MalformedCases {
    /** From the project root, where the tests of both modules run; the command line's tests read the same files. */
    public static final Path DIRECTORY = Path.of("src/core/src/test/resources/malformed");

    /** One input and the error it must give. */
    public record Case(String name, byte[] json, InvalidFactsException.Code code, String path) {
        @Override
        public String toString() {
            return name;
        }
    }

    private MalformedCases() {
    }

    /** Every committed file, in the order of the index. */
    public static List<Case> files() {
        List<Case> cases = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(DIRECTORY.resolve("expected.tsv"), StandardCharsets.UTF_8)) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] columns = line.split("\t", -1);
                if (columns.length != 3) {
                    throw new IllegalStateException("expected.tsv: file, code and path per line: " + line);
                }
                cases.add(new Case(columns[0], Files.readAllBytes(DIRECTORY.resolve(columns[0])),
                        InvalidFactsException.Code.valueOf(columns[1]), columns[2]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return cases;
    }

    /** Inputs built at test time because they are too large to commit. */
    public static List<Case> generated() {
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("multi-megabyte-string", json("{\"patientRef\": \"" + "x".repeat(5 * 1024 * 1024) + "\"}"),
                InvalidFactsException.Code.TOO_LARGE, "$"));
        cases.add(new Case("multi-megabyte-whitespace", json(" ".repeat(3 * 1024 * 1024)),
                InvalidFactsException.Code.TOO_LARGE, "$"));
        cases.add(new Case("string-just-under-the-size-cap", json("{\"patientRef\": \""
                + "y".repeat(SpineJson.MAX_DOCUMENT_BYTES - 100) + "\"}"),
                InvalidFactsException.Code.OUT_OF_RANGE, "$.patientRef"));
        StringBuilder keys = new StringBuilder("{\"findings\": {");
        for (int i = 0; i < 200_000; i++) {
            keys.append(i == 0 ? "" : ", ").append("\"K").append(i).append("\": \"PRESENT\"");
        }
        cases.add(new Case("two-hundred-thousand-findings-keys", json(keys.append("}}").toString()),
                InvalidFactsException.Code.TOO_LARGE, "$"));
        StringBuilder repeated = new StringBuilder("{\"findings\": {\"FEVER\": \"ABSENT\"");
        while (repeated.length() < SpineJson.MAX_DOCUMENT_BYTES - 100) {
            repeated.append(", \"FEVER\": \"ABSENT\"");
        }
        cases.add(new Case("thousands-of-repeated-findings-keys", json(repeated.append("}}").toString()),
                InvalidFactsException.Code.DUPLICATE_KEY, "$.findings.FEVER"));
        cases.add(new Case("deep-nesting-one-million-levels", json("[".repeat(1_000_000)),
                InvalidFactsException.Code.TOO_LARGE, "$"));
        cases.add(new Case("deep-nesting-within-the-size-cap", json("{\"findings\": " + "[".repeat(60_000)),
                InvalidFactsException.Code.TOO_DEEP, "$"));
        return cases;
    }

    public static List<Case> all() {
        List<Case> all = new ArrayList<>(files());
        all.addAll(generated());
        return all;
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
