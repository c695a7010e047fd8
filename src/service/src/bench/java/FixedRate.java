import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * An open-loop load at a fixed rate, each request with its own pre-signed token (hey -q and h2load -r send one
 * fixed header with every request, which the service refuses as a replay after the first). Each latency is
 * counted from the moment the request was due, not from when it was sent, so a stall of the service (or of this
 * client) counts against the latency instead of being left out (no coordinated omission). At most 256 requests are
 * in flight: a service that falls behind makes the next ones wait for a free slot, and that wait counts against
 * their latency too, instead of the client opening ever more connections until it runs out of memory.
 * Usage: java FixedRate.java URL BODY_FILE TOKENS_FILE RATE SECONDS
 */
public class FixedRate {
    public static void main(String[] args) throws Exception {
        URI url = URI.create(args[0]);
        byte[] body = Files.readAllBytes(Path.of(args[1]));
        List<String> tokens = Files.readAllLines(Path.of(args[2]));
        int rate = Integer.parseInt(args[3]);
        int seconds = Integer.parseInt(args[4]);
        int total = rate * seconds;
        if (tokens.size() < total) {
            throw new IllegalArgumentException("need " + total + " tokens, have " + tokens.size());
        }
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(4)).connectTimeout(Duration.ofSeconds(5)).build();
        long[] latencies = new long[total];
        AtomicInteger errors = new AtomicInteger();
        AtomicInteger non200 = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(total);
        Semaphore inFlight = new Semaphore(256);
        long interval = 1_000_000_000L / rate;
        long start = System.nanoTime() + 50_000_000L;
        for (int i = 0; i < total; i++) {
            long due = start + i * interval;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            inFlight.acquire();
            int n = i;
            HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + tokens.get(i))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
                latencies[n] = System.nanoTime() - due;
                inFlight.release();
                if (failure != null) {
                    errors.incrementAndGet();
                } else if (response.statusCode() != 200) {
                    non200.incrementAndGet();
                }
                done.countDown();
            });
        }
        long sent = System.nanoTime();
        done.await();
        long end = System.nanoTime();
        Arrays.sort(latencies);
        System.out.printf("fixed rate %d req/s for %d s: %d requests, achieved %.1f req/s sent, %.1f req/s answered;"
                        + " %d non-200, %d errors%n", rate, seconds, total, total / ((sent - start) / 1e9),
                total / ((end - start) / 1e9), non200.get(), errors.get());
        System.out.printf("latency from the due time: p50 %.2f ms  p90 %.2f ms  p99 %.2f ms  p99.9 %.2f ms  max %.2f ms%n",
                at(latencies, 0.50), at(latencies, 0.90), at(latencies, 0.99), at(latencies, 0.999),
                latencies[total - 1] / 1e6);
        System.exit(0);
    }

    private static double at(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }
}
