package org.spinecare.advisor.scenario;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.spinecare.advisor.InvalidFactsException;
import org.spinecare.advisor.PatientFacts;
import org.spinecare.advisor.SpineJson;
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

    private static final Set<String> SCENARIO_KEYS =
            Set.of("name", "description", "tags", "source", "given", "expect");
    private static final Set<String> EXPECT_KEYS = Set.of("triage", "triageAtLeast", "redFlags",
            "unscreenedRedFlags", "stenosis", "recommended", "notRecommended", "contraindicated",
            "notContraindicated", "rulesFired", "rulesNotFired", "clinicianActions", "recommendedInOrder");
    private static final Set<String> STENOSIS_KEYS = Set.of("status", "indicators");

    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final Set<String> ruleIds;
    private final Set<String> sections;

    /** @param knownRuleIds the ids of every rule in the knowledge base: rule expectations may name only these */
    public ScenarioLoader(Collection<String> knownRuleIds) {
        this.ruleIds = Set.copyOf(knownRuleIds);
        this.sections = articleSections();
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
            JsonNode item = root.get(i);
            requireObject(file, item, "$[" + i + "]");
            scenarios.add(scenario(file, item, i));
        }
        return scenarios;
    }

    private JsonNode parse(Path file) {
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
            JsonNode root = MAPPER.readTree(bytes);
            if (root == null || root.isMissingNode()) {
                throw new ScenarioFileException(file, "$", "the file is empty");
            }
            return root;
        } catch (JsonProcessingException e) {
            String path = e.getProcessor() instanceof JsonParser parser ? jsonPath(parser.getParsingContext()) : "$";
            String message = e.getOriginalMessage();
            if (message.startsWith("Duplicate field") || message.startsWith("Duplicate Object property")) {
                throw new ScenarioFileException(file, path, "the key appears twice");
            }
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new ScenarioFileException(file, path, "not valid JSON" + where);
        } catch (IOException e) {
            throw new ScenarioFileException(file, "$", "cannot read the file: " + e.getMessage());
        }
    }

    private Scenario scenario(Path file, JsonNode node, int index) {
        String at = prefix(index);
        rejectUnknownKeys(file, node, at, SCENARIO_KEYS);
        String name = text(file, node, "name", at, true);
        String description = text(file, node, "description", at, false);
        List<String> tags = tags(file, node.get("tags"), at + ".tags");
        String source = text(file, node, "source", at, true);
        if (!sections.contains(source)) {
            throw new ScenarioFileException(file, at + ".source", "not a section heading of the article; valid: "
                    + String.join(" | ", new TreeSet<>(sections)));
        }
        PatientFacts given = given(file, required(file, node, "given", at), at + ".given");
        Expectation expect = expectation(file, required(file, node, "expect", at), at + ".expect");
        return new Scenario(name, description == null ? "" : description, tags, source, given, expect, file, index);
    }

    /** The patient goes through the contract's own reader: scenarios accept exactly what clinic software may send. */
    private static PatientFacts given(Path file, JsonNode node, String at) {
        try {
            return SpineJson.readFacts(MAPPER.writeValueAsBytes(node));
        } catch (InvalidFactsException e) {
            throw new ScenarioFileException(file, at + e.path().substring(1), e.detail() + " [" + e.code() + "]");
        } catch (JsonProcessingException e) {
            throw new ScenarioFileException(file, at, "cannot be read as patient facts");
        }
    }

    private Expectation expectation(Path file, JsonNode node, String at) {
        requireObject(file, node, at);
        rejectUnknownKeys(file, node, at, EXPECT_KEYS);
        if (node.isEmpty()) {
            throw new ScenarioFileException(file, at, "expects nothing, so it could never fail; valid keys: "
                    + sorted(EXPECT_KEYS));
        }
        if (node.has("triage") && node.has("triageAtLeast")) {
            throw new ScenarioFileException(file, at + ".triageAtLeast", "give either triage or triageAtLeast");
        }
        Expectation expectation = new Expectation(
                node.has("triage")
                        ? code(file, node.get("triage"), at + ".triage", TriageLevel.class, "triage level") : null,
                node.has("triageAtLeast")
                        ? code(file, node.get("triageAtLeast"), at + ".triageAtLeast", TriageLevel.class,
                        "triage level") : null,
                node.has("redFlags") ? redFlags(file, node.get("redFlags"), at + ".redFlags") : null,
                node.has("unscreenedRedFlags")
                        ? redFlags(file, node.get("unscreenedRedFlags"), at + ".unscreenedRedFlags") : null,
                node.has("stenosis") ? stenosis(file, node.get("stenosis"), at + ".stenosis") : null,
                adviceList(file, node, "recommended", at),
                adviceList(file, node, "notRecommended", at),
                adviceList(file, node, "contraindicated", at),
                adviceList(file, node, "notContraindicated", at),
                ruleList(file, node, "rulesFired", at),
                ruleList(file, node, "rulesNotFired", at),
                adviceList(file, node, "clinicianActions", at),
                node.has("recommendedInOrder") ? adviceList(file, node, "recommendedInOrder", at) : null);
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

    private static List<Finding> redFlags(Path file, JsonNode node, String at) {
        return codes(file, node, at, Finding.class, Finding::isRedFlag, "red flag", true);
    }

    private static StenosisExpectation stenosis(Path file, JsonNode node, String at) {
        requireObject(file, node, at);
        rejectUnknownKeys(file, node, at, STENOSIS_KEYS);
        JsonNode status = required(file, node, "status", at);
        List<Finding> indicators = node.has("indicators")
                ? codes(file, node.get("indicators"), at + ".indicators", Finding.class, f -> true, "finding", true)
                : null;
        return new StenosisExpectation(code(file, status, at + ".status", StenosisStatus.class, "stenosis status"),
                indicators);
    }

    private static List<Advice> adviceList(Path file, JsonNode parent, String key, String at) {
        JsonNode node = parent.get(key);
        return node == null ? List.of()
                : codes(file, node, at + "." + key, Advice.class, a -> true, "technique or advice code", false);
    }

    private List<String> ruleList(Path file, JsonNode parent, String key, String at) {
        JsonNode node = parent.get(key);
        if (node == null) {
            return List.of();
        }
        List<String> ids = strings(file, node, at + "." + key, false);
        for (int i = 0; i < ids.size(); i++) {
            if (!ruleIds.contains(ids.get(i))) {
                throw new ScenarioFileException(file, at + "." + key + "[" + i + "]", "unknown rule id '"
                        + ids.get(i) + "'; the knowledge base has " + sorted(ruleIds));
            }
        }
        return ids;
    }

    private static <E extends Enum<E>> List<E> codes(Path file, JsonNode node, String at, Class<E> type,
                                                     Predicate<E> allowed, String what, boolean emptyMeansNone) {
        List<String> texts = strings(file, node, at, emptyMeansNone);
        List<E> codes = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            E code = code(file, texts.get(i), at + "[" + i + "]", type, allowed, what);
            codes.add(code);
        }
        return codes;
    }

    private static <E extends Enum<E>> E code(Path file, JsonNode node, String at, Class<E> type, String what) {
        if (!node.isTextual()) {
            throw new ScenarioFileException(file, at, "must be one of " + valid(type, e -> true));
        }
        return code(file, node.textValue(), at, type, e -> true, what);
    }

    private static <E extends Enum<E>> E code(Path file, String text, String at, Class<E> type,
                                              Predicate<E> allowed, String what) {
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(text) && allowed.test(constant)) {
                return constant;
            }
        }
        throw new ScenarioFileException(file, at, "unknown " + what + " '" + shorten(text) + "'; valid: "
                + valid(type, allowed));
    }

    /** A list of distinct strings; an empty list is an error where it would check nothing. */
    private static List<String> strings(Path file, JsonNode node, String at, boolean emptyMeansNone) {
        if (!node.isArray()) {
            throw new ScenarioFileException(file, at, "must be a list (a JSON array)");
        }
        if (node.isEmpty() && !emptyMeansNone) {
            throw new ScenarioFileException(file, at, "an empty list checks nothing; leave the key out");
        }
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            if (!item.isTextual()) {
                throw new ScenarioFileException(file, at + "[" + i + "]", "must be a string");
            }
            if (texts.contains(item.textValue())) {
                throw new ScenarioFileException(file, at + "[" + i + "]", "'" + item.textValue()
                        + "' is listed twice");
            }
            texts.add(item.textValue());
        }
        return texts;
    }

    private static List<String> tags(Path file, JsonNode node, String at) {
        if (node == null) {
            return List.of();
        }
        List<String> tags = strings(file, node, at, true);
        for (int i = 0; i < tags.size(); i++) {
            if (tags.get(i).isBlank()) {
                throw new ScenarioFileException(file, at + "[" + i + "]", "a tag must not be blank");
            }
        }
        return tags;
    }

    private static String text(Path file, JsonNode parent, String key, String at, boolean mandatory) {
        JsonNode node = mandatory ? required(file, parent, key, at) : parent.get(key);
        if (node == null) {
            return null;
        }
        if (!node.isTextual() || node.textValue().isBlank()) {
            throw new ScenarioFileException(file, at + "." + key, "must be a non-blank string");
        }
        return node.textValue();
    }

    private static JsonNode required(Path file, JsonNode parent, String key, String at) {
        JsonNode node = parent.get(key);
        if (node == null) {
            throw new ScenarioFileException(file, at + "." + key, "is missing; every scenario needs name, source, "
                    + "given and expect");
        }
        return node;
    }

    private static void requireObject(Path file, JsonNode node, String at) {
        if (!node.isObject()) {
            throw new ScenarioFileException(file, at, "must be a JSON object");
        }
    }

    private static void rejectUnknownKeys(Path file, JsonNode node, String at, Set<String> allowed) {
        for (Iterator<String> keys = node.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!allowed.contains(key)) {
                throw new ScenarioFileException(file, at + "." + shorten(key), "unknown key; valid: "
                        + sorted(allowed));
            }
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

    private static <E extends Enum<E>> String valid(Class<E> type, Predicate<E> allowed) {
        return Arrays.stream(type.getEnumConstants()).filter(allowed).map(Enum::name)
                .collect(Collectors.joining(", "));
    }

    private static String sorted(Collection<String> names) {
        return String.join(", ", new TreeSet<>(names));
    }

    private static String shorten(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }

    /** The article's section headings, as the knowledge base cites them. */
    private static Set<String> articleSections() {
        Set<String> headings = new LinkedHashSet<>();
        for (Field field : Sections.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                try {
                    headings.add((String) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return Set.copyOf(headings);
    }

    private static String jsonPath(JsonStreamContext context) {
        StringBuilder path = new StringBuilder();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inObject() && c.getCurrentName() != null) {
                path.insert(0, "." + shorten(c.getCurrentName()));
            } else if (c.inArray()) {
                path.insert(0, "[" + Math.max(0, c.getCurrentIndex()) + "]");
            }
        }
        return "$" + path;
    }
}
