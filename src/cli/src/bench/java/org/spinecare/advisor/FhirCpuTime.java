package org.spinecare.advisor;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * FhirBenchmark's three reads, side by side for several builds of spine-fhir in one JVM, in thread CPU time per
 * document. For a loaded machine: wall time there mostly measures the other builds (and a starved JIT), while the
 * CPU time a thread spends per document hardly moves, and the variants take turns in every round, so they share
 * whatever the machine does. Each argument {@code name=classesDir} is one build of spine-fhir's classes, loaded in
 * a class loader of its own; the rest (HAPI, Jackson, the library) is shared.
 *
 * <pre>java -cp "src/cli/target/test-classes:src/cli/target/classes:$(cat src/cli/target/bench-classpath.txt)" \
 *     org.spinecare.advisor.FhirCpuTime before=/tmp/fhir-before/classes after=src/fhir/target/classes</pre>
 */
public final class FhirCpuTime {
    private static final LocalDate DATE = LocalDate.of(2026, 11, 24);
    private static final String FHIR_PACKAGE = "org.spinecare.advisor.fhir.";
    private static final int ROUNDS = Integer.getInteger("rounds", 15);
    private static final int OPS = Integer.getInteger("ops", 2000);
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private FhirCpuTime() {
    }

    public static void main(String[] args) throws Exception {
        String json = Files.readString(Path.of("scenarios/examples/cauda-equina.json"));
        byte[] jsonBytes = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Map<String, String> documents = new LinkedHashMap<>();
        documents.put("bundle", Files.readString(Path.of("scenarios/fhir/examples/cauda-equina-bundle.json")));
        documents.put("questionnaireResponse",
                Files.readString(Path.of("scenarios/fhir/examples/cauda-equina-questionnaire-response.json")));
        Map<String, Method> variants = new LinkedHashMap<>();
        for (String arg : args) {
            String[] nameAndDir = arg.split("=", 2);
            ClassLoader loader = new OwnFhirClasses(Path.of(nameAndDir[1]).toUri().toURL());
            variants.put(nameAndDir[0], Class.forName(FHIR_PACKAGE + "FhirFacts", true, loader)
                    .getMethod("fromJson", String.class, LocalDate.class));
        }
        // The variants must read the documents alike before their speed means anything.
        for (Map.Entry<String, String> document : documents.entrySet()) {
            List<String> answers = new ArrayList<>();
            for (Method fromJson : variants.values()) {
                answers.add(String.valueOf(fromJson.invoke(null, document.getValue(), DATE)));
            }
            if (answers.stream().distinct().count() > 1) {
                throw new IllegalStateException("the variants map " + document.getKey() + " differently: " + answers);
            }
        }
        Map<String, double[]> perOp = new LinkedHashMap<>();
        for (int round = -3; round < ROUNDS; round++) {   // three rounds of warm-up, not kept
            double jsonCpu = cpuPerOp(() -> SpineJson.readFacts(jsonBytes));
            if (round >= 0) {
                perOp.computeIfAbsent("jsonContract", k -> new double[ROUNDS])[round] = jsonCpu;
            }
            for (Map.Entry<String, Method> variant : variants.entrySet()) {
                for (Map.Entry<String, String> document : documents.entrySet()) {
                    Method fromJson = variant.getValue();
                    String text = document.getValue();
                    double cpu = cpuPerOp(() -> fromJson.invoke(null, text, DATE));
                    if (round >= 0) {
                        perOp.computeIfAbsent(variant.getKey() + " " + document.getKey(),
                                k -> new double[ROUNDS])[round] = cpu;
                    }
                }
            }
        }
        System.out.printf("thread CPU time per document, µs: median (min .. max) of %d rounds of %d documents%n",
                ROUNDS, OPS);
        double json50 = median(perOp.get("jsonContract"));
        perOp.forEach((name, values) -> {
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            System.out.printf("%-40s %9.1f  (%.1f .. %.1f)  %5.1f x JSON%n", name, median(values), sorted[0],
                    sorted[sorted.length - 1], median(values) / json50);
        });
    }

    private interface Op {
        Object run() throws Exception;
    }

    private static double cpuPerOp(Op op) throws Exception {
        Object sink = null;
        long start = THREADS.getCurrentThreadCpuTime();
        for (int i = 0; i < OPS; i++) {
            sink = op.run();
        }
        long cpu = THREADS.getCurrentThreadCpuTime() - start;
        if (sink == null) {
            throw new IllegalStateException("no result");
        }
        return cpu / 1000.0 / OPS;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** spine-fhir's classes from its own directory, everything else from the application class path. */
    private static final class OwnFhirClasses extends URLClassLoader {
        OwnFhirClasses(URL classes) {
            super(new URL[] {classes}, FhirCpuTime.class.getClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith(FHIR_PACKAGE)) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded == null) {
                    loaded = findClass(name);
                }
                if (resolve) {
                    resolveClass(loaded);
                }
                return loaded;
            }
        }
    }
}
