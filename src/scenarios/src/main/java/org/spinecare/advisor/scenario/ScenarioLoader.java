package org.spinecare.advisor.scenario;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.spinecare.advisor.InvalidFactsException;
import org.spinecare.advisor.PatientFacts;
import org.spinecare.advisor.SpineJson;
import org.spinecare.advisor.StrictJson;
import org.spinecare.advisor.scenario.Expectation.StenosisExpectation;
import org.spinecare.kb.Advice;
import org.spinecare.kb.Finding;
import org.spinecare.kb.Sections;
import org.spinecare.kb.StenosisStatus;
import org.spinecare.kb.TriageLevel;

/**
 * Reads scenario files strictly: an unknown key, an unknown code or rule id, a missing field or a patient that
 * breaks the contract is a {@link ScenarioFileException} naming the file and the JSON path. A typo must never
 * turn an expectation into one that silently passes.
 *
 * <p>A scenario file holds one scenario (a JSON object) or several (a JSON array of them). When a folder is
 * read, every {@code *.json} file below it is a scenario file, except those in a folder named
 * {@value #EXAMPLES_FOLDER}: those are plain patient files for the {@code assess} command.
 */
public final class ScenarioLoader {
    /** Folders with this name hold example patients, not scenarios, and are skipped when a folder is read. */
    public static final String EXAMPLES_FOLDER = "examples";
    /** Generous for a file holding a list of scenarios; a bound on what a stray file can cost. */
    static final int MAX_FILE_BYTES = 1024 * 1024;

    private static final ObjectReader SCENARIO = StrictJson.reader().forType(ScenarioDocument.class);

    private final Set<String> ruleIds;
    private final TreeSet<String> sections;

    /** @param knownRuleIds the ids of every rule in the knowledge base: rule expectations may name only these */
    public ScenarioLoader(Collection<String> knownRuleIds) {
        this.ruleIds = Set.copyOf(knownRuleIds);
        this.sections = new TreeSet<>(Sections.ARTICLE);
        this.sections.addAll(Sections.GUIDELINES);
    }

    /**
     * Reads every scenario under the given files and folders, folders in path order. Scenario names must be
     * unique, because they are how people refer to a scenario.
     */
    public List<Scenario> load(List<Path> paths) {
        List<Scenario> scenarios = new ArrayList<>();
        Map<String, Scenario> byName = new HashMap<>();
        for (Path file : scenarioFiles(paths)) {
            for (Scenario scenario : loadFile(file)) {
                Scenario earlier = byName.putIfAbsent(scenario.name(), scenario);
                if (earlier != null) {
                    throw new ScenarioFileException(file, prefix(scenario.index()) + ".name",
                            "the name is already used by " + earlier.location() + "; names must be unique");
                }
                scenarios.add(scenario);
            }
        }
        return List.copyOf(scenarios);
    }

    /** The scenario files under the given paths, sorted; a file named directly is always included. */
    static List<Path> scenarioFiles(List<Path> paths) {
        Set<Path> files = new LinkedHashSet<>();
        for (Path path : paths) {
            if (Files.isRegularFile(path)) {
                files.add(path);
            } else if (Files.isDirectory(path)) {
                List<Path> found = walk(path);
                if (found.isEmpty()) {
                    throw new ScenarioFileException(path, "$", "the folder holds no scenario files (*.json)");
                }
                files.addAll(found);
            } else {
                throw new ScenarioFileException(path, "$", "no such file or folder");
            }
        }
        return List.copyOf(files);
    }

