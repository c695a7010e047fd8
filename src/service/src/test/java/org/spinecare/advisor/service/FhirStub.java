package org.spinecare.advisor.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A FHIR server stand-in on loopback (the JDK's HttpServer) under {@code /fhir}: each request path and query (after
 * the base) answers as set up, anything else 404. Records the requests and their Authorization headers.
 */
final class FhirStub implements AutoCloseable {
    interface Answer {
        void send(HttpExchange exchange) throws IOException;
    }

    final List<String> requested = new CopyOnWriteArrayList<>();
    final List<String> authorizations = new CopyOnWriteArrayList<>();
    /** Slow answers the client stopped reading. */
    final java.util.concurrent.atomic.AtomicInteger hungUp = new java.util.concurrent.atomic.AtomicInteger();
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final HttpServer server;

    FhirStub() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::answer);
        server.setExecutor(threads);
        server.start();
    }

    /** The base URL, {@code http://127.0.0.1:PORT/fhir}. */
    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/fhir";
    }

    FhirStub json(String query, JsonNode body) {
        answers.put(query, exchange -> send(exchange, 200, body.toString().getBytes(StandardCharsets.UTF_8)));
        return this;
    }

    FhirStub status(String query, int status) {
        answers.put(query, exchange -> send(exchange, status, new byte[0]));
        return this;
    }

    FhirStub redirect(String query, String location) {
        answers.put(query, exchange -> {
            exchange.getResponseHeaders().add("Location", location);
            send(exchange, 302, new byte[0]);
        });
        return this;
    }

    /** The body one byte at a time, {@code pause} apart: a server that never times out a read. */
    FhirStub slow(String query, JsonNode body, Duration pause) {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        answers.put(query, exchange -> {
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                for (byte b : bytes) {
                    out.write(b);
                    out.flush();
                    Thread.sleep(pause.toMillis());
                }
            } catch (IOException | InterruptedException e) {
                // The service hung up, as it should at its deadline.
                hungUp.incrementAndGet();
            }
        });
        return this;
    }

    private void answer(HttpExchange exchange) throws IOException {
        String uri = exchange.getRequestURI().toString();
        String query = uri.startsWith("/fhir/") ? uri.substring("/fhir/".length()) : uri;
        requested.add(query);
        authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
        Answer answer = answers.get(query);
        if (answer == null) {
            send(exchange, 404, new byte[0]);
        } else {
            answer.send(exchange);
        }
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public synchronized void close() {
        if (threads.isShutdown()) {
            return;
        }
        server.stop(0);
        threads.shutdownNow();
    }
}
