package org.spinecare.advisor;

/**
 * A rule of the knowledge base as a clinician reviews it.
 *
 * @param id     stable identifier, never reused
 * @param name   the rule as a sentence
 * @param source the article section, or the guideline and its section, it comes from
 * @param basis  STATED, INFERRED or GUIDELINE
 * @param why    for INFERRED and GUIDELINE rules, the reasoning behind the rule; empty for STATED ones
 * @param file   the DRL file that holds it
 */
public record RuleInfo(String id, String name, String source, Basis basis, String why, String file) {
}