    private static List<Path> walk(Path folder) {
        try (Stream<Path> tree = Files.walk(folder)) {
            return tree.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(".json"))
                    .filter(p -> !inExamplesFolder(folder.relativize(p)))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new ScenarioFileException(folder, "$", "cannot read the folder: " + e.getMessage());
        }
    }

    private static boolean inExamplesFolder(Path relative) {
        for (int i = 0; i < relative.getNameCount() - 1; i++) {
            if (relative.getName(i).toString().equals(EXAMPLES_FOLDER)) {
                return true;
            }
        }
        return false;
    }

    /** Reads one scenario file: an object for one scenario, an array for several. */
    public List<Scenario> loadFile(Path file) {
        JsonNode root = parse(file);
        if (root.isObject()) {
            return List.of(scenario(file, root, -1));
        }
        if (!root.isArray()) {
            throw new ScenarioFileException(file, "$", "must be a scenario (a JSON object) or a list of scenarios");
        }
        if (root.isEmpty()) {
            throw new ScenarioFileException(file, "$", "the list holds no scenarios");
        }
        List<Scenario> scenarios = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            scenarios.add(scenario(file, root.get(i), i));
        }
        return scenarios;
    }

    private static JsonNode parse(Path file) {
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new ScenarioFileException(file, "$", "the file is larger than " + MAX_FILE_BYTES + " bytes");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ScenarioFileException(file, "$", "cannot read the file: " + e.getMessage());
        }
        try {
            JsonNode root = StrictJson.reader().readTree(bytes);
            if (root == null || root.isMissingNode()) {
                throw new ScenarioFileException(file, "$", "the file is empty");
            }
            return root;
        } catch (JsonProcessingException e) {
            StrictJson.Problem problem = StrictJson.problemOf(e);
            throw new ScenarioFileException(file, problem.path(), problem.message());
        } catch (IOException e) {
            throw new ScenarioFileException(file, "$", "cannot read the file: " + e.getMessage());
        }
    }

    /** Jackson binds the document and refuses what is malformed; the checks below are the clinical ones. */
    private Scenario scenario(Path file, JsonNode node, int index) {
        String at = prefix(index);
        StrictJson.firstNull(node).ifPresent(problem -> {
            throw new ScenarioFileException(file, at + problem.path().substring(1), problem.message());
        });
        ScenarioDocument document;
        try {
            document = SCENARIO.readValue(node);
        } catch (JsonProcessingException e) {
            StrictJson.Problem problem = StrictJson.problemOf(e);
            throw new ScenarioFileException(file, at + problem.path().substring(1), problem.message());
        } catch (IOException e) {
            throw new ScenarioFileException(file, at, "cannot be read: " + e.getMessage());
        }
        requireText(file, document.name(), at + ".name");
        if (document.description() != null) {
            requireText(file, document.description(), at + ".description");
        }
        List<String> tags = document.tags() == null ? List.of() : distinct(file, document.tags(), at + ".tags", true);
        for (int i = 0; i < tags.size(); i++) {
            requireText(file, tags.get(i), at + ".tags[" + i + "]");
        }
        requireText(file, document.source(), at + ".source");
        if (!sections.contains(document.source())) {
            throw new ScenarioFileException(file, at + ".source", "not a section heading of the article or a "
                    + "guidance section; valid: " + String.join(" | ", sections));
        }
        PatientFacts given = given(file, document.given(), at + ".given");
        Expectation expect = expectation(file, document.expect(), at + ".expect");
        return new Scenario(document.name(), document.description() == null ? "" : document.description(), tags,
                document.source(), given, expect, file, index);
    }

    /** The patient goes through the contract's own reader: scenarios accept exactly what clinic software may send. */
    private static PatientFacts given(Path file, JsonNode node, String at) {
        try {
            return SpineJson.readFacts(node.toString());
        } catch (InvalidFactsException e) {
            throw new ScenarioFileException(file, at + e.path().substring(1), e.detail() + " [" + e.code() + "]");
        }
    }

    private Expectation expectation(Path file, ExpectDocument expect, String at) {
        if (expect.isEmpty()) {
            throw new ScenarioFileException(file, at, "expects nothing, so it could never fail");
        }
        if (expect.triage() != null && expect.triageAtLeast() != null) {
            throw new ScenarioFileException(file, at + ".triageAtLeast", "give either triage or triageAtLeast");
        }
        Expectation expectation = new Expectation(expect.triage(), expect.triageAtLeast(),
                redFlags(file, expect.redFlags(), at + ".redFlags"),
                redFlags(file, expect.unscreenedRedFlags(), at + ".unscreenedRedFlags"),
                stenosis(file, expect.stenosis(), at + ".stenosis"),
                checks(file, expect.recommended(), at + ".recommended"),
                checks(file, expect.notRecommended(), at + ".notRecommended"),
                checks(file, expect.contraindicated(), at + ".contraindicated"),
                checks(file, expect.notContraindicated(), at + ".notContraindicated"),
                rules(file, expect.rulesFired(), at + ".rulesFired"),
                rules(file, expect.rulesNotFired(), at + ".rulesNotFired"),
                checks(file, expect.clinicianActions(), at + ".clinicianActions"),
                expect.recommendedInOrder() == null ? null
                        : distinct(file, expect.recommendedInOrder(), at + ".recommendedInOrder", false));
        requireDisjoint(file, at, "recommended", expectation.recommended(), "notRecommended",
                expectation.notRecommended());
        requireDisjoint(file, at, "contraindicated", expectation.contraindicated(), "notContraindicated",
                expectation.notContraindicated());
        requireDisjoint(file, at, "recommended", expectation.recommended(), "contraindicated",
                expectation.contraindicated());
        requireDisjoint(file, at, "rulesFired", expectation.rulesFired(), "rulesNotFired",
                expectation.rulesNotFired());
        return expectation;
    }

    /** An exact set of red flags: an empty list means "none", a finding that is not a red flag is refused. */
    private static List<Finding> redFlags(Path file, List<Finding> findings, String at) {
        if (findings == null) {
            return null;
        }
        List<Finding> flags = distinct(file, findings, at, true);
        for (int i = 0; i < flags.size(); i++) {
            if (!flags.get(i).isRedFlag()) {
                throw new ScenarioFileException(file, at + "[" + i + "]", flags.get(i) + " is not a red flag; valid: "
                        + Arrays.stream(Finding.values()).filter(Finding::isRedFlag).map(Enum::name)
                        .collect(Collectors.joining(", ")));
            }
        }
        return flags;
    }

    private static StenosisExpectation stenosis(Path file, StenosisDocument stenosis, String at) {
        if (stenosis == null) {
            return null;
        }
        return new StenosisExpectation(stenosis.status(),
                stenosis.indicators() == null ? null : distinct(file, stenosis.indicators(), at + ".indicators", true));
    }

    /** Codes that must (or must not) be in the answer: an empty list would check nothing. */
    private static List<Advice> checks(Path file, List<Advice> codes, String at) {
        return codes == null ? List.of() : distinct(file, codes, at, false);
    }

    private List<String> rules(Path file, List<String> ids, String at) {
        if (ids == null) {
            return List.of();
        }
        distinct(file, ids, at, false);
        for (int i = 0; i < ids.size(); i++) {
            if (!ruleIds.contains(ids.get(i))) {
                throw new ScenarioFileException(file, at + "[" + i + "]", "unknown rule id '"
                        + StrictJson.shorten(ids.get(i)) + "'; the knowledge base has "
                        + String.join(", ", new TreeSet<>(ruleIds)));
            }
        }
        return ids;
    }

    private static <T> List<T> distinct(Path file, List<T> items, String at, boolean emptyMeansNone) {
        if (items.isEmpty() && !emptyMeansNone) {
            throw new ScenarioFileException(file, at, "an empty list checks nothing; leave the key out");
        }
        for (int i = 0; i < items.size(); i++) {
            if (items.subList(0, i).contains(items.get(i))) {
                throw new ScenarioFileException(file, at + "[" + i + "]", "'"
                        + StrictJson.shorten(String.valueOf(items.get(i))) + "' is listed twice");
            }
        }
        return items;
    }

    private static void requireText(Path file, String text, String at) {
        if (text.isBlank()) {
            throw new ScenarioFileException(file, at, "must not be blank");
        }
    }

    private static <T> void requireDisjoint(Path file, String at, String leftKey, List<T> left, String rightKey,
                                            List<T> right) {
        for (T item : left) {
            if (right.contains(item)) {
                throw new ScenarioFileException(file, at + "." + rightKey, item + " is also in " + leftKey
                        + "; a code cannot be expected both ways");
            }
        }
    }

    private static String prefix(int index) {
        return index < 0 ? "$" : "$[" + index + "]";
    }

    /** A scenario as written in its file. */
    record ScenarioDocument(@JsonProperty(required = true) String name, String description, List<String> tags,
                            @JsonProperty(required = true) String source, @JsonProperty(required = true) JsonNode given,
                            @JsonProperty(required = true) ExpectDocument expect) {
    }

    /** The {@code expect} object as written: every key optional, at least one given. */
    record ExpectDocument(TriageLevel triage, TriageLevel triageAtLeast, List<Finding> redFlags,
                          List<Finding> unscreenedRedFlags, StenosisDocument stenosis, List<Advice> recommended,
                          List<Advice> notRecommended, List<Advice> contraindicated, List<Advice> notContraindicated,
                          List<String> rulesFired, List<String> rulesNotFired, List<Advice> clinicianActions,
                          List<Advice> recommendedInOrder) {
        boolean isEmpty() {
            return Stream.of(triage, triageAtLeast, redFlags, unscreenedRedFlags, stenosis, recommended,
                    notRecommended, contraindicated, notContraindicated, rulesFired, rulesNotFired, clinicianActions,
                    recommendedInOrder).allMatch(java.util.Objects::isNull);
        }
    }

    record StenosisDocument(@JsonProperty(required = true) StenosisStatus status, List<Finding> indicators) {
    }
}
