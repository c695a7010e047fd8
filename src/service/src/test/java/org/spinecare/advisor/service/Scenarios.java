package org.spinecare.advisor.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Every patient of every scenario file under scenarios/ (docs/scenarios.md), as contract JSON facts. */
final class Scenarios {
    record Patient(String name, String factsJson) {
        @Override
        public String toString() {
            return name;
        }
    }

    private Scenarios() {
    }

    static List<Patient> all() {
        ObjectMapper json = new ObjectMapper();
        List<Patient> patients = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("scenarios"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                JsonNode root = json.readTree(file.toFile());
                if (root.isArray()) {
                    for (JsonNode scenario : root) {
                        if (scenario.has("given")) {
                            patients.add(new Patient(file + ": " + scenario.path("name").asText(),
                                    json.writeValueAsString(scenario.get("given"))));
                        }
                    }
                } else if (root.has("findings") || root.has("ageYears")) {
                    // scenarios/examples/ holds plain facts files, the examples of the README and the contract.
                    patients.add(new Patient(file.toString(), json.writeValueAsString(root)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (patients.size() < 20) {
            throw new IllegalStateException("expected the scenario files under scenarios/, found " + patients.size()
                    + " patients; run from the project root");
        }
        return patients;
    }
}
