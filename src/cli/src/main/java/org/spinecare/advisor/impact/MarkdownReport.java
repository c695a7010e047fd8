package org.spinecare.advisor.impact;

import java.util.Locale;
import java.util.Map;
import org.spinecare.kb.TriageLevel;

/** The impact summary as Markdown, for a governance board's review (docs/releases.md shows how to read it). */
public final class MarkdownReport {
    private MarkdownReport() {
    }

    public static String of(ImpactSummary s, String fromJarSha256, String toJarSha256) {
        StringBuilder md = new StringBuilder();
        md.append("# Release impact: ").append(s.from().releaseId()).append(" to ").append(s.to().releaseId())
                .append("\n\n");
        md.append("| | release | rules SHA-256 | kjar SHA-256 |\n|---|---|---|---|\n");
        md.append("| from | ").append(s.from().releaseId()).append(" | `").append(s.from().rulesSha256())
                .append("` | `").append(fromJarSha256).append("` |\n");
        md.append("| to | ").append(s.to().releaseId()).append(" | `").append(s.to().rulesSha256())
                .append("` | `").append(toJarSha256).append("` |\n\n");
        md.append(String.format(Locale.ROOT, "- patients compared: %d (invalid lines: %d)%n", s.patients(), s.invalid()));
        md.append(String.format(Locale.ROOT, "- answers changed: %d%n", s.changed()));
        md.append(String.format(Locale.ROOT, "- **answers less safe: %d**%n", s.lessSafe()));
        md.append(String.format(Locale.ROOT, "- no answer: %d from the old release, %d from the new%n",
                s.fromFailed(), s.toFailed()));
        md.append(String.format(Locale.ROOT, "- patients with facts the old release does not model (it was not told "
                + "them): %d; the new release: %d%n%n", s.fromNotModelled(), s.toNotModelled()));

        md.append("## Triage transitions\n\nRows: old release; columns: new release.\n\n| from \\ to |");
        for (String label : labels()) {
            md.append(' ').append(label).append(" |");
        }
        md.append("\n|---|").append("---:|".repeat(labels().length)).append('\n');
        long[][] matrix = s.matrix();
        for (int i = 0; i < matrix.length; i++) {
            md.append("| ").append(labels()[i]).append(" |");
            for (long count : matrix[i]) {
                md.append(' ').append(count).append(" |");
            }
            md.append('\n');
        }
        md.append("\n## Less safe, by reason\n\n| reason | patients |\n|---|---:|\n");
        for (PatientImpact.LessSafe kind : PatientImpact.LessSafe.values()) {
            md.append("| ").append(kind).append(" | ").append(s.lessSafeByKind().getOrDefault(kind.name(), 0L))
                    .append(" |\n");
        }
        table(md, "Advice gained and lost", "advice", "gained", "lost", s.advice());
        table(md, "Contraindications gained and lost", "technique", "gained", "lost", s.contraindications());
        table(md, "Rules whose firing changed", "rule", "now fires", "no longer fires", s.rules());
        return md.toString();
    }

    /** Row and column labels of the transition matrix: the triage levels, then "no answer". */
    static String[] labels() {
        String[] labels = new String[TriageLevel.values().length + 1];
        for (TriageLevel level : TriageLevel.values()) {
            labels[level.ordinal()] = level.name();
        }
        labels[ImpactSummary.NO_ANSWER] = "NO_ANSWER";
        return labels;
    }

    private static void table(StringBuilder md, String title, String what, String up, String down,
                              Map<String, long[]> rows) {
        md.append("\n## ").append(title).append("\n\nIn patients.\n\n| ").append(what).append(" | ").append(up)
                .append(" | ").append(down).append(" |\n|---|---:|---:|\n");
        rows.forEach((code, n) -> md.append("| ").append(code).append(" | ").append(n[0]).append(" | ")
                .append(n[1]).append(" |\n"));
        if (rows.isEmpty()) {
            md.append("| (none) | 0 | 0 |\n");
        }
    }
}
