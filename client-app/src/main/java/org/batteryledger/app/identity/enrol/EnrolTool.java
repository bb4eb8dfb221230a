package org.batteryledger.app.identity.enrol;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.batteryledger.app.demo.DemoCompany;
import org.batteryledger.app.demo.DemoConsortium;

/**
 * Command line of the enrolment tool (a plain {@code main}, no Spring context). Exit status 0
 * when the identity was issued or already there, 2 for bad input (the message names the option
 * and the rule), 1 when the files cannot be written.
 *
 * <pre>
 * EnrolTool --ca-dir &lt;org&gt;/ca --msp-id MakerMSP --user alice \
 *           --participant 91350900MA2XK3L41 --role BATTERY_MAKER --out &lt;dir&gt;/msp
 * EnrolTool --ca-dir &lt;org&gt;/ca --msp-id MakerMSP --demo --out &lt;dir&gt;/msp
 * </pre>
 */
public final class EnrolTool {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int BAD_INPUT = 2;

    static final String USAGE = """
            usage: enrol --msp-id <MSP> (--ca-dir <dir> | --ca-cert <pem> --ca-key <pem>) --out <msp dir>
                         (--user <name> --participant <USCC> --role <ROLE> | --demo [--user <name>]) [--force]
              --ca-dir       the organisation CA's folder as cryptogen writes it (ca/): *-cert.pem and priv_sk
              --ca-cert      the CA certificate (PEM), instead of --ca-dir
              --ca-key       the CA private key (PEM, PKCS#8 or SEC1), instead of --ca-dir
              --msp-id       the organisation's MSP id, e.g. MakerMSP
              --user         the user name (enrollment id)
              --participant  unified social credit code of the company the user acts for
              --role         the role it acts in (a chaincode Role, e.g. BATTERY_MAKER)
              --demo         participant, role and user name of the demo company of --msp-id
              --out          the MSP folder to write: signcerts/cert.pem, keystore/key.pem, cacerts/ca.pem
              --force        replace an identity in --out that carries other attributes""";

    private static final Set<String> VALUED = Set.of("--ca-dir", "--ca-cert", "--ca-key", "--msp-id", "--user",
            "--participant", "--role", "--out");
    private static final Set<String> FLAGS = Set.of("--demo", "--force", "--help");

    private EnrolTool() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, Clock.systemUTC()));
    }

    /** The tool without the exit, for tests. */
    static int run(String[] args, PrintStream out, PrintStream err, Clock clock) {
        EnrolRequest request;
        try {
            Map<String, String> options = parse(args);
            if (options.containsKey("--help")) {
                out.println(USAGE);
                return OK;
            }
            request = request(options);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.println(USAGE);
            return BAD_INPUT;
        } catch (UncheckedIOException e) {
            err.println("error: " + e.getMessage() + ": " + e.getCause().getMessage());
            return FAILED;
        }
        try {
            Enrolment.Result r = new Enrolment(clock).enrol(request);
            out.println((r.issued() ? "issued " : "kept ") + r.certificate().getSubjectX500Principal().getName()
                    + " " + r.attributes() + " in " + r.mspDirectory());
            return OK;
        } catch (IllegalArgumentException | IllegalStateException e) { // InvalidPemException included
            err.println("error: " + e.getMessage());
            return BAD_INPUT;
        } catch (UncheckedIOException e) {
            err.println("error: " + e.getMessage() + ": " + e.getCause().getMessage());
            return FAILED;
        }
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (FLAGS.contains(a)) {
                options.put(a, "true");
            } else if (VALUED.contains(a)) {
                if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                    throw new IllegalArgumentException(a + " needs a value");
                }
                if (options.put(a, args[++i]) != null) {
                    throw new IllegalArgumentException(a + " is given twice");
                }
            } else {
                throw new IllegalArgumentException("unknown option '" + a + "'");
            }
        }
        return options;
    }

    private static EnrolRequest request(Map<String, String> o) {
        String mspId = required(o, "--msp-id");
        Path out = Path.of(required(o, "--out"));
        Path caCert;
        Path caKey;
        if (o.containsKey("--ca-dir")) {
            if (o.containsKey("--ca-cert") || o.containsKey("--ca-key")) {
                throw new IllegalArgumentException("give --ca-dir or --ca-cert with --ca-key, not both");
            }
            Path dir = Path.of(o.get("--ca-dir"));
            caCert = onlyCertificate(dir);
            caKey = dir.resolve("priv_sk");
        } else {
            caCert = Path.of(required(o, "--ca-cert"));
            caKey = Path.of(required(o, "--ca-key"));
        }
        String user;
        String participant;
        String role;
        if (o.containsKey("--demo")) {
            if (o.containsKey("--participant") || o.containsKey("--role")) {
                throw new IllegalArgumentException("--demo takes participant and role from the demo company; "
                        + "drop --participant and --role");
            }
            DemoCompany company = DemoConsortium.companies().stream().filter(c -> c.mspId().equals(mspId))
                    .findFirst().orElseThrow(() -> new IllegalArgumentException("--demo: no demo company in "
                            + mspId + " (the demo MSPs: "
                            + DemoConsortium.companies().stream().map(DemoCompany::mspId).toList() + ")"));
            user = o.getOrDefault("--user", company.username());
            participant = company.id();
            role = company.role().name();
        } else {
            user = required(o, "--user");
            participant = required(o, "--participant");
            role = required(o, "--role");
        }
        return new EnrolRequest(caCert, caKey, mspId, user, participant, role, out, o.containsKey("--force"));
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }

    /** cryptogen's ca/ folder holds exactly one ca.<domain>-cert.pem. */
    private static Path onlyCertificate(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("--ca-dir " + dir + " is not a directory");
        }
        List<Path> certs = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*-cert.pem")) {
            ds.forEach(certs::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        if (certs.size() != 1) {
            throw new IllegalArgumentException("--ca-dir " + dir + " must hold exactly one *-cert.pem, found "
                    + certs.size());
        }
        return certs.get(0);
    }
}
