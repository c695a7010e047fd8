package org.spinecare.advisor;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * One loaded, self-checked knowledge base release: the kjar on the class path, or a kjar file built by this project
 * (an older or a newer release). Several can be live in one JVM and answer independently; an advisor is given one
 * ({@link SpineAdvisor.Builder#release}) and can be swapped to another ({@link SpineAdvisor#swap}).
 */
public final class KnowledgeRelease {
    /** Far above any kjar of this project (about 300 KB); a bigger file is not one of its releases. */
    static final long MAX_JAR_BYTES = 64L << 20;

    private final KnowledgeBase knowledgeBase;
    private final String jarSha256;

    private KnowledgeRelease(KnowledgeBase knowledgeBase, String jarSha256) {
        this.knowledgeBase = knowledgeBase;
        this.jarSha256 = jarSha256;
    }

    /** A release of an already checked knowledge base; for tests that inject a faulty one. */
    static KnowledgeRelease of(KnowledgeBase knowledgeBase) {
        return new KnowledgeRelease(knowledgeBase, null);
    }

    /** The release shipped on the class path. */
    public static KnowledgeRelease classPath() {
        return new KnowledgeRelease(KnowledgeBase.load(), null);
    }

    /**
     * Loads the release in this kjar file. The file is read once; its rule digest, executable model and rules are
     * checked as at start-up.
     *
     * @throws KnowledgeBaseException when the file cannot be read or fails the self-check, with the reason
     */
    public static KnowledgeRelease fromJar(Path jar) {
        Objects.requireNonNull(jar, "jar");
        byte[] bytes;
        try (InputStream in = Files.newInputStream(jar)) {
            bytes = in.readNBytes((int) MAX_JAR_BYTES + 1);
        } catch (IOException e) {
            throw new KnowledgeBaseException(jar + " cannot be read: " + e.getMessage(), e);
        }
        if (bytes.length > MAX_JAR_BYTES) {
            throw new KnowledgeBaseException(jar + " is larger than " + (MAX_JAR_BYTES >> 20) + " MiB: not a kjar");
        }
        KnowledgeBase loaded = KnowledgeBase.loadJar(bytes, jar.getFileName().toString());
        try {
            return new KnowledgeRelease(loaded,
                    HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    public KnowledgeBaseInfo info() {
        return knowledgeBase.info();
    }

    /** SHA-256 of the kjar file as read, or null for the class path's release. */
    public String jarSha256() {
        return jarSha256;
    }

    /** Every rule of this release, ordered by id. */
    public List<RuleInfo> rules() {
        return knowledgeBase.catalog();
    }

    /**
     * The fields of these facts this release does not model, as JSON paths (for example a finding added after it
     * was built); an advisor on this release refuses such facts. Empty for the release the library was built with.
     */
    public List<String> notModelled(PatientFacts facts) {
        return knowledgeBase.model().notModelled(facts);
    }

    /** These facts without what this release does not model: what it would have been told. */
    public PatientFacts modelledPart(PatientFacts facts) {
        return knowledgeBase.model().modelledPart(facts);
    }

    KnowledgeBase knowledgeBase() {
        return knowledgeBase;
    }

    @Override
    public String toString() {
        return info().releaseId() + " (rules " + info().rulesSha256() + ")";
    }
}
