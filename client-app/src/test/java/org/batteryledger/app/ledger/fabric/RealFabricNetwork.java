package org.batteryledger.app.ledger.fabric;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.batteryledger.app.demo.DemoConsortium;
import org.batteryledger.app.demo.DemoUser;
import org.batteryledger.app.identity.LedgerUser;
import org.junit.jupiter.api.Assumptions;

/**
 * The native Fabric network of {@code network-config/} for the {@code *FabricIT} suites (Maven
 * profile {@code fabric-it}): found, brought up once per JVM with the chaincode deployed, and torn
 * down when the JVM ends. Every suite first calls {@link #assumeBinaries()}, so that where Fabric's
 * binaries are missing the suites are skipped with a message saying so.
 *
 * <p>The network scripts are the other half of the contract: {@code network-config/scripts/network.sh
 * up|down|status|clean} and {@code deploy-chaincode.sh} (or, where the scripts name them so, {@code
 * network.sh start|stop|deploy} and {@code enrol.sh demo}), which leave a connection file (a
 * {@code .properties} file with the {@code battery.fabric.*} keys; {@code BATTERY_FABRIC_CONNECTION}
 * may name it) and the demo users' enrolments (see {@link FabricIdentities}).
 *
 * <p>A peer is stopped and restarted without the scripts: the process listening on the gateway
 * endpoint is found in {@code /proc}, its command line, environment and working directory are
 * kept, it is terminated, and the same command is started again (and stopped at the end).
 */
public final class RealFabricNetwork {
    public static final List<String> BINARIES = List.of("peer", "orderer", "configtxgen", "osnadmin", "cryptogen");
    public static final String SKIPPED = "Fabric binaries not found on PATH or FABRIC_BIN (need peer, orderer,"
            + " configtxgen, osnadmin, cryptogen): skipped";
    private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(10);
    private static RealFabricNetwork instance;

    private final Path networkConfig;
    private final Map<String, String> properties;
    private final List<Process> restarted = new ArrayList<>();
    private PeerProcess stoppedPeer;

    private RealFabricNetwork(Path networkConfig, Map<String, String> properties) {
        this.networkConfig = networkConfig;
        this.properties = properties;
    }

    /** Skips the calling suite, with {@link #SKIPPED}, unless every binary is on FABRIC_BIN or PATH. */
    public static void assumeBinaries() {
        List<String> missing = missingBinaries();
        String reason = missing.isEmpty() ? null : SKIPPED + " (missing: " + String.join(", ", missing) + ")";
        if (reason == null && findNetworkConfig().isEmpty()) {
            reason = "network-config/scripts/network.sh not found above " + Path.of("").toAbsolutePath() + ": skipped";
        }
        if (reason != null) {
            // Also on the console: a class skipped in @BeforeAll shows as "Tests run: 0" in the reports.
            System.err.println("fabric-it: " + reason);
        }
        Assumptions.assumeTrue(reason == null, reason);
    }

    static List<String> missingBinaries() {
        List<Path> dirs = new ArrayList<>();
        String fabricBin = System.getenv("FABRIC_BIN");
        if (fabricBin != null && !fabricBin.isBlank()) {
            dirs.add(Path.of(fabricBin));
        }
        String path = System.getenv().getOrDefault("PATH", "");
        for (String p : path.split(File.pathSeparator)) {
            if (!p.isBlank()) {
                dirs.add(Path.of(p));
            }
        }
        return BINARIES.stream().filter(b -> dirs.stream().noneMatch(d -> Files.isExecutable(d.resolve(b)))).toList();
    }

