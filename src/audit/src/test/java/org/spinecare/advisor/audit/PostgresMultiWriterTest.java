package org.spinecare.advisor.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.spinecare.advisor.AuditEntry;
import org.spinecare.advisor.audit.AuditVerifier.Verification;

/**
 * Several writers on one table at once (docs/audit.md, Database trail): writers in this JVM, each with its own
 * database session and several threads, and writers in other processes, one of them killed mid-stream.
 */
class PostgresMultiWriterTest {
    private static final int WRITERS = 3;
    private static final int THREADS = 4;
    private static final int PER_THREAD = 40;
    private static final int CHILD_RECORDS = 120;

    @Test
    void writers_in_several_processes_and_threads_at_once_leave_one_chain_holding_every_confirmed_record()
            throws Exception {
        // Given a table, two writer processes (one to be killed with SIGKILL) and three writers in this JVM with
        // four threads each, every writer also giving feedback on an assessment another writer recorded
        PostgresServer server = PostgresServer.shared();
        String table = server.freshTable("writers");
        PostgresAuditTrailTest.open(table).close();
        Child survivor = new Child(server, table);
        Child killed = new Child(server, table);
        List<PostgresAuditTrail> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            writers.add(PostgresAuditTrailTest.open(table));
        }
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS * THREADS);
        CountDownLatch start = new CountDownLatch(1);
        Map<Integer, Future<List<UUID>>> threads = new HashMap<>();
        try {
            for (int w = 0; w < WRITERS; w++) {
                for (int t = 0; t < THREADS; t++) {
                    PostgresAuditTrail writer = writers.get(w);
                    String name = "w" + w + "t" + t;
                    threads.put(w * THREADS + t, pool.submit(() -> {
                        start.await();
                        List<UUID> mine = new ArrayList<>();
                        for (int i = 0; i < PER_THREAD; i++) {
                            AuditEntry entry = AuditFixtures.entry(name + "-" + i, i);
                            writer.record(entry);
                            mine.add(entry.requestId());
                        }
                        return mine;
                    }));
                }
            }

            // When they all append at once, and one child is killed part way
            start.countDown();
            assertTrue(killed.reported(30), "the child to be killed did not start appending");
            killed.process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            Map<Integer, List<UUID>> written = new HashMap<>();
            for (Map.Entry<Integer, Future<List<UUID>>> thread : threads.entrySet()) {
                written.put(thread.getKey(), thread.getValue().get(120, TimeUnit.SECONDS));
            }
            for (int w = 0; w < WRITERS; w++) {
                UUID othersAssessment = written.get(((w + 1) % WRITERS) * THREADS).get(0);
                writers.get(w).recordFeedback(FeedbackRecordTest.overridden(othersAssessment));
            }
            assertTrue(survivor.process.waitFor(120, TimeUnit.SECONDS), "the surviving child did not finish");
            survivor.join();
            killed.join();

            // Then the table is one chain under its signed head, MACs checked, holding every record each writer
            // confirmed exactly once, each thread's in its order, and nothing else but the feedback
            Map<UUID, Long> seqById = new HashMap<>();
            List<FeedbackRecord> feedback = new ArrayList<>();
            Verification v = AuditTableVerifier.verify(server.dataSource(), table, AuditFixtures.SIGNER.publicKey(),
                    List.of(AuditFixtures.KEY), record -> {
                        if (record instanceof AuditRecord r) {
                            assertEquals(null, seqById.put(r.requestId(), r.seq()), "a request recorded twice");
                        } else {
                            feedback.add((FeedbackRecord) record);
                        }
                    });
            assertTrue(v.ok(), v.message());
            assertEquals(CHILD_RECORDS, survivor.ids.size());
            for (List<UUID> thread : written.values()) {
                long previous = 0;
                for (UUID id : thread) {
                    Long seq = seqById.get(id);
                    assertTrue(seq != null && seq > previous, "record " + id + " missing or out of order");
                    previous = seq;
                }
            }
            for (Child child : List.of(survivor, killed)) {
                for (UUID id : child.ids) {
                    assertTrue(seqById.containsKey(id), "a record the child confirmed is missing: " + id);
                }
            }
            assertEquals(WRITERS, feedback.size());
            long inJvm = (long) WRITERS * THREADS * PER_THREAD;
            // The killed child may have committed one last record it could not report any more.
            long unreported = seqById.size() - inJvm - survivor.ids.size() - killed.ids.size();
            assertTrue(unreported == 0 || unreported == 1, unreported + " records nobody confirmed");
            assertEquals(seqById.size() + WRITERS, v.records());
        } finally {
            pool.shutdownNow();
            writers.forEach(PostgresAuditTrail::close);
            survivor.process.destroyForcibly();
            killed.process.destroyForcibly();
        }
    }

    /** A writer process and the request ids it reported as committed; a line cut by a kill is not counted. */
    private static final class Child extends Thread {
        final Process process;
        final List<UUID> ids = java.util.Collections.synchronizedList(new ArrayList<>());
        private final CountDownLatch appending = new CountDownLatch(1);

        Child(PostgresServer server, String table) throws IOException {
            process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                    PostgresAppenderMain.class.getName(), server.jdbcUrl(), table, Integer.toString(CHILD_RECORDS))
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            start();
        }

        boolean reported(int seconds) throws InterruptedException {
            return appending.await(seconds, TimeUnit.SECONDS);
        }

        @Override
        public void run() {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    if (line.matches("[0-9a-f-]{36}")) {
                        ids.add(UUID.fromString(line));
                        appending.countDown();
                    }
                }
            } catch (IOException ignored) {
                // The child was killed: the ids read so far are what it confirmed.
            }
        }
    }
}
