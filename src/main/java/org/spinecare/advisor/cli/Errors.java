package org.spinecare.advisor.cli;

import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

/** Error text for the terminal: one line, no stack trace. */
final class Errors {
    private Errors() {
    }

    static String oneLine(Throwable e) {
        // The JDK's file exceptions carry only the path as their message; say what went wrong instead.
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
