package org.spinecare.advisor;

import java.util.Objects;

/**
 * Patient facts that cannot be assessed. {@link #code()} is a stable error code and {@link #path()} the JSON
 * path of the offending field, so that clinic software can show the user which field to correct.
 */
public final class InvalidFactsException extends IllegalArgumentException {
    /** The stable error codes; their names appear in messages and in the command line's output. */
    public enum Code {
        UNKNOWN_FIELD, UNKNOWN_CODE, WRONG_TYPE, NULL_VALUE, OUT_OF_RANGE, DUPLICATE_KEY, DUPLICATE_VALUE,
        MALFORMED_JSON, TRAILING_CONTENT, EMPTY_INPUT, BYTE_ORDER_MARK, TOO_LARGE, TOO_DEEP
    }

    private final Code code;
    private final String path;
    private final String detail;

    public InvalidFactsException(Code code, String path, String detail) {
        // Checked inside super(...), the first statement: a message must never end in [null].
        super(path + ": " + detail + " [" + Objects.requireNonNull(code, "code").name() + "]");
        this.code = code;
        this.path = path;
        this.detail = detail;
    }

    public Code code() {
        return code;
    }

    /** The JSON path of the field at fault, {@code $} for the document as a whole. */
    public String path() {
        return path;
    }

    public String detail() {
        return detail;
    }
}
