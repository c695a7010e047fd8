package org.spinecare.advisor.impact;

import java.util.Locale;
import java.util.Map;

/**
 * The impact summary as one self-contained HTML page: no script, no style sheet or font from elsewhere; the
 * transition matrix is an inline SVG chart whose cells are shaded by their share of the patients.
 */
public final class HtmlReport {
    private static final int CELL = 96;
    private static final int LABEL = 110;

    private HtmlReport() {
    }

    public static String of(ImpactSummary s, String fromJarSha256, String toJarSha256) {
        StringBuilder h = new StringBuilder();
        String title = "Release impact: " + s.from().releaseId() + " to " + s.to().releaseId();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(esc(title))
                .append("</title>\n<style>body{font-family:sans-serif;margin:2em;max-width:60em}"
                        + "table{border-collapse:collapse}td,th{border:1px solid #999;padding:.2em .6em}"
                        + "td.n{text-align:right}.bad{color:#a00;font-weight:bold}</style></head><body>\n");
        h.append("<h1>").append(esc(title)).append("</h1>\n<table><tr><th></th><th>release</th><th>rules SHA-256</th>"
                + "<th>kjar SHA-256</th></tr>\n");
        row(h, "from", s.from().releaseId(), s.from().rulesSha256(), fromJarSha256);
        row(h, "to", s.to().releaseId(), s.to().rulesSha256(), toJarSha256);
        h.append("</table>\n<ul>");
        h.append(String.format(Locale.ROOT, "<li>patients compared: %d (invalid lines: %d)</li>", s.patients(),
                s.invalid()));
        h.append(String.format(Locale.ROOT, "<li>answers changed: %d</li>", s.changed()));
        h.append(String.format(Locale.ROOT, "<li class=\"%s\">answers less safe: %d</li>",
                s.lessSafe() > 0 ? "bad" : "", s.lessSafe()));
        h.append(String.format(Locale.ROOT, "<li>no answer: %d from the old release, %d from the new</li>",
                s.fromFailed(), s.toFailed()));
        h.append(String.format(Locale.ROOT, "<li>patients with facts the old release does not model: %d; the new "
                + "release: %d</li></ul>\n", s.fromNotModelled(), s.toNotModelled()));
        h.append("<h2>Triage transitions</h2>\n<p>Rows: old release; columns: new release.</p>\n");
        matrix(h, s.matrix(), Math.max(1, s.patients()));
        h.append("<h2>Less safe, by reason</h2>\n<table><tr><th>reason</th><th>patients</th></tr>\n");
        for (PatientImpact.LessSafe kind : PatientImpact.LessSafe.values()) {
            h.append("<tr><td>").append(kind).append("</td><td class=\"n\">")
                    .append(s.lessSafeByKind().getOrDefault(kind.name(), 0L)).append("</td></tr>\n");
        }
        h.append("</table>\n");
        table(h, "Advice gained and lost", "advice", "gained", "lost", s.advice());
        table(h, "Contraindications gained and lost", "technique", "gained", "lost", s.contraindications());
        table(h, "Rules whose firing changed", "rule", "now fires", "no longer fires", s.rules());
        return h.append("</body></html>\n").toString();
    }

    private static void matrix(StringBuilder h, long[][] m, long total) {
        String[] labels = MarkdownReport.labels();
        int size = LABEL + CELL * labels.length;
        h.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "role=\"img\" aria-label=\"triage transition matrix\" font-family=\"sans-serif\" "
                + "font-size=\"12\">\n", size, size));
        for (int i = 0; i < labels.length; i++) {
            h.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>\n",
                    LABEL + CELL * i + CELL / 2, LABEL - 10, esc(labels[i])));
            h.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>\n",
                    LABEL - 8, LABEL + CELL * i + CELL / 2 + 4, esc(labels[i])));
            for (int j = 0; j < labels.length; j++) {
                double share = (double) m[i][j] / total;
                // Off the diagonal in red, on it in blue: a change of triage is what the board has to read.
                String hue = i == j ? "210" : "0";
                int light = (int) Math.round(97 - 55 * Math.sqrt(share));
                h.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" "
                        + "fill=\"hsl(%s,70%%,%d%%)\" stroke=\"#fff\"><title>%s to %s: %d</title></rect>\n",
                        LABEL + CELL * j, LABEL + CELL * i, CELL, CELL, hue, light, esc(labels[i]),
                        esc(labels[j]), m[i][j]));
                h.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" fill=\"%s\">"
                        + "%d</text>\n", LABEL + CELL * j + CELL / 2, LABEL + CELL * i + CELL / 2 + 4,
                        light < 60 ? "#fff" : "#000", m[i][j]));
            }
        }
        h.append("</svg>\n");
    }

    private static void row(StringBuilder h, String side, String release, String rules, String jar) {
        h.append("<tr><th>").append(side).append("</th><td>").append(esc(release)).append("</td><td><code>")
                .append(esc(rules)).append("</code></td><td><code>").append(esc(jar)).append("</code></td></tr>\n");
    }

    private static void table(StringBuilder h, String title, String what, String up, String down,
                              Map<String, long[]> rows) {
        h.append("<h2>").append(title).append("</h2>\n<p>In patients.</p>\n<table><tr><th>").append(what)
                .append("</th><th>").append(up).append("</th><th>").append(down).append("</th></tr>\n");
        rows.forEach((code, n) -> h.append("<tr><td>").append(esc(code)).append("</td><td class=\"n\">").append(n[0])
                .append("</td><td class=\"n\">").append(n[1]).append("</td></tr>\n"));
        h.append("</table>\n");
    }

    static String esc(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
