package org.spinecare.advisor;

/**
 * Which knowledge base produced an assessment.
 *
 * @param releaseId   the kjar's group:artifact:version
 * @param rulesSha256 SHA-256 of the rule sources, computed when the kjar was built and checked at start-up
 */
public record KnowledgeBaseInfo(String releaseId, String rulesSha256) {
}
