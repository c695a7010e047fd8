package org.spinecare.advisor.service;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * The accessibility checks the browser test makes on the page as Chromium rendered it (WCAG 2.1 AA, the parts a
 * DOM and a stylesheet show): a language, one banner, main and h1, no skipped heading level, every form control
 * with a visible label, every link and button with text, every figure with a title, and text colours of the
 * stylesheet against its backgrounds with a contrast of at least 4.5:1.
 */
final class PageAccessibility {
    private static final Pattern COLOR = Pattern.compile("(?<![-\\w])(color|background)\\s*:\\s*(#[0-9a-fA-F]{6})");

    private PageAccessibility() {
    }

    /** The problems found, one line each; empty when the page passes. */
    static List<String> problems(String dom, String css) {
        Document page = Jsoup.parse(dom);
        List<String> problems = new ArrayList<>();
        if (page.selectFirst("html[lang]") == null || page.selectFirst("html").attr("lang").isBlank()) {
            problems.add("the page has no language");
        }
        for (String landmark : List.of("header", "main", "h1")) {
            if (page.select(landmark).size() != 1) {
                problems.add("expected one <" + landmark + ">, found " + page.select(landmark).size());
            }
        }
        int level = 0;
        for (Element heading : page.select("h1, h2, h3, h4, h5, h6")) {
            int next = heading.tagName().charAt(1) - '0';
            if (next > level + 1) {
                problems.add("heading level skipped before: " + heading.text());
            }
            level = next;
        }
        for (Element control : page.select("input:not([type=hidden]), select, textarea")) {
            Element label = control.closest("label");
            if (label == null && !control.id().isEmpty()) {
                label = page.selectFirst("label[for=" + control.id() + "]");
            }
            if ((label == null || label.ownText().isBlank()) && control.attr("aria-label").isBlank()) {
                problems.add("form control without a label: " + control.attr("name"));
            }
        }
        for (Element link : page.select("a")) {
            if (link.text().isBlank() || link.attr("href").isBlank()) {
                problems.add("link without text or target: " + link.outerHtml());
            }
        }
        for (Element button : page.select("button")) {
            if (button.text().isBlank()) {
                problems.add("button without text");
            }
        }
        for (Element svg : page.select("svg")) {
            if (svg.selectFirst("title") == null && svg.attr("aria-label").isBlank()) {
                problems.add("figure without a title");
            }
        }
        problems.addAll(contrast(css));
        return problems;
    }

    /** Every text colour of the stylesheet against white and against every background it declares. */
    static List<String> contrast(String css) {
        Set<String> texts = new LinkedHashSet<>();
        Set<String> backgrounds = new LinkedHashSet<>(List.of("#ffffff"));
        Matcher m = COLOR.matcher(css);
        while (m.find()) {
            (m.group(1).equals("color") ? texts : backgrounds).add(m.group(2).toLowerCase());
        }
        List<String> problems = new ArrayList<>();
        for (String text : texts) {
            for (String background : backgrounds) {
                double ratio = ratio(text, background);
                if (ratio < 4.5) {
                    problems.add(String.format("contrast %.2f:1 of %s on %s is below 4.5:1", ratio, text, background));
                }
            }
        }
        return problems;
    }

    static double ratio(String a, String b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double luminance(String hex) {
        double[] c = new double[3];
        for (int i = 0; i < 3; i++) {
            double v = Integer.parseInt(hex.substring(1 + 2 * i, 3 + 2 * i), 16) / 255.0;
            c[i] = v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    }
}
