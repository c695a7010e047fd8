package org.spinecare.advisor.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A validated CDS Hooks 2.0 {@code patient-view} call. Every check names the field it failed on.
 *
 * @param fhirServer  the client's FHIR base URL, or null
 * @param accessToken the bearer token for {@code fhirServer}, or null
 * @param prefetch    the prefetched resources by key, or an empty object
 */
record HookRequest(String hook, UUID hookInstance, URI fhirServer, String accessToken, String userId,
                   String patientId, ObjectNode prefetch) {

    static final String HOOK = "patient-view";
    // A FHIR id: 1 to 64 of these characters (FHIR R4 "id" datatype).
    private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");
    private static final Pattern USER = Pattern.compile("(Practitioner|PractitionerRole|Patient|RelatedPerson)/"
            + "[A-Za-z0-9\\-.]{1,64}");
    private static final Pattern BEARER_TOKEN = Pattern.compile("[\\x21-\\x7E]+");

    static HookRequest parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw RequestException.badRequest("$", "the request body must be a JSON object");
        }
        String hook = text(body, "hook", true);
        if (!HOOK.equals(hook)) {
            throw RequestException.badRequest("$.hook", "this service answers the patient-view hook only");
        }
        UUID hookInstance = uuid(text(body, "hookInstance", true));
        URI fhirServer = fhirServer(text(body, "fhirServer", false));
        String token = accessToken(body.get("fhirAuthorization"), fhirServer);
        JsonNode context = body.get("context");
        if (context == null || !context.isObject()) {
            throw RequestException.badRequest("$.context", "is required and must be an object");
        }
        String userId = text(context, "userId", true, "$.context.");
        if (!USER.matcher(userId).matches()) {
            throw RequestException.badRequest("$.context.userId",
                    "must be a FHIR reference such as Practitioner/123");
        }
        String patientId = text(context, "patientId", true, "$.context.");
        if (!FHIR_ID.matcher(patientId).matches()) {
            throw RequestException.badRequest("$.context.patientId", "must be a FHIR id (1 to 64 of A-Z a-z 0-9 - .)");
        }
        JsonNode prefetch = body.get("prefetch");
        if (prefetch != null && !prefetch.isNull() && !prefetch.isObject()) {
            throw RequestException.badRequest("$.prefetch", "must be an object of prefetch keys");
        }
        ObjectNode prefetched = prefetch instanceof ObjectNode o ? o : ((ObjectNode) body).objectNode();
        return new HookRequest(hook, hookInstance, fhirServer, token, userId, patientId, prefetched);
    }

    private static String text(JsonNode node, String name, boolean required) {
        return text(node, name, required, "$.");
    }

    private static String text(JsonNode node, String name, boolean required, String prefix) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            if (required) {
                throw RequestException.badRequest(prefix + name, "is required");
            }
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw RequestException.badRequest(prefix + name, "must be a non-empty string");
        }
        return value.asText();
    }

    private static UUID uuid(String text) {
        try {
            UUID id = UUID.fromString(text);
            // UUID.fromString accepts short forms such as 1-2-3-4-5; the spec means the canonical 36 characters.
            if (!id.toString().equals(text.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException();
            }
            return id;
        } catch (IllegalArgumentException e) {
            throw RequestException.badRequest("$.hookInstance", "must be a UUID (8-4-4-4-12 hex digits)");
        }
    }

    private static URI fhirServer(String text) {
        return text == null ? null : FhirBase.parse(text);
    }

    private static String accessToken(JsonNode auth, URI fhirServer) {
        if (auth == null || auth.isNull()) {
            return null;
        }
        if (!auth.isObject()) {
            throw RequestException.badRequest("$.fhirAuthorization", "must be an object");
        }
        if (fhirServer == null) {
            throw RequestException.badRequest("$.fhirServer", "is required when fhirAuthorization is given");
        }
        String type = text(auth, "token_type", true, "$.fhirAuthorization.");
        if (!"Bearer".equals(type)) {
            throw RequestException.badRequest("$.fhirAuthorization.token_type", "must be Bearer");
        }
        text(auth, "scope", true, "$.fhirAuthorization.");
        text(auth, "subject", true, "$.fhirAuthorization.");
        JsonNode expiresIn = auth.get("expires_in");
        if (expiresIn == null || !expiresIn.isIntegralNumber() || expiresIn.asLong() < 0) {
            throw RequestException.badRequest("$.fhirAuthorization.expires_in", "must be a whole number of seconds");
        }
        String token = text(auth, "access_token", true, "$.fhirAuthorization.");
        // It goes into an HTTP header: CR, LF, NUL or any other control character could split or end it there.
        if (!BEARER_TOKEN.matcher(token).matches()) {
            throw RequestException.badRequest("$.fhirAuthorization.access_token",
                    "must be printable ASCII without spaces or control characters");
        }
        return token;
    }
}
