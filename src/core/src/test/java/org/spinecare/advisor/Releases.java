package org.spinecare.advisor;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;

/** The real releases the release tests load: 1.0.0 rebuilt from git history, and the one this build made. */
public final class Releases {
    private Releases() {
    }

    /** Knowledge base 1.0.0, rebuilt from commit 1b9a22d (src/core/src/test/resources/releases/README.md). */
    public static Path v1() {
        return resource("releases/spine-kjar-1.0.0.jar");
    }

    /** The kjar this build packaged, the same bytes as on the class path (kjar/target). */
    public static Path current() {
        URL manifest = Releases.class.getClassLoader().getResource(RuleSources.MANIFEST);
        try {
            if (manifest != null && manifest.getProtocol().equals("jar")) {
                String file = manifest.getPath().substring(0, manifest.getPath().indexOf("!/"));
                return Path.of(new URL(file).toURI());
            }
            // Built only to target/classes (compile, not package): the jar is beside it if the kjar was packaged.
            Path classes = Path.of(manifest.toURI()).getParent().getParent();
            try (var jars = Files.list(classes.getParent())) {
                return jars.filter(p -> p.getFileName().toString().matches("spine-kjar-.*\\.jar")).findFirst()
                        .orElseThrow(() -> new IllegalStateException("package the kjar first: mvn -pl src/core -am "
                                + "verify"));
            }
        } catch (Exception e) {
            throw new IllegalStateException("the class path's kjar cannot be found: " + e, e);
        }
    }

    /** The resource as a file: itself in this module, a temporary copy when it is read from the test jar. */
    private static synchronized Path resource(String name) {
        URL url = Releases.class.getClassLoader().getResource(name);
        try {
            if (url.getProtocol().equals("file")) {
                return Path.of(url.toURI());
            }
            Path copy = Files.createTempFile("release-", "-" + Path.of(name).getFileName());
            copy.toFile().deleteOnExit();
            try (var in = url.openStream()) {
                Files.copy(in, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            return copy;
        } catch (URISyntaxException | java.io.IOException e) {
            throw new IllegalStateException("release fixture " + name + " cannot be read: " + e, e);
        }
    }

    /** The jar with one entry changed by {@code change}, or left out when it returns null (for refused releases). */
    static byte[] rewritten(byte[] jar, String entryName, java.util.function.UnaryOperator<String> change)
            throws java.io.IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (var in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(jar));
             var zip = new java.util.zip.ZipOutputStream(out)) {
            for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                byte[] bytes = in.readAllBytes();
                if (e.getName().equals(entryName)) {
                    String changed = change.apply(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
                    if (changed == null) {
                        continue;
                    }
                    bytes = changed.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                }
                zip.putNextEntry(new java.util.zip.ZipEntry(e.getName()));
                zip.write(bytes);
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }
}
