package org.spinecare.advisor.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code spine} in a child JVM, started through bash so that its standard streams can be closed ({@code >&-}) or
 * pointed at a device ({@code >/dev/full}): what a shell user does, and what no in-process capture can imitate.
 */
final class ChildCli {
    private ChildCli() {
    }

    record Result(int exit, String out, String err) {
    }

    /** The java command line for {@code spine ARGS} (quick start options, as the launcher uses for one call). */
    static List<String> command(String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
                "-cp", classPath(), SpineCli.class.getName()));
        command.addAll(List.of(args));
        return command;
    }

    /**
     * Runs {@code spine ARGS} with bash redirections applied to it (e.g. {@code ">&-"}, {@code ">/dev/full"},
     * {@code "<&-"}); what is not redirected is captured.
     */
    static Result run(String redirections, String... args) throws IOException, InterruptedException {
        StringBuilder script = new StringBuilder("exec");
        for (String part : command(args)) {
            script.append(' ').append(quote(part));
        }
        script.append(' ').append(redirections);
        Process process = new ProcessBuilder("bash", "-c", script.toString()).start();
        process.getOutputStream().close();
        byte[][] captured = new byte[2][];
        Thread err = new Thread(() -> {
            try {
                captured[1] = process.getErrorStream().readAllBytes();
            } catch (IOException e) {
                captured[1] = new byte[0];
            }
        });
        err.start();
        captured[0] = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("spine did not finish: " + String.join(" ", args));
        }
        err.join();
        return new Result(process.exitValue(), new String(captured[0], StandardCharsets.UTF_8),
                new String(captured[1], StandardCharsets.UTF_8));
    }

    /**
     * The test class path itself: surefire starts this JVM from a jar whose manifest lists it, which works for a
     * child too but cannot be archived for class-data sharing.
     */
    static String classPath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
