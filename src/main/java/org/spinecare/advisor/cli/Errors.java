package org.spinecare.advisor.cli;

/** Error text for the terminal: one line, no stack trace. */
final class Errors {
    private Errors() {
    }

    static String oneLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
