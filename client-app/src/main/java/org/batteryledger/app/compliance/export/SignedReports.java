package org.batteryledger.app.compliance.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.batteryledger.app.compliance.Report;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The signed export of a report: the report's data, a manifest with a digest of every cell,
 * parameter and note, the number and hash of each ledger block the figures rest on, the issuer,
 * and an ECDSA/SHA-256 signature (Bouncy Castle) over the canonical JSON of the manifest by the
 * issuing organisation's user key, whose certificate is embedded. Canonical JSON = object keys
 * sorted at every level, no insignificant whitespace, UTF-8.
 *
 * <p>Because each cell has its own digest, a verifier names the exact cell that was changed, not
 * just "the signature fails" ({@link SignedReportVerifier}).
 */
public final class SignedReports {
    public static final String FORMAT = "battery-ledger/signed-report/1";
    public static final String ALGORITHM = "SHA256withECDSA";
    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final BouncyCastleProvider BC = new BouncyCastleProvider();

    private SignedReports() {}

    /** One ledger block the report rests on; {@code hash} null when the ledger did not supply it. */
    public record Block(long number, String hash) {}

    /** Who issued the export. */
    public record Issuer(String participant, String companyName, String mspId, String user) {}

    /** Builds and signs the export document. */
    public static ObjectNode sign(Report report, List<Block> blocks, Issuer issuer, Instant issuedAt,
            X509Certificate certificate, String certificatePem, PrivateKey key) {
        ObjectNode reportNode = MAPPER.valueToTree(Map.of("name", report.name(), "title", report.title(),
                "parameters", report.parameters(), "columns", report.columns(), "rows", report.rows(), "notes",
                report.notes(), "asOfBlock", report.asOfBlock()));
        ObjectNode manifest = JsonNodeFactory.instance.objectNode();
        manifest.put("format", FORMAT);
        manifest.put("issuedAt", issuedAt.toString());
        manifest.set("issuer", MAPPER.valueToTree(issuer));
        manifest.set("digests", digests(reportNode));
        ArrayNode bs = manifest.putArray("blocks");
        for (Block b : blocks) {
            ObjectNode o = bs.addObject();
            o.put("number", b.number());
            if (b.hash() == null) {
                o.putNull("hash");
            } else {
                o.put("hash", b.hash());
            }
        }
        manifest.put("certificateSha256", sha256Hex(certificatePem.getBytes(StandardCharsets.UTF_8)));
        ObjectNode doc = JsonNodeFactory.instance.objectNode();
        doc.put("format", FORMAT);
        doc.set("report", reportNode);
        doc.set("manifest", manifest);
        doc.put("signerCertificate", certificatePem);
        doc.put("signatureAlgorithm", ALGORITHM);
        doc.put("signature", Base64.getEncoder().encodeToString(signBytes(canonical(manifest), key)));
        return (ObjectNode) sorted(doc);
    }

    /** The digests of every part of a report node: title, columns, each parameter, note and cell. */
    static ObjectNode digests(JsonNode report) {
        ObjectNode d = JsonNodeFactory.instance.objectNode();
        d.put("name", cell("name", report.path("name")));
        d.put("title", cell("title", report.path("title")));
        d.put("columns", cell("columns", report.path("columns")));
        d.put("asOfBlock", cell("asOfBlock", report.path("asOfBlock")));
        ObjectNode params = d.putObject("parameters");
        report.path("parameters").fields().forEachRemaining(e -> params.put(e.getKey(),
                cell("parameters." + e.getKey(), e.getValue())));
        ArrayNode notes = d.putArray("notes");
        int i = 0;
        for (JsonNode n : report.path("notes")) {
            notes.add(cell("notes[" + i++ + "]", n));
        }
        ArrayNode rows = d.putArray("rows");
        List<String> columns = new ArrayList<>();
        report.path("columns").forEach(c -> columns.add(c.asText()));
        int r = 0;
        for (JsonNode row : report.path("rows")) {
            ArrayNode cells = rows.addArray();
            for (int c = 0; c < row.size(); c++) {
                String col = c < columns.size() ? columns.get(c) : "#" + c;
                cells.add(cell("rows[" + r + "]." + col, row.get(c)));
            }
            r++;
        }
        return d;
    }

    /** A cell's digest binds its place and value: the first 16 hex digits of SHA-256(path NUL value). */
    static String cell(String path, JsonNode value) {
        byte[] v = canonical(value == null ? JsonNodeFactory.instance.nullNode() : value);
        byte[] p = (path + "\u0000").getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[p.length + v.length];
        System.arraycopy(p, 0, all, 0, p.length);
        System.arraycopy(v, 0, all, p.length, v.length);
        return sha256Hex(all).substring(0, 16);
    }

    static byte[] canonical(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(sorted(node));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A copy with object keys sorted at every level. */
    static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            TreeMap<String, JsonNode> m = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                m.put(e.getKey(), sorted(e.getValue()));
            }
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            m.forEach(o::set);
            return o;
        }
        if (node.isArray()) {
            ArrayNode a = JsonNodeFactory.instance.arrayNode();
            node.forEach(n -> a.add(sorted(n)));
            return a;
        }
        if (node.isIntegralNumber()) {
            return JsonNodeFactory.instance.numberNode(node.bigIntegerValue());
        }
        return node;
    }

    static byte[] signBytes(byte[] data, PrivateKey key) {
        try {
            Signature s = Signature.getInstance(ALGORITHM, BC);
            s.initSign(key);
            s.update(data);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing the export failed: " + e.getMessage(), e);
        }
    }

    static boolean verifyBytes(byte[] data, byte[] signature, PublicKey key) {
        try {
            Signature s = Signature.getInstance(ALGORITHM, BC);
            s.initVerify(key);
            s.update(data);
            return s.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    static String sha256Hex(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
