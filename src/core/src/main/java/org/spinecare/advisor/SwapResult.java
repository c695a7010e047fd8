package org.spinecare.advisor;

/**
 * The outcome of {@link SpineAdvisor#swap}: which release answers from now on, and, when the offered release was
 * refused, why.
 *
 * @param swapped  true when the offered release is now live
 * @param live     the release answering calls after the swap (the previous one when refused)
 * @param previous the release that was live before the call
 * @param offered  the release offered, or null when it could not even be loaded
 * @param reason   why it was refused; null when swapped
 */
public record SwapResult(boolean swapped, KnowledgeBaseInfo live, KnowledgeBaseInfo previous,
                         KnowledgeBaseInfo offered, String reason) {

    static SwapResult swapped(KnowledgeBaseInfo previous, KnowledgeBaseInfo offered) {
        return new SwapResult(true, offered, previous, offered, null);
    }

    static SwapResult rejected(KnowledgeBaseInfo live, KnowledgeBaseInfo offered, String reason) {
        return new SwapResult(false, live, live, offered, reason);
    }
}
