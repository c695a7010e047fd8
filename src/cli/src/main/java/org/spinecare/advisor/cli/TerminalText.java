package org.spinecare.advisor.cli;

/**
 * Text made safe to echo on a terminal or into a line-based log: every control character (C0, DEL, C1), invisible
 * format character (zero-width, bidirectional overrides), line or paragraph separator and unpaired surrogate is
 * written as an escape ({@code \n}, {@code \u001b}), so a file name or other user text can neither start an
 * escape sequence, nor break a message into two lines, nor reorder what is shown. Every path or piece of user
 * text that the command line prints goes through {@link #safe}.
 */
public final class TerminalText {
    private TerminalText() {
    }

    public static String safe(Object value) {
        String text = String.valueOf(value);
        StringBuilder escaped = null;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            int width = Character.charCount(c);
            if (needsEscape(c)) {
                if (escaped == null) {
                    escaped = new StringBuilder(text.length() + 16).append(text, 0, i);
                }
                escaped.append(escape(c));
            } else if (escaped != null) {
                escaped.appendCodePoint(c);
            }
            i += width;
        }
        return escaped == null ? text : escaped.toString();
    }

    private static boolean needsEscape(int c) {
        int type = Character.getType(c);
        return Character.isISOControl(c) || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE;
    }

    private static String escape(int c) {
        return switch (c) {
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            default -> c > 0xFFFF ? String.format("\\U%08x", c) : String.format("\\u%04x", c);
        };
    }
}
