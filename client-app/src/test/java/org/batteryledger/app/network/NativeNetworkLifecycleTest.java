package org.batteryledger.app.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.batteryledger.app.network.NetworkFiles.NETWORK;
import static org.batteryledger.app.network.NetworkFiles.SCRIPTS;
import static org.batteryledger.app.network.NetworkFiles.run;
import static org.batteryledger.app.network.NetworkFiles.setting;
import static org.batteryledger.app.network.NetworkFiles.words;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.batteryledger.app.network.NetworkFiles.Result;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * network.sh end to end against a stand-in for Fabric's tools (test resource
 * fake-fabric/fakefabric.py: the files cryptogen writes, nodes that listen on their ports, the CLI
 * output lines the scripts parse, and the lifecycle's ordering rules). It checks the scripts'
 * own logic -- what they start, join, install, approve and commit, once -- not Fabric. Ports are
 * network.env's plus 20000 (27050-30060), so a real network on this machine is not disturbed, and
 * below Linux's ephemeral range (from 32768), so no client connection of another test can be
 * holding one (with +30000 one run failed on exactly that); every process started is stopped
 * afterwards.
 */
class NativeNetworkLifecycleTest {
    private static final int PORT_OFFSET = 20000;
    private static final Path PYTHON = Path.of("/usr/bin/python3");

    @TempDir
    Path tmp;

    private Map<String, String> env;
    private Path state;
    private Path calls;

