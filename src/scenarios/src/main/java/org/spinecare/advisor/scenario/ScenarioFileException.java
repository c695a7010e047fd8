package org.spinecare.advisor.scenario;

import java.nio.file.Path;

/**
 * A scenario file that cannot be read as scenarios: bad JSON, an unknown key, an unknown code, a missing field.
 * This is a broken file, never a failing scenario; {@link #path()} is the JSON path inside {@link #file()}.
 */
public final class ScenarioFileException extends RuntimeException {
    private final Path file;
    private final String path;
    private final String detail;

    public ScenarioFileException(Path file, String path, String detail) {
        super(file + ": " + path + ": " + detail);
        this.file = file;
        this.path = path;
        this.detail = detail;
    }

    public Path file() {
        return file;
    }

    /** The JSON path of the offending value, {@code $} for the file as a whole. */
    public String path() {
        return path;
    }

    public String detail() {
        return detail;
    }
}
