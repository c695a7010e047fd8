package org.spinecare.advisor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.spinecare.advisor.fhir.FhirFacts;
import org.spinecare.advisor.fhir.MappedFacts;

/**
 * Reading one patient's facts, per patient, in the three forms docs/fhir.md shows for the same patient (the cauda
 * equina example): the JSON contract, a FHIR Bundle, and a FHIR QuestionnaireResponse. Parsing and mapping only:
 * the assessment that follows is the same for all three (AssessBenchmark measures it).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class FhirBenchmark {
    private static final LocalDate DATE = LocalDate.of(2026, 11, 24);
    private byte[] json;
    private String bundle;
    private String questionnaireResponse;

    @Setup(Level.Trial)
    public void setUp() {
        json = read("scenarios/examples/cauda-equina.json").getBytes(StandardCharsets.UTF_8);
        bundle = read("scenarios/fhir/examples/cauda-equina-bundle.json");
        questionnaireResponse = read("scenarios/fhir/examples/cauda-equina-questionnaire-response.json");
        // The shared HAPI context is built here, not in the first measured call.
        FhirFacts.fromJson(bundle, DATE);
    }

    @Benchmark
    public PatientFacts jsonContract() {
        return SpineJson.readFacts(json);
    }

    @Benchmark
    public MappedFacts fhirBundle() {
        return FhirFacts.fromJson(bundle, DATE);
    }

    @Benchmark
    public MappedFacts fhirQuestionnaireResponse() {
        return FhirFacts.fromJson(questionnaireResponse, DATE);
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