    @BeforeEach
    void fakeFabric() throws IOException, URISyntaxException {
        Assumptions.assumeTrue(Files.isExecutable(PYTHON), "python3 is needed for the fake Fabric tools");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl is needed");
        Path fake = Path.of(getClass().getResource("/fake-fabric/fakefabric.py").toURI());
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        for (String tool : List.of("cryptogen", "configtxgen", "orderer", "osnadmin", "peer", "java")) {
            Path w = bin.resolve(tool);
            Files.writeString(w, "#!/bin/sh\nexec " + PYTHON + " " + fake + " " + tool + " \"$@\"\n");
            Files.setPosixFilePermissions(w, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Path config = Files.createDirectories(tmp.resolve("config"));
        Files.writeString(config.resolve("core.yaml"), "# stand-in\n");
        Files.writeString(config.resolve("orderer.yaml"), "# stand-in\n");
        state = tmp.resolve("state");
        calls = tmp.resolve("fake/calls.log");
        env = new HashMap<>();
        env.put("PATH", bin + ":/usr/bin:/bin");
        env.put("FABRIC_BIN", bin.toString());
        env.put("FABRIC_CFG_PATH", config.toString());
        env.put("FAKE_FABRIC_STATE", tmp.resolve("fake").toString());
        env.put("FAKE_FABRIC_ORGS", words("PEER_ORGS").stream().map(o -> setting(o, "MSP"))
                .collect(Collectors.joining(" ")));
        env.put("BATTERY_NETWORK_STATE", state.toString());
        env.put("NETWORK_ENV", shiftedSettings().toString());
        env.put("CHAINCODE_JAR", Files.writeString(tmp.resolve("chaincode.jar"), "stand-in").toString());
    }

    /** network.env with every port moved up by PORT_OFFSET. */
    private Path shiftedSettings() throws IOException {
        Pattern port = Pattern.compile("^(\\w+_PORT)=(\\d+)$");
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(NETWORK.resolve("network.env"))) {
            Matcher m = port.matcher(line);
            out.add(m.matches() ? m.group(1) + "=" + (Integer.parseInt(m.group(2)) + PORT_OFFSET) : line);
        }
        return Files.write(tmp.resolve("network.env"), out);
    }

    @AfterEach
    void stopEverything() throws IOException {
        if (env == null) {
            return;
        }
        network("stop");
        // Belt and braces: anything still recorded is ours (the pid files name only what we started).
        Path run = state.resolve("run");
        if (Files.isDirectory(run)) {
            try (Stream<Path> files = Files.list(run)) {
                for (Path f : files.toList()) {
                    long pid = Long.parseLong(Files.readString(f).split(" ")[0]);
                    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                }
            }
        }
    }

    private Result network(String... args) {
        String[] cmd = new String[args.length + 2];
        cmd[0] = "bash";
        cmd[1] = SCRIPTS.resolve("network.sh").toString();
        System.arraycopy(args, 0, cmd, 2, args.length);
        return run(env, tmp, cmd);
    }

    private Result ok(String... args) {
        Result r = network(args);
        assertThat(r.status()).as(String.join(" ", args) + ":\n" + r.both()).isZero();
        return r;
    }

    private long count(String prefix) throws IOException {
        return Files.readAllLines(calls).stream().filter(l -> l.startsWith(prefix)).count();
    }

    private Map<String, String> pids() throws IOException {
        Map<String, String> out = new HashMap<>();
        try (Stream<Path> files = Files.list(state.resolve("run"))) {
            for (Path f : files.toList()) {
                out.put(f.getFileName().toString().replace(".pid", ""), Files.readString(f).strip());
            }
        }
        return out;
    }

    private String packageId(String org) throws IOException {
        return Files.readString(state.resolve("chaincode/" + org + ".package-id")).strip();
    }

    @Test
    void start_runs_every_node_and_joins_the_channel_once_and_a_second_start_changes_nothing() throws IOException {
        Result first = ok("start");
        Map<String, String> pids = pids();

        assertThat(pids.keySet()).containsExactlyInAnyOrder("orderer1", "orderer2", "orderer3", "peer0.regulator",
                "peer0.maker", "peer0.auto", "peer0.recycle");
        assertThat(count("cryptogen generate")).isEqualTo(1);
        assertThat(count("configtxgen")).isEqualTo(1);
        assertThat(count("osnadmin channel join")).isEqualTo(3);
        assertThat(count("peer channel join")).isEqualTo(4);
        assertThat(first.out()).contains("network up");

        Result second = ok("start");

        assertThat(pids()).isEqualTo(pids);
        assertThat(second.out()).contains("orderer1 already running", "peer0.recycle already running",
                "peer0.maker is a member of batterychannel");
        assertThat(count("cryptogen generate")).isEqualTo(1);
        assertThat(count("osnadmin channel join")).isEqualTo(3);
        assertThat(count("peer channel join")).isEqualTo(4);
        assertThat(ok("status").out()).contains("chaincode: not deployed");
    }

    @Test
    void deploy_installs_approves_and_commits_once_and_runs_a_chaincode_server_per_organisation()
            throws IOException {
        ok("start");

        ok("deploy");

        assertThat(count("peer lifecycle chaincode install")).isEqualTo(4);
        assertThat(count("peer lifecycle chaincode approveformyorg")).isEqualTo(4);
        assertThat(count("peer lifecycle chaincode commit")).isEqualTo(1);
        assertThat(pids()).containsKeys("ccaas.regulator", "ccaas.maker", "ccaas.auto", "ccaas.recycle");
        assertThat(packageId("maker")).startsWith("battery_1.0:").isNotEqualTo(packageId("auto"));
        assertThat(ok("status").out()).contains("chaincode: battery 1.0 sequence 1");

        Result again = ok("deploy");

        assertThat(again.out()).contains("is committed (sequence 1)");
        assertThat(count("peer lifecycle chaincode install")).isEqualTo(4);
        assertThat(count("peer lifecycle chaincode approveformyorg")).isEqualTo(4);
        assertThat(count("peer lifecycle chaincode commit")).isEqualTo(1);
    }

    @Test
    void upgrade_commits_the_next_sequence_and_moves_each_server_to_its_new_package() throws IOException {
        ok("start");
        ok("deploy");
        Map<String, String> before = pids();

        Result r = ok("upgrade", "1.1");

        assertThat(r.out()).contains("upgrading battery 1.0 -> 1.1 (sequence 1 -> 2)");
        assertThat(count("peer lifecycle chaincode commit")).isEqualTo(2);
        assertThat(ok("status").out()).contains("chaincode: battery 1.1 sequence 2");
        for (String org : words("PEER_ORGS")) {
            assertThat(packageId(org)).startsWith("battery_1.1:");
            assertThat(pids().get("ccaas." + org)).isNotEqualTo(before.get("ccaas." + org));
            assertThat(pids().get("peer0." + org)).isEqualTo(before.get("peer0." + org));
        }
        assertThat(state.resolve("chaincode/battery_1.1/chaincode.jar")).exists();

        Result again = ok("upgrade", "1.1");
        Result downgradeByDeploy = network("deploy");

        assertThat(again.out()).contains("battery 1.1 is committed already (sequence 2)");
        assertThat(count("peer lifecycle chaincode commit")).isEqualTo(2);
        assertThat(downgradeByDeploy.status()).isEqualTo(1);
        assertThat(downgradeByDeploy.err()).contains("battery 1.1 is committed (sequence 2); use:")
                .contains("upgrade <version>");
    }

    @Test
    void a_port_held_by_another_process_stops_start_naming_the_setting() throws IOException {
        int port = Integer.parseInt(setting("maker", "PEER_PORT")) + PORT_OFFSET;
        try (ServerSocket squatter = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            Result r = network("start");

            assertThat(r.status()).isEqualTo(1);
            assertThat(r.err()).contains("127.0.0.1:" + port + " (MAKER_PEER_PORT in network.env, for peer0.maker)"
                    + " is in use by another process");
            assertThat(pids()).containsKey("peer0.regulator").doesNotContainKey("peer0.maker");
        }
    }

    @Test
    void stop_ends_every_process_and_start_brings_back_the_deployed_chaincode_servers() throws IOException {
        ok("start");
        ok("deploy");
        String makerPackage = packageId("maker");

        ok("stop");

        Result down = network("status");
        assertThat(down.status()).isEqualTo(3);
        assertThat(down.out()).containsPattern("peer0.maker +stopped").containsPattern("ccaas.maker +stopped");
        assertThat(state.resolve("run")).isEmptyDirectory();

        ok("start");

        assertThat(pids()).containsKey("ccaas.maker");
        assertThat(packageId("maker")).isEqualTo(makerPackage);
        assertThat(count("peer channel join")).isEqualTo(4);
        assertThat(network("status").status()).isZero();
    }
}
