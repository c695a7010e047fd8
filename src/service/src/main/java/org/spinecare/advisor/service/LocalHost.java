package org.spinecare.advisor.service;

import io.javalin.http.Context;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Development mode answers only requests that name this machine's loopback in {@code Host}: a page on another site
 * that makes the browser resolve its own name to 127.0.0.1 (DNS rebinding) sends that name, and is refused.
 */
final class LocalHost {
    private static final Pattern LOOPBACK = Pattern.compile("(localhost|127\\.0\\.0\\.1|\\[::1])(:\\d{1,5})?");

    private LocalHost() {
    }

    static void require(Context ctx) {
        String host = ctx.header("Host");
        if (host == null || !LOOPBACK.matcher(host.toLowerCase(Locale.ROOT)).matches()) {
            throw new RequestException(421, "Host", "development mode answers only localhost, 127.0.0.1 or [::1]");
        }
    }
}
