package org.batteryledger.app.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.batteryledger.app.network.NetworkFiles.SCRIPTS;
import static org.batteryledger.app.network.NetworkFiles.bash;
import static org.batteryledger.app.network.NetworkFiles.run;
import static org.batteryledger.app.network.NetworkFiles.scripts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.batteryledger.app.network.NetworkFiles.Result;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The network scripts without Fabric's binaries: they parse, and they stop at once, saying what is missing. */
class NetworkScriptsTest {
    private static final int MISSING_BINARY = 127;

    @TempDir
    Path tmp;

    private Map<String, String> env() {
        return Map.of("BATTERY_NETWORK_STATE", tmp.resolve("state").toString());
    }

    @Nested
    class Syntax {
        @Test
        void every_script_parses_and_is_executable() {
            assertThat(scripts()).hasSizeGreaterThanOrEqualTo(7);
            for (Path script : scripts()) {
                Result r = bash(Map.of(), "-n", script.toString());
                assertThat(r.status()).as(script + ": " + r.err()).isZero();
                assertThat(Files.isExecutable(script)).as(script + " is executable").isTrue();
            }
        }

        @Test
        void shellcheck_finds_nothing_when_it_is_installed() {
            Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/shellcheck")), "shellcheck not installed");
            String[] cmd = new String[scripts().size() + 4];
            cmd[0] = "shellcheck";
            cmd[1] = "-x";
            cmd[2] = "-P";
            cmd[3] = SCRIPTS.toString();
            for (int i = 0; i < scripts().size(); i++) {
                cmd[4 + i] = scripts().get(i).toString();
            }
            Result r = run(Map.of(), SCRIPTS, cmd);
            assertThat(r.status()).as(r.out()).isZero();
        }
    }

    @Nested
    class MissingBinaries {
        @ParameterizedTest
        @CsvSource({
            "generate, cryptogen configtxgen",
            "start, cryptogen configtxgen orderer peer osnadmin",
            "deploy, peer",
            "upgrade, peer"})
        void a_command_names_every_missing_binary_and_fabric_bin_and_changes_nothing(String command, String missing) {
            Result r = bash(env(), SCRIPTS.resolve("network.sh").toString(), command, "1.1");

            assertThat(r.status()).isEqualTo(MISSING_BINARY);
            assertThat(r.err()).contains("Fabric binary not found: " + missing).contains("FABRIC_BIN");
            assertThat(tmp.resolve("state")).doesNotExist();
        }

        @Test
        void with_fabric_bin_set_only_the_binaries_missing_there_are_named() throws IOException {
            Path bin = fakeBinaries("peer", "osnadmin");
            Map<String, String> env = Map.of("BATTERY_NETWORK_STATE", tmp.resolve("state").toString(), "FABRIC_BIN",
                    bin.toString());

            Result r = bash(env, SCRIPTS.resolve("network.sh").toString(), "start");

            assertThat(r.status()).isEqualTo(MISSING_BINARY);
            assertThat(r.err()).contains("Fabric binary not found: cryptogen configtxgen orderer\n")
                    .contains("looked in FABRIC_BIN=" + bin);
        }

        @Test
        void with_every_binary_but_no_fabric_config_the_message_names_fabric_cfg_path() throws IOException {
            Path bin = fakeBinaries("peer", "osnadmin", "orderer", "cryptogen", "configtxgen");
            Map<String, String> env = Map.of("BATTERY_NETWORK_STATE", tmp.resolve("state").toString(), "FABRIC_BIN",
                    bin.toString());

            Result r = bash(env, SCRIPTS.resolve("network.sh").toString(), "start");

            assertThat(r.status()).isEqualTo(MISSING_BINARY);
            assertThat(r.err()).contains("core.yaml not found").contains("FABRIC_CFG_PATH");
            assertThat(tmp.resolve("state")).doesNotExist();
        }

        @Test
        void an_unknown_command_prints_the_usage() {
            Result r = bash(env(), SCRIPTS.resolve("network.sh").toString(), "launch");

            assertThat(r.status()).isEqualTo(2);
            assertThat(r.err()).contains("Usage: network.sh <command>").contains("upgrade <version>");
        }

        @Test
        void enrolment_without_the_generated_ca_says_to_generate_first() {
            Result r = bash(env(), SCRIPTS.resolve("enrol.sh").toString(), "maker", "--demo");

            assertThat(r.status()).isEqualTo(1);
            assertThat(r.err()).contains("no CA of maker").contains("network.sh generate");
        }

        @Test
        void enrolment_for_an_organisation_not_in_network_env_is_refused() {
            Result r = bash(env(), SCRIPTS.resolve("enrol.sh").toString(), "bank", "--demo");

            assertThat(r.status()).isEqualTo(1);
            assertThat(r.err()).contains("unknown organisation 'bank'");
        }

        private Path fakeBinaries(String... names) throws IOException {
            Path bin = Files.createDirectories(tmp.resolve("bin"));
            for (String n : names) {
                Path f = bin.resolve(n);
                Files.writeString(f, "#!/bin/sh\necho fake " + n + "\n");
                Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            return bin;
        }
    }
}
