package org.spinecare.advisor.service.handout;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.spinecare.advisor.Assessment;
import org.spinecare.advisor.Contraindication;
import org.spinecare.advisor.Recommendation;
import org.spinecare.advisor.fhir.ClinicalLabels;
import org.spinecare.kb.TriageLevel;

/**
 * The patient handout of one answer: a printable HTML page (print stylesheet; the browser's "print to PDF" makes
 * the PDF) in plain language: the triage instruction first, then each recommended technique with its steps, dose,
 * limits and a figure, then what not to do and why, and when to get help. No script, no external image or style,
 * and no patient identifier: only the display name the clinic passes for printing, if any.
 */
public final class Handout {
    private Handout() {
    }

    /** @param displayName the name to print on the sheet, or null to print none */
    public static String html(Assessment a, String displayName) {
        HandoutTexts texts = HandoutTexts.get();
        StringBuilder h = new StringBuilder();
        h.append("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
         .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
         .append("<title>Your lower back: what to do</title>\n<style>").append(HandoutStyle.CSS).append("</style>\n")
         .append("</head>\n<body>\n<main>\n<header>\n<h1>Your lower back: what to do</h1>\n");
        if (displayName != null && !displayName.isBlank()) {
            h.append("<p class=\"for\">For ").append(escape(displayName.strip())).append("</p>\n");
        }
        h.append("</header>\n");
        first(h, a, texts);
        List<Recommendation> advice = a.recommendations();
        List<Recommendation> rest = advice.subList(a.triage() == TriageLevel.SELF_CARE || advice.isEmpty() ? 0 : 1,
                advice.size());
        if (!rest.isEmpty()) {
            h.append("<section aria-labelledby=\"todo\">\n<h2 id=\"todo\">What to do</h2>\n");
            rest.forEach(r -> section(h, r, texts.advice().get(r.code())));
            h.append("</section>\n");
        }
        doNot(h, a, texts);
        seekHelp(h, texts.seekHelp());
        h.append("<footer><p>Printed from the spine advisor (knowledge base ")
         .append(escape(a.knowledgeBase().releaseId())).append("). It does not replace your doctor's advice: ")
         .append("if anything here does not suit you, ask them.</p></footer>\n</main>\n</body>\n</html>\n");
        return h.toString();
    }

    private static void first(StringBuilder h, Assessment a, HandoutTexts texts) {
        String title;
        String text;
        if (a.triage() == TriageLevel.SELF_CARE) {
            title = texts.selfCare().title();
            text = texts.selfCare().text();
        } else if (!a.recommendations().isEmpty()) {
            Recommendation escalation = a.recommendations().get(0);
            title = ClinicalLabels.advice(escalation.code());
            text = texts.advice().get(escalation.code()).text();
        } else {
            title = ClinicalLabels.triage(a.triage());
            text = "Ask your doctor what to do next.";
        }
        h.append("<section class=\"first ").append(a.triage().name().toLowerCase(java.util.Locale.ROOT))
         .append("\" aria-labelledby=\"first\">\n<h2 id=\"first\">First: ").append(escape(title)).append("</h2>\n<p>")
         .append(escape(text)).append("</p>\n</section>\n");
    }

    private static void section(StringBuilder h, Recommendation r, HandoutTexts.Section text) {
        h.append("<article class=\"").append(text.figure() != null ? "technique" : "note").append("\">\n<h3>")
         .append(escape(ClinicalLabels.advice(r.code())))
         .append("</h3>\n");
        if (text.figure() != null) {
            h.append("<figure>").append(text.figure()).append("</figure>\n");
        }
        h.append("<p>").append(escape(text.text())).append("</p>\n");
        if (!text.steps().isEmpty()) {
            h.append("<ol>\n");
            text.steps().forEach(step -> h.append("<li>").append(escape(step)).append("</li>\n"));
            h.append("</ol>\n");
        }
        if (text.dose() != null) {
            h.append("<p class=\"dose\"><strong>How much:</strong> ").append(escape(text.dose())).append("</p>\n");
        }
        List<String> forYou = new ArrayList<>(r.instructions());
        forYou.removeAll(r.code().instructions());
        for (String line : forYou) {
            h.append("<p class=\"dose\"><strong>For you:</strong> ").append(escape(line)).append("</p>\n");
        }
        h.append("</article>\n");
    }

    /** Techniques with the same reasons in one item, so that a patient reads four reasons, not twelve lines. */
    private static void doNot(StringBuilder h, Assessment a, HandoutTexts texts) {
        if (a.contraindications().isEmpty()) {
            return;
        }
        Map<String, List<String>> byReasons = new LinkedHashMap<>();
        for (Contraindication c : a.contraindications()) {
            String why = c.reasons().stream().map(texts.reasons()::get).collect(Collectors.joining("; "));
            byReasons.computeIfAbsent(why, k -> new ArrayList<>()).add(lowerFirst(ClinicalLabels.advice(c.code())));
        }
        h.append("<section aria-labelledby=\"donot\">\n<h2 id=\"donot\">What not to do, and why</h2>\n<ul>\n");
        byReasons.forEach((why, advice) -> h.append("<li><strong>No ").append(escape(String.join(", ", advice)))
                .append("</strong>, because ").append(escape(why)).append(".</li>\n"));
        h.append("</ul>\n</section>\n");
    }

    private static void seekHelp(StringBuilder h, HandoutTexts.SeekHelp help) {
        h.append("<section class=\"help\" aria-labelledby=\"help\">\n<h2 id=\"help\">When to get help</h2>\n")
         .append("<p><strong>Go to an emergency department or call an ambulance at once</strong> if you notice:</p>\n");
        list(h, help.emergency());
        h.append("<p><strong>See a doctor within a day or two</strong> if you have:</p>\n");
        list(h, help.soon());
        // Routine-review features (knowledge base 3.0.0): a visit, not a same-day one, and self-care meanwhile.
        h.append("<p><strong>Book a visit with your doctor or physical therapist</strong> if you have:</p>\n");
        list(h, help.routine());
        h.append("</section>\n");
    }

    private static void list(StringBuilder h, List<String> items) {
        h.append("<ul>\n");
        items.forEach(item -> h.append("<li>").append(escape(item)).append("</li>\n"));
        h.append("</ul>\n");
    }

    private static String lowerFirst(String label) {
        return Character.toLowerCase(label.charAt(0)) + label.substring(1);
    }

    /** Text as HTML element content or attribute value. */
    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
