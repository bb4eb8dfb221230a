package org.batteryledger.app.compliance.export;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.batteryledger.app.identity.FabricCaAttributes;
import org.batteryledger.app.identity.PemFiles;
import org.springframework.lang.Nullable;

/**
 * Checks a signed export offline (no network, no account): the signature over the manifest with
 * the embedded certificate; that certificate's chain to a given CA certificate and its validity at
 * the issue time; that the issuer named matches the certificate; every part of the report data
 * against its signed digest; and, when block hashes from the ledger are given, every block the
 * export names. Each finding says exactly which field or block does not match.
 */
public final class SignedReportVerifier {
    private SignedReportVerifier() {}

    /** The outcome: no findings means the export is intact and, as far as checked, authentic. */
    public record Result(List<String> findings, List<String> checked) {
        public boolean ok() {
            return findings.isEmpty();
        }
    }

    /**
     * @param ca the CA certificate the signer must chain to, or null to skip (reported as not checked)
     * @param ledgerHashes block number → hash from the ledger, or null to skip the block check
     */
    public static Result verify(JsonNode doc, @Nullable X509Certificate ca, @Nullable Map<Long, String> ledgerHashes) {
        List<String> findings = new ArrayList<>();
        List<String> checked = new ArrayList<>();
        if (!SignedReports.FORMAT.equals(doc.path("format").asText())) {
            findings.add("format: expected '" + SignedReports.FORMAT + "', found '" + doc.path("format").asText() + "'");
            return new Result(findings, checked);
        }
        JsonNode manifest = doc.path("manifest");
        X509Certificate cert;
        try {
            cert = PemFiles.parseCertificate(doc.path("signerCertificate").asText());
        } catch (RuntimeException e) {
            findings.add("signerCertificate: not a PEM X.509 certificate (" + e.getMessage() + ")");
            return new Result(findings, checked);
        }
        // 1. Signature over the manifest.
        byte[] sig;
        try {
            sig = Base64.getDecoder().decode(doc.path("signature").asText());
        } catch (IllegalArgumentException e) {
            sig = new byte[0];
        }
        if (!SignedReports.verifyBytes(SignedReports.canonical(manifest), sig, cert.getPublicKey())) {
            findings.add("signature: does not verify over the manifest with the key of the embedded certificate ("
                    + cert.getSubjectX500Principal().getName() + "): the manifest or the signature was altered");
        } else {
            checked.add("signature verifies over the manifest (" + SignedReports.ALGORITHM + ")");
        }
        String certDigest = SignedReports.sha256Hex(doc.path("signerCertificate").asText()
                .getBytes(StandardCharsets.UTF_8));
        if (!certDigest.equals(manifest.path("certificateSha256").asText())) {
            findings.add("signerCertificate: is not the certificate the manifest names (certificateSha256)");
        }
        // 2. Certificate chain and issuer.
        Instant issuedAt = null;
        try {
            issuedAt = Instant.parse(manifest.path("issuedAt").asText());
        } catch (DateTimeParseException e) {
            findings.add("manifest.issuedAt: '" + manifest.path("issuedAt").asText() + "' is not an instant");
        }
        if (ca == null) {
            checked.add("certificate chain NOT checked (no CA certificate given)");
        } else {
            try {
                cert.verify(ca.getPublicKey());
                checked.add("signer certificate issued by " + ca.getSubjectX500Principal().getName());
            } catch (Exception e) {
                findings.add("signerCertificate: not issued by the given CA " + ca.getSubjectX500Principal().getName()
                        + " (certificate issuer is " + cert.getIssuerX500Principal().getName() + ")");
            }
            if (issuedAt != null) {
                try {
                    cert.checkValidity(Date.from(issuedAt));
                    ca.checkValidity(Date.from(issuedAt));
                } catch (CertificateExpiredException | CertificateNotYetValidException e) {
                    findings.add("signerCertificate: not valid at manifest.issuedAt " + issuedAt + " ("
                            + e.getMessage() + ")");
                }
            }
        }
        Map<String, String> attrs = FabricCaAttributes.read(cert);
        String participant = manifest.path("issuer").path("participant").asText();
        String certParticipant = attrs.get("participant");
        if (certParticipant != null && !certParticipant.equals(participant)) {
            findings.add("manifest.issuer.participant: '" + participant + "' but the certificate acts for '"
                    + certParticipant + "'");
        }
        // 3. The report data against the signed digests.
        List<String> columns = new ArrayList<>();
        doc.path("report").path("columns").forEach(c -> columns.add(c.asText()));
        compareDigests(SignedReports.digests(doc.path("report")), manifest.path("digests"), "report", doc.path("report"),
                columns, findings);
        if (findings.stream().noneMatch(f -> f.startsWith("report."))) {
            checked.add("report data matches its signed digests (" + doc.path("report").path("rows").size()
                    + " rows)");
        }
        // 4. Blocks against the ledger.
        JsonNode blocks = manifest.path("blocks");
        if (ledgerHashes == null) {
            checked.add("block hashes NOT checked against a ledger (" + blocks.size() + " blocks named)");
        } else {
            int good = 0;
            for (JsonNode b : blocks) {
                long n = b.path("number").asLong();
                String claimed = b.path("hash").isNull() ? null : b.path("hash").asText();
                String actual = ledgerHashes.get(n);
                if (actual == null) {
                    findings.add("block " + n + ": not in the ledger given");
                } else if (claimed == null) {
                    findings.add("block " + n + ": the export carries no hash for it (ledger has " + actual + ")");
                } else if (!claimed.equalsIgnoreCase(actual)) {
                    findings.add("block " + n + ": hash in the export " + claimed + " differs from the ledger's "
                            + actual);
                } else {
                    good++;
                }
            }
            checked.add(good + " of " + blocks.size() + " block hashes match the ledger");
        }
        return new Result(findings, checked);
    }

