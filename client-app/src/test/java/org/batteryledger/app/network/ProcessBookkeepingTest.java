package org.batteryledger.app.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.batteryledger.app.network.NetworkFiles.SCRIPTS;
import static org.batteryledger.app.network.NetworkFiles.bash;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.batteryledger.app.network.NetworkFiles.Result;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scripts start a process once, and stop only what they recorded: a pid file holds the pid
 * and the process's start time, so a pid the system has since given to another process is left
 * alone. Uses `sleep` as the process; every one is killed after the test.
 */
class ProcessBookkeepingTest {
    @TempDir
    Path tmp;

    private final List<Process> sleepers = new ArrayList<>();

    @AfterEach
    void killSleepers() {
        sleepers.forEach(Process::destroyForcibly);
    }

    private Map<String, String> env() {
        return Map.of("BATTERY_NETWORK_STATE", tmp.resolve("state").toString());
    }

    private Result lib(String script) {
        return bash(env(), "-c", "set -euo pipefail; source '" + SCRIPTS.resolve("lib.sh") + "'; " + script);
    }

    private Process sleeper() throws IOException {
        Process p = new ProcessBuilder("sleep", "60").start();
        sleepers.add(p);
        return p;
    }

    private static String startTime(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ")[19];
    }

    private Path pidFile(String name) {
        return tmp.resolve("state/run/" + name + ".pid");
    }

    @Test
    void starting_twice_starts_once_and_stopping_ends_that_process() throws Exception {
        Result first = lib("start_proc sleeper sleep 60");
        Result second = lib("start_proc sleeper sleep 60");
        long pid = Long.parseLong(Files.readString(pidFile("sleeper")).split(" ")[0]);
        ProcessHandle handle = ProcessHandle.of(pid).orElseThrow();

        assertThat(first.out()).contains("sleeper started (pid " + pid);
        assertThat(second.out()).contains("sleeper already running (pid " + pid + ")");

        Result stop = lib("stop_proc sleeper");

        assertThat(stop.out()).contains("sleeper stopped (pid " + pid + ")");
        handle.onExit().get(10, TimeUnit.SECONDS);
        assertThat(handle.isAlive()).isFalse();
        assertThat(pidFile("sleeper")).doesNotExist();
    }

    @Test
    void stop_leaves_alone_a_process_whose_start_time_is_not_the_recorded_one() throws Exception {
        Process stranger = sleeper();
        Files.createDirectories(pidFile("orderer1").getParent());
        Files.writeString(pidFile("orderer1"), stranger.pid() + " 1\n");

        Result stop = bash(env(), SCRIPTS.resolve("network.sh").toString(), "stop");

        assertThat(stop.status()).as(stop.err()).isZero();
        assertThat(stranger.isAlive()).isTrue();
        assertThat(pidFile("orderer1")).doesNotExist();
    }

    @Test
    void status_and_stop_follow_the_recorded_process() throws Exception {
        Process ours = sleeper();
        Files.createDirectories(pidFile("orderer2").getParent());
        Files.writeString(pidFile("orderer2"), ours.pid() + " " + startTime(ours.pid()) + "\n");

        Result status = bash(env(), SCRIPTS.resolve("network.sh").toString(), "status");
        assertThat(status.out()).containsPattern("orderer2 +running +" + ours.pid())
                .containsPattern("orderer1 +stopped");
        assertThat(status.status()).isEqualTo(3);

        Result stop = bash(env(), SCRIPTS.resolve("network.sh").toString(), "stop");

        assertThat(stop.out()).contains("orderer2 stopped (pid " + ours.pid() + ")");
        assertThat(ours.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void clean_stops_what_runs_then_deletes_the_state_directory_only() throws Exception {
        Process ours = sleeper();
        Files.createDirectories(pidFile("peer0.maker").getParent());
        Files.writeString(pidFile("peer0.maker"), ours.pid() + " " + startTime(ours.pid()) + "\n");
        Path outside = Files.writeString(tmp.resolve("keep.txt"), "not network state");

        Result clean = bash(env(), SCRIPTS.resolve("network.sh").toString(), "clean");

        assertThat(clean.status()).as(clean.err()).isZero();
        assertThat(ours.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(tmp.resolve("state")).doesNotExist();
        assertThat(outside).exists();
    }
}
