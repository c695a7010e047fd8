package org.spinecare.advisor.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;

/**
 * Request metrics in the Prometheus text format. Labels are the route template and the status, never the path
 * actually called or anything from the body, so no patient identifier reaches a metric.
 */
final class ServiceMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    void request(String method, String route, int status, Duration took) {
        Timer.builder("cds_http_requests")
                .description("HTTP requests by route template and status")
                .tag("method", method).tag("route", route).tag("status", Integer.toString(status))
                .publishPercentileHistogram()
                .register(registry)
                .record(took);
    }

    void cards(String indicator, int count) {
        Counter.builder("cds_cards").description("Cards given, by indicator").tag("indicator", indicator)
                .register(registry).increment(count);
    }

    String scrape() {
        return registry.scrape();
    }
}