    private static void compareDigests(JsonNode actual, JsonNode signed, String path, JsonNode data,
            List<String> columns, List<String> findings) {
        if (actual.isObject()) {
            for (Iterator<String> it = signed.fieldNames(); it.hasNext();) {
                String k = it.next();
                if (!actual.has(k)) {
                    findings.add(path + "." + k + ": signed but missing from the export");
                }
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = actual.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                String sub = path + "." + e.getKey();
                if (!signed.has(e.getKey())) {
                    findings.add(sub + ": present in the export but not signed");
                } else {
                    compareDigests(e.getValue(), signed.get(e.getKey()), sub, data.path(e.getKey()), columns, findings);
                }
            }
        } else if (actual.isArray()) {
            int n = Math.max(actual.size(), signed.size());
            for (int i = 0; i < n; i++) {
                String sub = path + "[" + i + "]";
                if (i >= signed.size()) {
                    findings.add(sub + ": present in the export but not signed (row or item added)");
                } else if (i >= actual.size()) {
                    findings.add(sub + ": signed but missing from the export (row or item removed)");
                } else {
                    compareDigests(actual.get(i), signed.get(i), sub, data.path(i), columns, findings);
                }
            }
        } else if (!actual.asText().equals(signed.asText())) {
            findings.add(describe(path, columns) + ": value " + Optional.ofNullable(data).map(JsonNode::toString)
                    .orElse("?") + " does not match the signed digest");
        }
    }

    /** report.rows[3][5] → report.rows[3].lateRateBp, naming the column. */
    private static String describe(String path, List<String> columns) {
        java.util.regex.Matcher m = CELL.matcher(path);
        if (m.matches()) {
            int c = Integer.parseInt(m.group(2));
            return "report.rows[" + m.group(1) + "]." + (c < columns.size() ? columns.get(c) : "#" + c);
        }
        return path;
    }

    private static final java.util.regex.Pattern CELL = java.util.regex.Pattern.compile(
            "report\\.rows\\[(\\d+)]\\[(\\d+)]");
}
