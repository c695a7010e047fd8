package org.spinecare.advisor.service;

import io.javalin.http.Context;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.spinecare.advisor.service.handout.Handout;

/**
 * The pages the cards link to, by the audit record's request id: {@code /explanations/{id}} (the fired rules and
 * their sources, for the clinician who wants the why) and {@code /handouts/{id}} (the printable patient handout;
 * {@code ?name=} prints a display name on it). The id is a random UUID that only the EHR receiving the card learns;
 * neither page names the patient.
 */
final class AnswerPages {
    static final String EXPLANATIONS = "/explanations/";
    static final String HANDOUTS = "/handouts/";
    /** Names longer than this are refused rather than printed cut. */
    private static final int MAX_NAME = 100;

    private final KeptAnswers answers;

    AnswerPages(KeptAnswers answers) {
        this.answers = answers;
    }

    /** The card's links to this answer's pages on the service at {@code base}. */
    static List<Card.Link> links(URI base, UUID requestId) {
        String root = base.toString().replaceAll("/+$", "");
        return List.of(Card.Link.absolute("Patient handout (print)", root + HANDOUTS + requestId),
                Card.Link.absolute("Why: the rules and sources behind this answer", root + EXPLANATIONS + requestId));
    }

    void explanation(Context ctx) {
        html(ctx, ExplanationPage.html(kept(ctx)));
    }

    void handout(Context ctx) {
        String name = ctx.queryParam("name");
        if (name != null && (name.length() > MAX_NAME || name.chars().anyMatch(Character::isISOControl))) {
            throw RequestException.badRequest("name", "must be at most " + MAX_NAME + " printable characters");
        }
        html(ctx, Handout.html(kept(ctx).assessment(), name));
    }

    private KeptAnswers.Kept kept(Context ctx) {
        UUID id;
        try {
            id = UUID.fromString(ctx.pathParam("id"));
        } catch (IllegalArgumentException e) {
            throw RequestException.badRequest("id", "must be the request id of a card's answer (a UUID)");
        }
        return answers.get(id).orElseThrow(() -> new RequestException(404, "id", "no answer with this id is kept "
                + "here (answers are kept in memory since the service started; see docs/cds-hooks.md)"));
    }

    private static void html(Context ctx, String page) {
        // The pages load nothing from elsewhere and run no script.
        ctx.header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src data:");
        ctx.header("Cache-Control", "no-store");
        ctx.contentType("text/html; charset=utf-8").result(page);
    }
}
