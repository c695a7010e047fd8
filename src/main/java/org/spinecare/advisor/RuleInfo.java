package org.spinecare.advisor;

/**
 * A rule of the knowledge base as a clinician reviews it.
 *
 * @param id     stable identifier, never reused
 * @param name   the rule as a sentence
 * @param source the article section it comes from
 * @param basis  STATED or INFERRED
 * @param why    for INFERRED rules, the reasoning behind the inference; empty for STATED ones
 * @param file   the DRL file that holds it
 */
public record RuleInfo(String id, String name, String source, Basis basis, String why, String file) {
}
