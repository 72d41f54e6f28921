package ai.naas.aws.platform.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL server for tests: a fresh cluster in a temporary directory, listening on a free port of
 * 127.0.0.1 only (no Unix socket), with password (SCRAM) authentication as on RDS, stopped and deleted by
 * {@link #close()}.
 *
 * <p>It needs PostgreSQL 15 or later installed ({@code initdb}, {@code pg_ctl}, {@code postgres}, {@code psql}), found
 * through {@code pg_config --bindir}, then Debian's {@code /usr/lib/postgresql/<major>/bin} and the PGDG RPMs'
 * {@code /usr/pgsql-<major>/bin}, newest first. Without it {@link #start()} fails: the database bootstrap must not
 * pass untested. PostgreSQL refuses to run as root, so under root the server runs as the {@code postgres} OS user.
 */
final class LocalPostgres implements AutoCloseable {

    static final String SUPERUSER = "postgres";
    private static final String SUPERUSER_PASSWORD = "local-superuser-secret";
    private static final int MIN_MAJOR = 15;
    private static final String INSTALL_HINT = "install PostgreSQL " + MIN_MAJOR + " or later,"
            + " e.g. 'sudo apt-get install -y --no-install-recommends postgresql' on Debian 12 or Ubuntu 24.04";

    private final Path bin;
    private final Path dir;
    private final int port;
    private final boolean asPostgresUser;
    private final Optional<Tls> tls;
    private final Thread stopOnExit = new Thread(this::stopAndDelete, "stop local PostgreSQL");

    private LocalPostgres(Path bin, Path dir, int port, boolean asPostgresUser, Optional<Tls> tls) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
        this.asPostgresUser = asPostgresUser;
        this.tls = tls;
    }

    /** Creates and starts a new cluster, or fails saying what is missing. */
    static LocalPostgres start() {
        return start(Optional.empty());
    }

    /**
     * A cluster that, like RDS with {@code rds.force_ssl}, accepts TLS connections only, presenting {@code certificate}
     * (PEM, with {@code key}, an unencrypted PEM private key).
     */
    static LocalPostgres startWithTls(Path certificate, Path key) {
        return start(Optional.of(new Tls(certificate, key)));
    }

    private static LocalPostgres start(Optional<Tls> tls) {
        Path bin = findBinDir();
        boolean root = "root".equals(System.getProperty("user.name"));
        Path dir;
        try {
            dir = Files.createTempDirectory("naas-pg-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LocalPostgres server = new LocalPostgres(bin, dir, freePort(), root, tls);
        // A surefire fork killed mid-run still stops its server; close() removes the hook on the normal path.
        Runtime.getRuntime().addShutdownHook(server.stopOnExit);
        try {
            server.initAndStart();
            return server;
        } catch (RuntimeException | Error e) {
            server.close();
            throw e;
        }
    }

    /** The {@code psql} that belongs to this server. */
    Path psql() {
        return bin.resolve("psql");
    }

    /** The port it listens on, on 127.0.0.1. */
    int port() {
        return port;
    }

    /** The libpq variables that point {@code psql} at this server as {@code user}, on database {@code postgres}. */
    Map<String, String> libpqEnvironment(String user, String password) {
        return Map.of("PGHOST", "127.0.0.1", "PGPORT", Integer.toString(port), "PGDATABASE", "postgres",
                "PGUSER", user, "PGPASSWORD", password);
    }

    /** Opens a JDBC connection; the caller closes it. */
    Connection connect(String database, String user, String password) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database, user, password);
    }

    Connection connectAsSuperuser(String database) throws SQLException {
        return connect(database, SUPERUSER, SUPERUSER_PASSWORD);
    }

    /** Stops the server and deletes its files. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException alreadyShuttingDown) {
            // The hook is running or about to: it does the same work.
            return;
        }
        stopAndDelete();
    }

    private void initAndStart() {
        Path data = dir.resolve("data");
        Path passwordFile = dir.resolve("superuser-password");
        write(passwordFile, SUPERUSER_PASSWORD + "\n");
        if (asPostgresUser) {
            chownToPostgres(dir);
            chownToPostgres(passwordFile);
        }
        runAsServerUser(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", SUPERUSER,
                "--pwfile=" + passwordFile, "--auth=scram-sha-256", "-E", "UTF8", "--locale=C", "--no-sync"));
        // Appended settings win over initdb's. Durability is pointless for a server deleted minutes later.
        append(data.resolve("postgresql.conf"), String.join("\n",
                "",
                "listen_addresses = '127.0.0.1'",
                "port = " + port,
                "unix_socket_directories = ''",
                "fsync = off",
                "synchronous_commit = off",
                "full_page_writes = off",
                ""));
        if (tls.isPresent()) {
            Path certificate = dir.resolve("server.crt");
            Path key = dir.resolve("server.key");
            try {
                Files.copy(tls.get().certificate(), certificate);
                Files.copy(tls.get().key(), key);
                // The server refuses a key that group or others may read.
                Files.setPosixFilePermissions(key, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (asPostgresUser) {
                chownToPostgres(certificate);
                chownToPostgres(key);
            }
            append(data.resolve("postgresql.conf"), String.join("\n",
                    "ssl = on",
                    "ssl_cert_file = '" + certificate + "'",
                    "ssl_key_file = '" + key + "'",
                    ""));
            // TLS or nothing, as rds.force_ssl: no rule matches a connection without it.
            write(data.resolve("pg_hba.conf"), "hostssl all all 127.0.0.1/32 scram-sha-256\n");
        }
        runAsServerUser(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(),
                "-l", dir.resolve("server.log").toString(), "-w", "-t", "60", "start"));
    }

    /** The server's certificate and key. */
    private record Tls(Path certificate, Path key) {
    }

    private void stopAndDelete() {
        try {
            Path data = dir.resolve("data");
            if (Files.exists(data.resolve("postmaster.pid"))) {
                runAsServerUser(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(),
                        "-m", "immediate", "-w", "stop"));
            }
        } finally {
            deleteRecursively(dir);
        }
    }

    /**
     * Runs a server tool as the OS user that owns the cluster. The output goes to a file, not a pipe: the postmaster
     * that {@code pg_ctl start} leaves behind would otherwise hold the pipe open, and reading it would never end.
     */
    private void runAsServerUser(List<String> command) {
        List<String> full = new ArrayList<>();
        if (asPostgresUser) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        Path output = dir.resolve("command.out");
        ProcessBuilder builder = new ProcessBuilder(full)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        // initdb takes its locale and defaults from these: keep the cluster independent of the caller's shell.
        builder.environment().keySet().removeIf(name -> name.startsWith("PG") || name.startsWith("LC_"));
        builder.environment().put("LANG", "C");
        ProcessResult result = ProcessResult.run(builder, output, 120);
        if (result.exitCode() != 0) {
            throw new IllegalStateException("local PostgreSQL: '" + String.join(" ", full) + "' exited with "
                    + result.exitCode() + ":\n" + result.output() + serverLog());
        }
    }

    private String serverLog() {
        Path log = dir.resolve("server.log");
        return Files.exists(log) ? "\nserver log:\n" + read(log) : "";
    }

    private static Path findBinDir() {
        List<Path> candidates = new ArrayList<>();
        pgConfigBinDir().ifPresent(candidates::add);
        candidates.addAll(versionedDirs(Path.of("/usr/lib/postgresql"), "", "bin"));
        candidates.addAll(versionedDirs(Path.of("/usr"), "pgsql-", "bin"));
        for (Path candidate : candidates) {
            if (Stream.of("initdb", "pg_ctl", "postgres", "psql")
                    .allMatch(tool -> Files.isExecutable(candidate.resolve(tool)))) {
                int major = majorVersion(candidate.resolve("psql"));
                if (major < MIN_MAJOR) {
                    throw new IllegalStateException("PostgreSQL in " + candidate + " is version " + major
                            + "; the database bootstrap needs " + MIN_MAJOR + " or later (psql's \\getenv): "
                            + INSTALL_HINT);
                }
                return candidate;
            }
        }
        throw new IllegalStateException("PostgreSQL server binaries (initdb, pg_ctl, postgres, psql) not found;"
                + " looked in pg_config --bindir, /usr/lib/postgresql/*/bin and /usr/pgsql-*/bin: " + INSTALL_HINT);
    }

    private static Optional<Path> pgConfigBinDir() {
        try {
            Path out = Files.createTempFile("pg_config", ".out");
            try {
                ProcessBuilder builder = new ProcessBuilder("pg_config", "--bindir").redirectOutput(out.toFile());
                ProcessResult result = ProcessResult.run(builder, out, 30);
                return result.exitCode() == 0 ? Optional.of(Path.of(result.output().strip())) : Optional.empty();
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException | UncheckedIOException noPgConfig) {
            return Optional.empty();
        }
    }

    /** {@code <parent>/<prefix><major>/<sub>} for every numeric major version found, newest first. */
    private static List<Path> versionedDirs(Path parent, String prefix, String sub) {
        if (!Files.isDirectory(parent)) {
            return List.of();
        }
        Pattern name = Pattern.compile(Pattern.quote(prefix) + "(\\d+)");
        try (Stream<Path> children = Files.list(parent)) {
            return children
                    .map(child -> name.matcher(child.getFileName().toString()))
                    .filter(Matcher::matches)
                    .map(match -> Map.entry(Integer.parseInt(match.group(1)), match.group()))
                    .sorted(Map.Entry.<Integer, String>comparingByKey(Comparator.reverseOrder()))
                    .map(entry -> parent.resolve(entry.getValue()).resolve(sub))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int majorVersion(Path psql) {
        try {
            Path out = Files.createTempFile("psql-version", ".out");
            try {
                ProcessBuilder builder = new ProcessBuilder(psql.toString(), "--version").redirectOutput(out.toFile());
                ProcessResult result = ProcessResult.run(builder, out, 30);
                Matcher version = Pattern.compile("\\(PostgreSQL\\) (\\d+)").matcher(result.output());
                if (result.exitCode() != 0 || !version.find()) {
                    throw new IllegalStateException("cannot tell the version of " + psql + ": " + result.output());
                }
                return Integer.parseInt(version.group(1));
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void chownToPostgres(Path path) {
        try {
            UserPrincipal postgres = path.getFileSystem().getUserPrincipalLookupService()
                    .lookupPrincipalByName("postgres");
            Files.setOwner(path, postgres);
        } catch (UserPrincipalNotFoundException e) {
            throw new IllegalStateException("running as root, the tests start PostgreSQL as the 'postgres' OS user,"
                    + " which does not exist: " + INSTALL_HINT + " (its package creates the user)", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void append(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A finished process: its exit code and its combined output. */
    record ProcessResult(int exitCode, String output) {

        /** Starts the process, whose output {@code builder} redirects to {@code output}, and waits for it. */
        static ProcessResult run(ProcessBuilder builder, Path output, int timeoutSeconds) {
            try {
                Process process = builder.start();
                if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                    throw new IllegalStateException("'" + String.join(" ", builder.command()) + "' took longer than "
                            + timeoutSeconds + " s:\n" + read(output));
                }
                return new ProcessResult(process.exitValue(), read(output));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while running " + builder.command(), e);
            }
        }
    }
}
