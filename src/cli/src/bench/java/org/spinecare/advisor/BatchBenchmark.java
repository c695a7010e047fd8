package org.spinecare.advisor;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.spinecare.advisor.batch.BatchAssessor;

/**
 * The batch mode end to end, in memory: JSON Lines bytes in, JSON Lines bytes out, with the given number of worker
 * threads. Throughput is per patient ({@link OperationsPerInvocation}), so the score reads as patients per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@OperationsPerInvocation(BenchPatients.COUNT)
public class BatchBenchmark {
    @Param({"1", "2"})
    int threads;

    private byte[] input;
    private BatchAssessor batch;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        BenchPatients patients = new BenchPatients();
        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        for (byte[] json : patients.json) {
            lines.write(json);
            lines.write('\n');
        }
        input = lines.toByteArray();
        batch = new BatchAssessor(SpineAdvisor.create(), threads);
    }

    @Benchmark
    public BatchAssessor.Summary batchJsonLines() throws IOException {
        BatchAssessor.Summary summary = batch.run(new ByteArrayInputStream(input), OutputStream.nullOutputStream(),
                new StringBuilder(), BatchAssessor.Progress.NONE);
        if (summary.errors() != 0) {
            throw new IllegalStateException("generated patients must all be valid: " + summary.line());
        }
        return summary;
    }
}
