package org.batteryledger.app.compliance.export;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.batteryledger.app.identity.PemFiles;
import org.batteryledger.app.ledger.embedded.BlockHashes;

/**
 * Verifies a signed compliance export offline: no network, no account, no running application.
 *
 * <pre>
 * java -cp client-app/target/battery-ledger.jar -Dloader.main=org.batteryledger.app.compliance.export.VerifyCommand \
 *     org.springframework.boot.loader.launch.PropertiesLauncher report.signed.json \
 *     --ca org-ca.pem [--ledger data/ledger | --blocks blocks.csv]
 * </pre>
 *
 * <p>{@code --ca}: the issuing organisation's CA certificate (PEM) the signer must chain to.
 * {@code --ledger}: an embedded ledger directory (its hash chain is verified, then each block the
 * export names is compared). {@code --blocks}: a ledger export, one {@code number,hash} per line
 * ({@code #} comments allowed). Exit status 0 = verified, 1 = findings, 2 = usage or I/O error.
 */
public final class VerifyCommand {
    private VerifyCommand() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Path file = null;
        Path caFile = null;
        Path ledgerDir = null;
        Path blocksFile = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if ((a.equals("--ca") || a.equals("--ledger") || a.equals("--blocks")) && i + 1 >= args.length) {
                err.println("error: " + a + " needs a value");
                return usage(err);
            }
            switch (a) {
                case "--ca" -> caFile = Path.of(args[++i]);
                case "--ledger" -> ledgerDir = Path.of(args[++i]);
                case "--blocks" -> blocksFile = Path.of(args[++i]);
                default -> {
                    if (a.startsWith("--") || file != null) {
                        err.println("error: unexpected argument '" + a + "'");
                        return usage(err);
                    }
                    file = Path.of(a);
                }
            }
        }
        if (file == null) {
            return usage(err);
        }
        if (ledgerDir != null && blocksFile != null) {
            err.println("error: give --ledger or --blocks, not both");
            return 2;
        }
        try {
            JsonNode doc = SignedReports.MAPPER.readTree(Files.readString(file));
            X509Certificate ca = caFile == null ? null : PemFiles.readCertificate(caFile);
            Map<Long, String> hashes = null;
            if (blocksFile != null) {
                hashes = readBlocks(blocksFile);
            } else if (ledgerDir != null) {
                List<Long> numbers = new ArrayList<>();
                doc.path("manifest").path("blocks").forEach(b -> numbers.add(b.path("number").asLong()));
                BlockHashes.Result r = BlockHashes.read(ledgerDir, numbers);
                if (!r.chain().ok()) {
                    out.println("FAIL ledger " + ledgerDir + ": its own hash chain does not verify: block "
                            + r.chain().firstBadBlock() + ": " + r.chain().problem());
                }
                hashes = r.hashes();
            }
            SignedReportVerifier.Result result = SignedReportVerifier.verify(doc, ca, hashes);
            result.checked().forEach(c -> out.println("ok   " + c));
            result.findings().forEach(f -> out.println("FAIL " + f));
            out.println(result.ok() ? "VERIFIED " + file : "NOT VERIFIED " + file + ": " + result.findings().size()
                    + " finding(s)");
            return result.ok() ? 0 : 1;
        } catch (IOException | RuntimeException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
    }

    /** A ledger export: {@code number,hash} per line. */
    static Map<Long, String> readBlocks(Path file) throws IOException {
        Map<Long, String> out = new TreeMap<>();
        int n = 0;
        for (String line : Files.readAllLines(file)) {
            n++;
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#") || t.equals("number,hash")) {
                continue;
            }
            String[] f = t.split(",");
            if (f.length != 2) {
                throw new IOException(file + " line " + n + ": expected 'number,hash'");
            }
            try {
                out.put(Long.parseLong(f[0].strip()), f[1].strip());
            } catch (NumberFormatException e) {
                throw new IOException(file + " line " + n + ": block number '" + f[0].strip() + "' is not a number");
            }
        }
        return out;
    }

    private static int usage(PrintStream err) {
        err.println("usage: VerifyCommand <signed-report.json> [--ca <ca-cert.pem>] [--ledger <ledger-dir> | --blocks"
                + " <number,hash file>]");
        return 2;
    }
}
