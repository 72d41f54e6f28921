package ai.naas.aws.platform.database;

import ai.naas.aws.platform.database.LocalPostgres.ProcessResult;
import ai.naas.aws.platform.spi.DatabaseConnection;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The database clients verify the server, proven against a real PostgreSQL that, like RDS with
 * {@code rds.force_ssl}, takes TLS connections only, with a certificate for an RDS-like host name issued by a
 * throwaway CA made here. The bootstrap Job's psql, run exactly as the planned Job runs it (its command, its libpq
 * environment, the master password read from the secret's JSON), connects when it trusts that CA and that name,
 * and refuses a server signed by another CA or named otherwise. Node, as node-postgres connects with
 * {@code PGSSLMODE=verify-full} ({@code tls.connect} after PostgreSQL's SSLRequest, {@code servername} the host),
 * trusts the CA from {@code NODE_EXTRA_CA_CERTS} alone and checks the name too.
 */
class DatabaseTlsTest {

    /** The name the server's certificate is for, as an RDS endpoint's; libpq reaches it on 127.0.0.1 (PGHOSTADDR). */
    private static final String HOST = "naas-test.c0ffee123456.eu-west-3.rds.amazonaws.com";
    private static final String MASTER = "naas_master";
    /** As RDS generates them: printable ASCII, here with the characters that need care in JSON and shells. */
    private static final String MASTER_PASSWORD = "m4st3r\\pa:ss'w$rd`<&>";

    private static Path pki;
    private static LocalPostgres server;

    @BeforeAll
    static void startPostgresWithACertificateFromAThrowawayCa() throws Exception {
        pki = Files.createTempDirectory("naas-tls-");
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=Test RDS Root CA",
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
                "-keyout", "ca.key", "-out", "ca.pem");
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=Some Other Root CA",
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
                "-keyout", "other.key", "-out", "other.pem");
        openssl("req", "-new", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=" + HOST,
                "-keyout", "server.key", "-out", "server.csr");
        Files.writeString(pki.resolve("server.ext"), "subjectAltName=DNS:" + HOST
                + "\nbasicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n");
        openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                "-days", "2", "-extfile", "server.ext", "-out", "server.pem");
        server = LocalPostgres.startWithTls(pki.resolve("server.pem"), pki.resolve("server.key"));
        try (var connection = server.connectAsSuperuser("postgres"); var statement = connection.createStatement()) {
            statement.execute("CREATE ROLE " + MASTER + " LOGIN CREATEROLE CREATEDB PASSWORD '"
                    + MASTER_PASSWORD.replace("'", "''") + "'");
        }
    }

    @AfterAll
    static void stop() throws IOException {
        if (server != null) {
            server.close();
        }
        if (pki != null) {
            try (var files = Files.walk(pki)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    @Test
    void theJobConnectsWhenItTrustsTheServersCaAndName() throws Exception {
        ProcessResult run = runTheJob("ca.pem", HOST, "tls_ok");
        assertThat(run.exitCode()).as(run.output()).isZero();
        // The script ran as the master user over TLS: the app role exists, and the session was encrypted.
        try (var connection = server.connectAsSuperuser("postgres"); var statement = connection.createStatement();
             var roles = statement.executeQuery("SELECT count(*) FROM pg_roles WHERE rolname = 'tls_ok'")) {
            roles.next();
            assertThat(roles.getInt(1)).isEqualTo(1);
        }
    }

    @Test
    void theJobRefusesAServerSignedByAnotherCa() throws Exception {
        ProcessResult run = runTheJob("other.pem", HOST, "tls_wrong_ca");
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.output()).contains("certificate verify failed");
        assertThat(roleExists("tls_wrong_ca")).isFalse();
    }

    @Test
    void theJobRefusesAServerWhoseCertificateNamesAnotherHost() throws Exception {
        ProcessResult run = runTheJob("ca.pem", "another-instance.c0ffee123456.eu-west-3.rds.amazonaws.com", "tls_wrong_host");
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.output()).contains("does not match host name \"another-instance.c0ffee123456.eu-west-3.rds.amazonaws.com\"");
        assertThat(roleExists("tls_wrong_host")).isFalse();
    }

    @Test
    void theServerTakesNoConnectionWithoutTls() throws Exception {
        ProcessResult run = runTheJob("ca.pem", HOST, "tls_plain", Map.of("PGSSLMODE", "disable"));
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.output()).contains("no encryption");
    }

    @Test
    void nodeTrustsTheCaFromNodeExtraCaCertsAndChecksTheName() throws Exception {
        assertThat(node("ca.pem", HOST)).isEqualTo(new Node(0, "verified " + HOST + "\n"));
        // Node's own CA store does not hold the server's CA: without the bundle, no connection.
        assertThat(node(null, HOST)).isEqualTo(new Node(1, "refused: UNABLE_TO_VERIFY_LEAF_SIGNATURE\n"));
        assertThat(node("other.pem", HOST)).isEqualTo(new Node(1, "refused: UNABLE_TO_VERIFY_LEAF_SIGNATURE\n"));
        assertThat(node("ca.pem", "another-instance.eu-west-3.rds.amazonaws.com"))
                .isEqualTo(new Node(1, "refused: ERR_TLS_CERT_ALTNAME_INVALID\n"));
    }

    private static boolean roleExists(String role) throws SQLException {
        try (var connection = server.connectAsSuperuser("postgres");
             var statement = connection.prepareStatement("SELECT count(*) FROM pg_roles WHERE rolname = ?")) {
            statement.setString(1, role);
            try (var result = statement.executeQuery()) {
                result.next();
                return result.getInt(1) == 1;
            }
        }
    }

    private static ProcessResult runTheJob(String caFile, String host, String appRole) throws Exception {
        return runTheJob(caFile, host, appRole, Map.of());
    }

    /**
     * Runs the planned Job's psql container here: its command and environment from the plan, with the server's
     * address, the test's master user and a bundle of {@code caFile} where the Job mounts the RDS bundle.
     */
    private static ProcessResult runTheJob(String caFile, String host, String appRole, Map<String, String> override)
            throws Exception {
        var plan = DatabaseBootstrapJobTest.planWith("hub-password", new ConcurrentHashMap<>());
        var psql = (Map<?, ?>) plan.ofType("kubernetes:batch/v1:Job").get(0).requireInput("spec.template.spec.containers.0");
        Path run = Files.createTempDirectory(pki, "run");
        Path bundleDir = Files.createDirectories(run.resolve("rds-ca"));
        Files.copy(pki.resolve(caFile), bundleDir.resolve(DatabaseConnection.CA_BUNDLE_KEY));
        Path secret = run.resolve("secret.json");
        // What the init container writes: the secret's JSON, as RDS keeps it.
        Files.writeString(secret, new ObjectMapper().writeValueAsString(Map.of("username", MASTER,
                "password", MASTER_PASSWORD)) + "\n");
        Path script = Files.writeString(run.resolve("bootstrap.sql"), DatabaseBootstrap.script(List.of(AppDatabase.named(appRole))));

        var environment = new HashMap<String, String>();
        for (Object entry : (List<?>) psql.get("env")) {
            var e = (Map<?, ?>) entry;
            environment.put(String.valueOf(e.get("name")), String.valueOf(e.get("value")));
        }
        assertThat(environment).containsEntry("PGSSLMODE", "verify-full")
                .containsEntry("PGSSLROOTCERT", DatabaseConnection.CA_BUNDLE_PATH);
        environment.put("PGSSLROOTCERT", environment.get("PGSSLROOTCERT")
                .replace(DatabaseConnection.CA_BUNDLE_DIR, bundleDir.toString()));
        environment.put("PGHOST", host);
        environment.put("PGHOSTADDR", "127.0.0.1");
        environment.put("PGPORT", Integer.toString(server.port()));
        environment.put("PGUSER", MASTER);
        environment.put(AppDatabase.named(appRole).passwordEnvVar(), "app-secret");
        environment.putAll(override);

        List<String> command = new ArrayList<>();
        for (Object part : (List<?>) psql.get("command")) {
            command.add(String.valueOf(part));
        }
        assertThat(command).isEqualTo(DatabaseBootstrap.jobCommand(DatabaseBootstrapJob.MASTER_FILE,
                "/etc/naas/db-bootstrap/bootstrap.sql"));
        command.set(command.size() - 2, secret.toString());
        command.set(command.size() - 1, script.toString());
        Path output = run.resolve("out.txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("PG") || name.startsWith(AppDatabase.PASSWORD_ENV_PREFIX));
        builder.environment().putAll(environment);
        builder.environment().put("PATH", server.psql().getParent() + ":" + System.getenv("PATH"));
        // No ~/.postgresql of the machine's user: the bundle comes from PGSSLROOTCERT only.
        builder.environment().put("HOME", run.toString());
        return ProcessResult.run(builder, output, 60);
    }

    private static Node node(String caFile, String servername) throws IOException {
        Path script = pki.resolve("connect.js");
        Files.writeString(script, """
                // As node-postgres's connection.js: SSLRequest, then tls.connect on the socket, servername the host.
                const net = require('net');
                const tls = require('tls');
                const [port, servername] = process.argv.slice(2);
                const socket = net.connect({ host: '127.0.0.1', port: Number(port) }, () => {
                  const request = Buffer.alloc(8);
                  request.writeInt32BE(8, 0);
                  request.writeInt32BE(80877103, 4);
                  socket.write(request);
                });
                socket.once('data', (answer) => {
                  if (answer.toString('latin1', 0, 1) !== 'S') { console.log('no TLS'); process.exit(3); }
                  const secure = tls.connect({ socket, servername });
                  secure.on('secureConnect', () => {
                    console.log('verified ' + secure.getPeerCertificate().subject.CN);
                    process.exit(0);
                  });
                  secure.on('error', (e) => { console.log('refused: ' + e.code); process.exit(1); });
                });
                socket.on('error', (e) => { console.log('socket: ' + e.message); process.exit(4); });
                """);
        Path output = Files.createTempFile(pki, "node", ".out");
        ProcessBuilder builder = new ProcessBuilder("node", script.toString(), Integer.toString(server.port()), servername)
                .redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().remove("NODE_EXTRA_CA_CERTS");
        builder.environment().remove("NODE_OPTIONS");
        if (caFile != null) {
            builder.environment().put("NODE_EXTRA_CA_CERTS", pki.resolve(caFile).toString());
        }
        ProcessResult result = ProcessResult.run(builder, output, 60);
        return new Node(result.exitCode(), result.output());
    }

    /** What the Node client printed, and its exit code. */
    record Node(int exitCode, String output) {
    }

    private static void openssl(String... args) throws IOException {
        var command = new ArrayList<String>();
        command.add("openssl");
        command.addAll(List.of(args));
        Path output = Files.createTempFile(pki, "openssl", ".out");
        ProcessResult result = ProcessResult.run(new ProcessBuilder(command).directory(pki.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile()), output, 60);
        assertThat(result.exitCode()).as(String.join(" ", command) + "\n" + result.output()).isZero();
    }
}
