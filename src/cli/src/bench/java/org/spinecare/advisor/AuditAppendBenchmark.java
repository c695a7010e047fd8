package org.spinecare.advisor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.spinecare.advisor.audit.AuditKey;
import org.spinecare.advisor.audit.AuditSigningKey;
import org.spinecare.advisor.audit.HeadPolicy;
import org.spinecare.advisor.audit.JsonLinesAuditTrail;
import org.spinecare.advisor.audit.PostgresAuditTrail;
import org.spinecare.advisor.audit.PostgresServer;

/**
 * Appends to the audit trail: every call returns once its record is durable (forced to disk; or committed by
 * PostgreSQL, which flushes its log first), so the score is durable records per second. {@code heads}: none (no
 * signing key), {@code every-commit} (a signed head in every commit group: a record returns only under one) or
 * {@code 1000-or-1s} (the service's policy, {@link HeadPolicy}: a head every 1,000 records or 1 s). One and eight threads, in one run, for the file trail (one shared trail, group commit), the
 * database trail with one writer (one session, group commit) and with four writers (four sessions, so four
 * transactions compete for the head row). The file lies under src/cli/target and the database (started by
 * {@link PostgresServer} with fsync on) under /tmp, both on the work disk, not on a tmpfs. The entries are real
 * assessments of the benchmark patients.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 4)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class AuditAppendBenchmark {
    @Param({"none", "every-commit", "1000-or-1s"})
    String heads;

    @Param({"file", "postgres", "postgres-4-writers"})
    String store;

    private Path directory;
    private AuditTrail[] trails;
    private PatientFacts[] facts;
    private Assessment[] assessments;
    private final AtomicInteger next = new AtomicInteger();

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        BenchPatients patients = new BenchPatients();
        facts = new PatientFacts[64];
        assessments = new Assessment[facts.length];
        try (SpineAdvisor advisor = SpineAdvisor.create()) {
            for (int i = 0; i < facts.length; i++) {
                facts[i] = patients.facts[i];
                assessments[i] = advisor.assess(facts[i]);
            }
        }
        Path target = Files.createDirectories(Path.of("src/cli/target"));
        directory = Files.createTempDirectory(target, "audit-bench-");
        AuditKey key = AuditKey.generate();
        AuditSigningKey signer = heads.equals("none") ? null : AuditSigningKey.generate();
        HeadPolicy policy = heads.equals("1000-or-1s") ? HeadPolicy.every(1000, 1000) : HeadPolicy.EVERY_COMMIT;
        if (store.equals("file")) {
            trails = new AuditTrail[] {JsonLinesAuditTrail.builder(directory.resolve("audit.jsonl"), key)
                    .signer(signer).headPolicy(policy).open()};
            return;
        }
        PostgresServer server = PostgresServer.shared();
        String table = server.freshTable("bench");
        trails = new AuditTrail[store.equals("postgres") ? 1 : 4];
        for (int i = 0; i < trails.length; i++) {
            trails[i] = PostgresAuditTrail.builder(server.dataSource(), key).table(table).signer(signer)
                    .headPolicy(policy).open();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        for (AuditTrail trail : trails) {
            trail.close();
        }
        try (var files = Files.list(directory)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(directory);
    }

    @Benchmark
    @Threads(1)
    public void oneThread() {
        append();
    }

    @Benchmark
    @Threads(8)
    public void eightThreads() {
        append();
    }

    private void append() {
        int n = next.getAndIncrement();
        int i = Math.floorMod(n, facts.length);
        trails[Math.floorMod(n, trails.length)].record(new AuditEntry(UUID.randomUUID(), Instant.now(), "bench", facts[i], assessments[i]));
    }
}
