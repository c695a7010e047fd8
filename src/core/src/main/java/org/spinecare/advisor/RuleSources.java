package org.spinecare.advisor;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rule sources shipped inside the kjar and the manifest written when it was built. They let the facade check
 * at start-up that the rules it runs are the rules that were built and reviewed.
 */
final class RuleSources {
    static final String MANIFEST = "META-INF/spine-kb.properties";
    private static final Pattern RULE_DECLARATION = Pattern.compile("(?m)^\\s*rule\\s+\"([^\"]+)\"");
    /** A rule's attributes run from its declaration to its {@code when}, on a line of its own as every rule is written. */
    private static final Pattern ATTRIBUTES = Pattern.compile("(?ms)(.*?)^\\s*when\\s*$");
    private static final Pattern AGENDA_GROUP = Pattern.compile("(?m)^\\s*agenda-group\\s+\"([^\"]+)\"");
    /** The group of a rule that names none, as Drools calls it. */
    static final String MAIN_AGENDA_GROUP = "MAIN";
    /** From a rule's {@code then} to its {@code end}, each on a line of its own as every rule here is written. */
    private static final Pattern CONSEQUENCE = Pattern.compile("(?ms)^then\\s*$(.*?)^end\\s*$");

    private final String releaseId;
    private final String declaredSha256;
    private final String actualSha256;
    private final Map<String, String> fileByRuleName;
    private final Map<String, String> bodyByRuleName;
    private final Map<String, String> groupByRuleName;

    private RuleSources(String releaseId, String declaredSha256, String actualSha256,
                        Map<String, String> fileByRuleName, Map<String, String> bodyByRuleName,
                        Map<String, String> groupByRuleName) {
        this.releaseId = releaseId;
        this.declaredSha256 = declaredSha256;
        this.actualSha256 = actualSha256;
        this.fileByRuleName = fileByRuleName;
        this.bodyByRuleName = bodyByRuleName;
        this.groupByRuleName = groupByRuleName;
    }

    static RuleSources read(ClassLoader loader) {
        Properties manifest = new Properties();
        try (InputStream in = loader.getResourceAsStream(MANIFEST)) {
            if (in == null) {
                throw new KnowledgeBaseException(MANIFEST + " is missing: the kjar was not built by this project");
            }
            manifest.load(in);
        } catch (IOException e) {
            // A kjar that cannot be read (for example replaced on disk while in use) is not a knowledge base.
            throw new KnowledgeBaseException("the knowledge base could not be read: " + e.getMessage(), e);
        }
        String releaseId = required(manifest, "releaseId");
        String declared = required(manifest, "rulesSha256");
        MessageDigest digest = sha256();
        Map<String, String> fileByRuleName = new LinkedHashMap<>();
        Map<String, String> bodyByRuleName = new LinkedHashMap<>();
        Map<String, String> groupByRuleName = new LinkedHashMap<>();
        for (String file : required(manifest, "digestFiles").split(",")) {
            byte[] content = resource(loader, file);
            digest.update(content);
            // The build concatenates with Ant's fixlastline: every file ends with a line break.
            if (content.length == 0 || content[content.length - 1] != '\n') {
                digest.update((byte) '\n');
            }
            if (file.endsWith(".drl")) {
                String text = new String(content, StandardCharsets.UTF_8);
                Matcher m = RULE_DECLARATION.matcher(text);
                while (m.find()) {
                    if (fileByRuleName.put(m.group(1), file) != null) {
                        throw new KnowledgeBaseException("rule name '" + m.group(1) + "' is declared twice");
                    }
                    Matcher consequence = CONSEQUENCE.matcher(text);
                    if (consequence.find(m.end())) {
                        bodyByRuleName.put(m.group(1), consequence.group(1));
                    }
                }
                groupByRuleName.putAll(agendaGroups(text));
            }
        }
        return new RuleSources(releaseId, declared, HexFormat.of().formatHex(digest.digest()), fileByRuleName,
                bodyByRuleName, groupByRuleName);
    }

    /**
     * The agenda group each rule of this DRL text declares ({@link #MAIN_AGENDA_GROUP} when it names none), read
     * from the source because the engine's public API does not expose a rule's group; the digest check has already
     * tied these sources to the compiled rules.
     */
    static Map<String, String> agendaGroups(String drl) {
        Map<String, String> groupByRuleName = new LinkedHashMap<>();
        Matcher m = RULE_DECLARATION.matcher(drl);
        while (m.find()) {
            Matcher attributes = ATTRIBUTES.matcher(drl).region(m.end(), drl.length());
            String group = MAIN_AGENDA_GROUP;
            if (attributes.lookingAt()) {
                Matcher declared = AGENDA_GROUP.matcher(attributes.group(1));
                if (declared.find()) {
                    group = declared.group(1);
                }
            }
            groupByRuleName.put(m.group(1), group);
        }
        return groupByRuleName;
    }

    String releaseId() {
        return releaseId;
    }

    String declaredSha256() {
        return declaredSha256;
    }

    String actualSha256() {
        return actualSha256;
    }

    /** Rule names declared in the DRL sources, with the file that declares each. */
    Map<String, String> fileByRuleName() {
        return fileByRuleName;
    }

    /** Each rule's consequence (between {@code then} and {@code end}), by rule name; for the text catalog. */
    Map<String, String> bodies() {
        return bodyByRuleName;
    }

    /** Each rule's agenda group as its source declares it, by rule name. */
    Map<String, String> groupByRuleName() {
        return groupByRuleName;
    }

    private static String required(Properties manifest, String key) {
        String value = manifest.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new KnowledgeBaseException(MANIFEST + " has no " + key);
        }
        return value.trim();
    }

    private static byte[] resource(ClassLoader loader, String name) {
        try (InputStream in = loader.getResourceAsStream(name)) {
            if (in == null) {
                throw new KnowledgeBaseException("rule source " + name + " named in " + MANIFEST + " is missing");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            // A kjar that cannot be read (for example replaced on disk while in use) is not a knowledge base.
            throw new KnowledgeBaseException("the knowledge base could not be read: " + e.getMessage(), e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
