package org.spinecare.advisor;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Serves one release's kjar from the bytes that were read (and digested) once, child first. A release's fact model
 * has the same package names as the kjar on the class path, so its classes and rule resources must never come from
 * the parent: a class or rule file missing from the jar is missing, not borrowed from another release. Everything
 * else (Drools, the JDK) comes from the parent, so that the engine and the facade share one copy of the engine.
 * Holding the bytes rather than the file means a jar replaced on disk after loading cannot change a live release.
 */
final class ReleaseClassLoader extends ClassLoader {
    /** The kjar's own name spaces: never looked up in the parent. */
    private static final String[] ISOLATED = {
            "org/spinecare/", "META-INF/spine-kb.properties", "META-INF/kmodule.xml", "META-INF/kie/",
            "META-INF/kb-sources/", "META-INF/maven/org.spinecare/"};

    static {
        registerAsParallelCapable();
    }

    private final Map<String, byte[]> entries;
    private final String origin;

    ReleaseClassLoader(byte[] jar, String origin, ClassLoader parent) {
        super("release:" + origin, parent);
        this.entries = unzip(jar, origin);
        this.origin = origin;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        String path = name.replace('.', '/') + ".class";
        if (!entries.containsKey(path) && !isolated(path)) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null) {
                byte[] bytes = entries.get(path);
                if (bytes == null) {
                    throw new ClassNotFoundException(name + " is not in release " + origin);
                }
                loaded = defineClass(name, bytes, 0, bytes.length);
            }
            if (resolve) {
                resolveClass(loaded);
            }
            return loaded;
        }
    }

    @Override
    public InputStream getResourceAsStream(String name) {
        byte[] bytes = entries.get(name);
        if (bytes != null) {
            return new ByteArrayInputStream(bytes);
        }
        return isolated(name) ? null : super.getResourceAsStream(name);
    }

    /** Resources of the kjar have no URL (they live in memory); only {@link #getResourceAsStream} serves them. */
    @Override
    public java.net.URL getResource(String name) {
        return entries.containsKey(name) || isolated(name) ? null : super.getResource(name);
    }

    @Override
    public Enumeration<java.net.URL> getResources(String name) throws IOException {
        return entries.containsKey(name) || isolated(name) ? Collections.emptyEnumeration() : super.getResources(name);
    }

    private static boolean isolated(String path) {
        for (String prefix : ISOLATED) {
            if (path.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, byte[]> unzip(byte[] jar, String origin) {
        Map<String, byte[]> out = new HashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(jar))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (!entry.isDirectory() && out.put(entry.getName(), zip.readAllBytes()) != null) {
                    throw new KnowledgeBaseException(origin + " holds " + entry.getName() + " twice");
                }
            }
        } catch (IOException e) {
            throw new KnowledgeBaseException(origin + " is not a readable jar: " + e.getMessage(), e);
        }
        if (out.isEmpty()) {
            throw new KnowledgeBaseException(origin + " is not a jar (no entries)");
        }
        return Map.copyOf(out);
    }
}
