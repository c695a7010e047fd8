package org.spinecare.advisor.service;

/**
 * A request the service refuses, answered as a short JSON problem: the status, the field at fault (a JSON path, a
 * header or a parameter) and one line saying what is wrong. Never carries patient data or a stack trace.
 */
final class RequestException extends RuntimeException {
    private final int status;
    private final String field;

    RequestException(int status, String field, String message) {
        super(message, null, false, false);
        this.status = status;
        this.field = field;
    }

    static RequestException badRequest(String field, String message) {
        return new RequestException(400, field, message);
    }

    int status() {
        return status;
    }

    String field() {
        return field;
    }
}
