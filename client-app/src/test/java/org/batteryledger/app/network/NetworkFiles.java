package org.batteryledger.app.network;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.yaml.snakeyaml.Yaml;

/** The files under network-config/ and a way to run its scripts, for tests that need no Fabric binary. */
final class NetworkFiles {
    static final Path REPO = locateRepo();
    static final Path NETWORK = REPO.resolve("network-config");
    static final Path SCRIPTS = NETWORK.resolve("scripts");
    static final ObjectMapper JSON = new ObjectMapper();

    private NetworkFiles() {}

    private static Path locateRepo() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("network-config"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("no network-config/ above " + Path.of("").toAbsolutePath());
        }
        return p;
    }

    /** network.env as the scripts see it: KEY=VALUE lines, double quotes around values with spaces. */
    static Map<String, String> settings() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : lines(NETWORK.resolve("network.env"))) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            int eq = l.indexOf('=');
            String value = l.substring(eq + 1);
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1);
            }
            out.put(l.substring(0, eq), value);
        }
        return out;
    }

    static String setting(String org, String key) {
        String name = org.toUpperCase(java.util.Locale.ROOT) + "_" + key;
        String v = settings().get(name);
        if (v == null) {
            throw new IllegalStateException("network.env has no " + name);
        }
        return v;
    }

    static List<String> words(String key) {
        return Arrays.asList(settings().get(key).split("\\s+"));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> yaml(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return (Map<String, Object>) new Yaml().load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static <T> T at(Object node, String... path) {
        Object n = node;
        for (String key : path) {
            n = ((Map<String, Object>) n).get(key);
            if (n == null) {
                throw new AssertionError("no " + String.join(".", path) + " (missing '" + key + "')");
            }
        }
        return (T) n;
    }

    /** The outcome of a command. */
    record Result(int status, String out, String err) {
        String both() {
            return out + err;
        }
    }

    /**
     * Runs a command with a PATH holding only the system's directories (so no Fabric binary is
     * found) plus {@code env}; kills it after a minute, so a test always ends.
     */
    static Result run(Map<String, String> env, Path dir, String... command) {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        Map<String, String> e = pb.environment();
        e.keySet().removeIf(k -> k.startsWith("FABRIC_") || k.startsWith("BATTERY_") || k.startsWith("CORE_"));
        e.put("PATH", javaBinDir() + ":/usr/local/bin:/usr/bin:/bin");
        e.putAll(env);
        try {
            Path out = Files.createTempFile("run-", ".out");
            Path err = Files.createTempFile("run-", ".err");
            pb.redirectOutput(out.toFile()).redirectError(err.toFile());
            Process p = pb.start();
            if (!p.waitFor(Duration.ofMinutes(1).toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out: " + String.join(" ", command));
            }
            Result r = new Result(p.exitValue(), Files.readString(out), Files.readString(err));
            Files.delete(out);
            Files.delete(err);
            return r;
        } catch (IOException e2) {
            throw new UncheckedIOException(e2);
        } catch (InterruptedException e2) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e2);
        }
    }

    static Result bash(Map<String, String> env, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add("bash");
        cmd.addAll(Arrays.asList(args));
        return run(env, REPO, cmd.toArray(String[]::new));
    }

    private static String javaBinDir() {
        return Path.of(System.getProperty("java.home"), "bin").toString();
    }

    /** Every shell script we ship: the network scripts and the chaincode-as-a-service builder. */
    static List<Path> scripts() {
        List<Path> out = new ArrayList<>();
        try (var s = Files.list(SCRIPTS)) {
            s.filter(p -> p.toString().endsWith(".sh")).sorted().forEach(out::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String step : List.of("detect", "build", "release")) {
            out.add(NETWORK.resolve("builders/ccaas/bin").resolve(step));
        }
        return out;
    }
}
