package org.spinecare.advisor.cli;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/** Error text for the terminal: one line, no stack trace, no control characters. */
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
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            // The message would repeat the path, which the caller has already printed (escaped).
            return TerminalText.safe(fs.getReason().strip());
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        // Escaped, not joined: a line break inside a file name is shown as \n, so the name stays recognisable.
        return TerminalText.safe(message.strip());
    }
}