    static Optional<Path> findNetworkConfig() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("network-config/scripts/network.sh"))) {
                return Optional.of(d.resolve("network-config"));
            }
        }
        return Optional.empty();
    }

    /** The network, up with the chaincode deployed; the first call brings it up (minutes). */
    public static synchronized RealFabricNetwork get() {
        if (instance == null) {
            Path config = findNetworkConfig().orElseThrow();
            RealFabricNetwork net = new RealFabricNetwork(config, null);
            Runtime.getRuntime().addShutdownHook(new Thread(net::tearDown, "fabric-it-teardown"));
            net.script("network.sh", net.supports("up") ? "up" : "start");
            if (Files.isRegularFile(config.resolve("scripts/deploy-chaincode.sh"))) {
                net.script("deploy-chaincode.sh");
            } else {
                net.script("network.sh", "deploy");
            }
            if (Files.isRegularFile(config.resolve("scripts/enrol.sh"))) {
                net.script("enrol.sh", "demo"); // the demo users' identities, where the scripts provide them
            }
            instance = new RealFabricNetwork(config, readConnection(config));
            Runtime.getRuntime().addShutdownHook(new Thread(instance::stopRestarted, "fabric-it-restarted-peers"));
        }
        return instance;
    }

    /** The {@code battery.*} settings for the app in Fabric mode, from the network's connection file. */
    public Map<String, String> properties() {
        Map<String, String> p = new LinkedHashMap<>(properties);
        p.put("battery.ledger-mode", "FABRIC");
        p.putIfAbsent("battery.fabric.reconnect-delay", "500ms");
        return p;
    }

    /** The demo users' enrolments from the identity directory; fails naming any missing one. */
    public Map<String, LedgerUser> demoUsers() {
        Path dir = Path.of(properties.get("battery.fabric.identity-dir"));
        Map<String, LedgerUser> byName = new LinkedHashMap<>();
        FabricIdentities.load(dir, properties.get("battery.fabric.msp-id")).forEach(u -> byName.put(u.name(), u));
        List<String> missing = DemoConsortium.users().stream().map(DemoUser::username)
                .filter(n -> !byName.containsKey(n)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("the network's identity directory " + dir + " lacks the demo users "
                    + missing + "; the enrolment tool must enrol each demo company's user");
        }
        return byName;
    }

    /** Terminates the gateway peer (SIGTERM, then SIGKILL after 30 s), remembering how to start it again. */
    public synchronized void stopPeer() {
        String endpoint = properties.get("battery.fabric.peer-endpoint");
        int port = Integer.parseInt(endpoint.substring(endpoint.lastIndexOf(':') + 1));
        stoppedPeer = PeerProcess.listeningOn(port).orElseThrow(() -> new IllegalStateException(
                "no peer process found listening on " + endpoint));
        ProcessHandle h = stoppedPeer.handle();
        h.destroy();
        try {
            h.onExit().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            h.destroyForcibly();
        }
    }

    /** Starts the stopped peer again with its command, environment and directory. */
    public synchronized void startPeer() {
        if (stoppedPeer == null) {
            throw new IllegalStateException("no peer stopped");
        }
        try {
            ProcessBuilder pb = new ProcessBuilder(stoppedPeer.command()).directory(stoppedPeer.cwd().toFile());
            pb.environment().clear();
            pb.environment().putAll(stoppedPeer.environment());
            pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(
                    Files.createTempFile("fabric-it-peer", ".log").toFile()));
            restarted.add(pb.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restart the peer " + stoppedPeer.command(), e);
        }
        stoppedPeer = null;
    }

    private void stopRestarted() {
        restarted.forEach(Process::destroy);
    }

    private void tearDown() {
        stopRestarted();
        try {
            if (supports("down")) {
                script("network.sh", "down");
            } else {
                script("network.sh", "stop");
                script("network.sh", "clean");
            }
        } catch (RuntimeException e) {
            System.err.println("fabric-it: tearing the network down failed: " + e.getMessage());
        }
    }

    /** Whether network.sh has the command (the scripts name theirs up/down or start/stop). */
    private boolean supports(String command) {
        try {
            return Files.readString(networkConfig.resolve("scripts/network.sh")).matches(
                    "(?s).*\\b" + command + "\\)\\s.*");
        } catch (IOException e) {
            return false;
        }
    }

    private void script(String name, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(networkConfig.resolve("scripts").resolve(name).toString());
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).directory(networkConfig.toFile()).inheritIO().start();
            if (!p.waitFor(SCRIPT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(cmd + " did not finish within " + SCRIPT_TIMEOUT);
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(cmd + " failed with exit code " + p.exitValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + cmd, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + cmd, e);
        }
    }

    /**
     * The connection file the scripts wrote: BATTERY_FABRIC_CONNECTION, else the regulator's (the
     * first found) under network-config. Relative paths in it are read against the repository root
     * (where the app is started), else against the file's directory. When the identity directory is
     * one user's MSP folder laid out as {@code identities/<MSP>/<user>/msp}, the suites use the
     * whole {@code identities/} directory, so that every enrolled demo user can sign in.
     */
    static Map<String, String> readConnection(Path networkConfig) {
        Path file;
        String named = System.getenv("BATTERY_FABRIC_CONNECTION");
        if (named != null && !named.isBlank()) {
            file = Path.of(named);
        } else {
            try (Stream<Path> files = Files.walk(networkConfig)) {
                file = files.filter(f -> f.toString().endsWith(".properties"))
                        .filter(RealFabricNetwork::isConnectionFile)
                        .sorted(java.util.Comparator.comparing((Path f) -> !f.getFileName().toString()
                                .startsWith("regulator")).thenComparing(Path::toString))
                        .findFirst()
                        .orElseThrow(() -> new IllegalStateException("no connection file with"
                                + " battery.fabric.peer-endpoint under " + networkConfig + " after network.sh up"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Properties props = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            props.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String k : props.stringPropertyNames()) {
            String v = props.getProperty(k).trim();
            if ((k.endsWith("tls-ca-cert") || k.endsWith("identity-dir")) && !Path.of(v).isAbsolute()) {
                Path fromRoot = networkConfig.getParent().resolve(v).normalize();
                v = (Files.exists(fromRoot) ? fromRoot : file.toAbsolutePath().getParent().resolve(v).normalize())
                        .toString();
            }
            out.put(k, v);
        }
        Path ids = Path.of(out.getOrDefault("battery.fabric.identity-dir", "."));
        if (ids.getFileName() != null && ids.getFileName().toString().equals("msp") && ids.getNameCount() >= 4
                && ids.getParent().getParent().getParent().getFileName().toString().equals("identities")) {
            out.put("battery.fabric.identity-dir", ids.getParent().getParent().getParent().toString());
        }
        return out;
    }

    private static boolean isConnectionFile(Path f) {
        try {
            return Files.readString(f, StandardCharsets.UTF_8).contains("battery.fabric.peer-endpoint");
        } catch (IOException e) {
            return false;
        }
    }

    /** A running peer process as {@code /proc} shows it. */
    record PeerProcess(ProcessHandle handle, List<String> command, Map<String, String> environment, Path cwd) {

        static Optional<PeerProcess> listeningOn(int port) {
            java.util.Set<String> sockets = listeningSockets(port);
            return ProcessHandle.allProcesses()
                    .filter(h -> h.info().command().map(c -> c.endsWith("/peer")).orElse(false))
                    .map(PeerProcess::read)
                    .flatMap(Optional::stream)
                    .filter(p -> p.command.contains("node") && p.command.contains("start"))
                    .filter(p -> p.ownsAnyOf(sockets) || p.configuredFor(port))
                    .findFirst();
        }

        /** Inodes of the sockets listening on the port ({@code /proc/net/tcp}, state 0A). */
        private static java.util.Set<String> listeningSockets(int port) {
            java.util.Set<String> inodes = new java.util.HashSet<>();
            String hexPort = String.format(":%04X", port);
            for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
                try {
                    for (String line : Files.readAllLines(Path.of(table))) {
                        String[] f = line.trim().split("\\s+");
                        if (f.length > 9 && f[1].endsWith(hexPort) && f[3].equals("0A")) {
                            inodes.add("socket:[" + f[9] + "]");
                        }
                    }
                } catch (IOException e) {
                    // no such table here
                }
            }
            return inodes;
        }

        private boolean ownsAnyOf(java.util.Set<String> sockets) {
            try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(handle.pid()), "fd"))) {
                return fds.anyMatch(fd -> {
                    try {
                        return sockets.contains(Files.readSymbolicLink(fd).toString());
                    } catch (IOException e) {
                        return false;
                    }
                });
            } catch (IOException e) {
                return false;
            }
        }

        private boolean configuredFor(int port) {
            String listen = environment.getOrDefault("CORE_PEER_LISTENADDRESS", "");
            return listen.endsWith(":" + port);
        }

        private static Optional<PeerProcess> read(ProcessHandle h) {
            Path proc = Path.of("/proc", Long.toString(h.pid()));
            try {
                List<String> cmd = split(Files.readAllBytes(proc.resolve("cmdline")));
                Map<String, String> env = new LinkedHashMap<>();
                for (String kv : split(Files.readAllBytes(proc.resolve("environ")))) {
                    int eq = kv.indexOf('=');
                    if (eq > 0) {
                        env.put(kv.substring(0, eq), kv.substring(eq + 1));
                    }
                }
                return Optional.of(new PeerProcess(h, cmd, env, proc.resolve("cwd").toRealPath()));
            } catch (IOException e) {
                return Optional.empty(); // not ours to read, or gone
            }
        }

        private static List<String> split(byte[] nulSeparated) {
            List<String> parts = new ArrayList<>();
            int start = 0;
            for (int i = 0; i < nulSeparated.length; i++) {
                if (nulSeparated[i] == 0) {
                    parts.add(new String(nulSeparated, start, i - start, StandardCharsets.UTF_8));
                    start = i + 1;
                }
            }
            if (start < nulSeparated.length) {
                parts.add(new String(nulSeparated, start, nulSeparated.length - start, StandardCharsets.UTF_8));
            }
            return parts;
        }
    }
}
