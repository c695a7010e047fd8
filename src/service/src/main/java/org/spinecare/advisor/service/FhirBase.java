package org.spinecare.advisor.service;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The one place that decides which URLs the service may fetch from: the call's {@code fhirServer} (an http(s) base
 * with a host and a valid port, without credentials, query or fragment) and links under exactly that base, so a
 * page link can never send the client's bearer token to another server.
 */
final class FhirBase {
    private FhirBase() {
    }

    /** @throws RequestException 400 naming {@code $.fhirServer} */
    static URI parse(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw RequestException.badRequest("$.fhirServer", "must be an http or https URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
            throw RequestException.badRequest("$.fhirServer", "must be an http or https URL");
        }
        if (uri.getPort() != -1 && (uri.getPort() < 1 || uri.getPort() > 65535)) {
            throw RequestException.badRequest("$.fhirServer", "must have a port from 1 to 65535");
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw RequestException.badRequest("$.fhirServer",
                    "must be a FHIR base URL, without user information, query or fragment");
        }
        return uri;
    }

    /** The URL of a prefetch query (a template with the patient id filled in) on the base. */
    static URI query(URI base, String query) {
        return URI.create(base.toString().replaceAll("/+$", "") + "/" + query);
    }

    /** Whether {@code link} is on the same server (scheme, host, port) and under the same base path. */
    static boolean contains(URI base, URI link) {
        if (!link.isAbsolute() || link.getHost() == null || link.getRawUserInfo() != null) {
            return false;
        }
        String path = link.getRawPath() == null ? "" : link.getRawPath();
        String basePath = base.getRawPath() == null ? "" : base.getRawPath().replaceAll("/+$", "");
        // Dot segments, plain or percent-encoded, could climb out of the base on the server's side.
        boolean climbs = path.contains("/.") || path.toLowerCase(Locale.ROOT).contains("%2e");
        return origin(base).equalsIgnoreCase(origin(link)) && !climbs
                && (path.equals(basePath) || path.startsWith(basePath + "/"));
    }

    private static String origin(URI uri) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
    }
}
