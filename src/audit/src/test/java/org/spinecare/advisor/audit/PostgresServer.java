package org.spinecare.advisor.audit;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.opentest4j.TestAbortedException;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A real PostgreSQL server for the database trail's tests and benchmark, started from the binaries Debian's
 * {@code postgresql} package installs, in a temporary data directory, listening on loopback only, once per JVM and
 * stopped (its directory deleted) when the JVM exits. As root the server runs as the {@code postgres} user, since
 * PostgreSQL refuses to run as root. Durability settings are the server's defaults ({@code fsync} on), so what the
 * tests and the benchmark see is what a host gets.
 *
 * <p>Without the binaries the tests are skipped, saying why (bash .ci/run installs them).
 */
public final class PostgresServer {
    private static PostgresServer shared;
    private static String unavailable;

    private final Path directory;
    private final Path bin;
    private final boolean asPostgres;
    private final int port;
    private final AtomicInteger tables = new AtomicInteger();

    private PostgresServer(Path directory, Path bin, boolean asPostgres, int port) {
        this.directory = directory;
        this.bin = bin;
        this.asPostgres = asPostgres;
        this.port = port;
    }

    /** The server of this JVM, started on first use; a test calling it is skipped when there is none. */
    public static synchronized PostgresServer shared() {
        if (shared == null && unavailable == null) {
            try {
                shared = start();
            } catch (IOException | InterruptedException | RuntimeException e) {
                unavailable = "could not start a PostgreSQL server: " + e.getMessage();
            }
            if (unavailable != null) {
                System.err.println("PostgresServer: the database trail tests are skipped: " + unavailable);
            }
        }
        if (shared == null) {
            throw new TestAbortedException(unavailable);
        }
        return shared;
    }

    /**
     * A server of the caller's own, for a test that stops and starts it ({@link #pause}, {@link #resume}); stopped
     * when the JVM exits. Throws the skipping exception when there is no PostgreSQL.
     */
    public static PostgresServer own() {
        shared();
        try {
            return start();
        } catch (IOException | InterruptedException e) {
            throw new TestAbortedException("could not start a second PostgreSQL server: " + e.getMessage());
        }
    }

    /** Stops the server (fast shutdown: sessions are cut), keeping its data for {@link #resume}. */
    public void pause() throws IOException, InterruptedException {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", directory.resolve("data").toString(), "-m", "fast",
                "-w", "stop"), asPostgres, directory);
    }

    /** Starts the paused server again on the same port. */
    public void resume() throws IOException, InterruptedException {
        initAndStart(false);
    }

    /** A data source for the server's {@code postgres} database, as the trust-authenticated user {@code spine}. */
    public DataSource dataSource() {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setServerNames(new String[] {"127.0.0.1"});
        source.setPortNumbers(new int[] {port});
        source.setDatabaseName("postgres");
        source.setUser("spine");
        return source;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=spine";
    }

    /** A table name no other test of this JVM uses, so tests share the server without sharing a chain. */
    public String freshTable(String prefix) {
        return prefix + "_" + tables.incrementAndGet();
    }

    private static PostgresServer start() throws IOException, InterruptedException {
        Path bin = binaries();
        if (bin == null) {
            unavailable = "PostgreSQL's server binaries (initdb, pg_ctl) were not found under /usr/lib/postgresql "
                    + "or in SPINE_PG_BIN: install Debian's postgresql package (bash .ci/run does)";
            return null;
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        IOException lastFailure = null;
        // Another process may take the free port before the server binds it: try again on another.
        for (int attempt = 0; attempt < 3; attempt++) {
            Path directory = Files.createTempDirectory("spine-pg-");
            if (root) {
                run(List.of("chown", "postgres:postgres", directory.toString()), false, directory);
            }
            int port = freePort();
            PostgresServer server = new PostgresServer(directory, bin, root, port);
            try {
                server.initAndStart(true);
                Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "postgres-stop"));
                return server;
            } catch (IOException e) {
                lastFailure = e;
                server.stop();
            }
        }
        throw lastFailure;
    }

    private void initAndStart(boolean init) throws IOException, InterruptedException {
        Path data = directory.resolve("data");
        if (init) {
            run(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-A", "trust", "-U", "spine",
                    "-E", "UTF8", "--no-locale", "--no-sync"), asPostgres, directory);
        }
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-w", "-t", "60",
                "-l", directory.resolve("server.log").toString(), "-o",
                "-k " + directory + " -p " + port + " -c listen_addresses=127.0.0.1", "start"), asPostgres, directory);
    }

    private void stop() {
        try {
            Path data = directory.resolve("data");
            if (Files.exists(data.resolve("postmaster.pid"))) {
                run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "fast", "-w", "stop"),
                        asPostgres, directory);
            }
        } catch (IOException | InterruptedException e) {
            System.err.println("PostgresServer: could not stop the server in " + directory + ": " + e.getMessage());
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException ignored) {
            // A temporary directory left behind is not worth failing a test run for.
        }
    }

    private static Path binaries() throws IOException {
        String given = System.getenv("SPINE_PG_BIN");
        if (given != null && Files.isExecutable(Path.of(given, "pg_ctl"))) {
            return Path.of(given);
        }
        Path versions = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(versions)) {
            return null;
        }
        try (Stream<Path> found = Files.list(versions)) {
            return found.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparing(b -> versionOf(b.getParent())))
                    .orElse(null);
        }
    }

    private static int versionOf(Path directory) {
        try {
            return Integer.parseInt(directory.getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void run(List<String> command, boolean asPostgres, Path directory)
            throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (asPostgres) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        Process process = new ProcessBuilder(full).directory(directory.toFile()).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            Path log = directory.resolve("server.log");
            String serverLog = Files.exists(log) ? Files.readString(log) : "";
            throw new IOException(String.join(" ", command) + " failed: "
                    + new String(output, StandardCharsets.UTF_8).strip() + " " + serverLog.strip());
        }
    }
}
