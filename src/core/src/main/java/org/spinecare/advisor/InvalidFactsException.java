package org.spinecare.advisor;

/**
 * Patient facts that cannot be assessed. {@link #code()} is a stable error code and {@link #path()} the JSON
 * path of the offending field, so that clinic software can show the user which field to correct.
 */
public final class InvalidFactsException extends IllegalArgumentException {
    public static final String UNKNOWN_FIELD = "UNKNOWN_FIELD";
    public static final String UNKNOWN_CODE = "UNKNOWN_CODE";
    public static final String WRONG_TYPE = "WRONG_TYPE";
    public static final String NULL_VALUE = "NULL_VALUE";
    public static final String OUT_OF_RANGE = "OUT_OF_RANGE";
    public static final String DUPLICATE_KEY = "DUPLICATE_KEY";
    public static final String DUPLICATE_VALUE = "DUPLICATE_VALUE";
    public static final String MALFORMED_JSON = "MALFORMED_JSON";
    public static final String TRAILING_CONTENT = "TRAILING_CONTENT";
    public static final String EMPTY_INPUT = "EMPTY_INPUT";
    public static final String BYTE_ORDER_MARK = "BYTE_ORDER_MARK";
    public static final String TOO_LARGE = "TOO_LARGE";
    public static final String TOO_DEEP = "TOO_DEEP";

    private final String code;
    private final String path;
    private final String detail;

    public InvalidFactsException(String code, String path, String detail) {
        super(path + ": " + detail + " [" + code + "]");
        this.code = code;
        this.path = path;
        this.detail = detail;
    }

    public String code() {
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
