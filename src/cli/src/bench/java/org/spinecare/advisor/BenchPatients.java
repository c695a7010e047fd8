package org.spinecare.advisor;

import java.nio.charset.StandardCharsets;
import org.spinecare.advisor.batch.PatientGenerator;

/** The benchmarks' patients: the generator's first patients for a fixed seed, as facts and as JSON bytes. */
final class BenchPatients {
    static final int COUNT = 4096;
    static final long SEED = 1;

    final PatientFacts[] facts = new PatientFacts[COUNT];
    final byte[][] json = new byte[COUNT][];

    BenchPatients() {
        PatientGenerator generator = new PatientGenerator(SEED);
        for (int i = 0; i < COUNT; i++) {
            facts[i] = generator.next();
            json[i] = PatientGenerator.toJson(facts[i]).getBytes(StandardCharsets.UTF_8);
        }
    }
}
