package org.batteryledger.app.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.batteryledger.app.compliance.calendar.WorkdayCalendar;
import org.batteryledger.app.compliance.export.SignedReports;
import org.batteryledger.app.compliance.export.VerifyCommand;
import org.batteryledger.app.ledger.embedded.EmbeddedLedger;
import org.batteryledger.app.outbox.Consortium;
import org.batteryledger.app.outbox.TestDb;
import org.batteryledger.app.readmodel.ReadModelProjector;
import org.batteryledger.chaincode.Transactions;
import org.batteryledger.chaincode.testkit.TestIdentities;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A signed export of a report on the embedded ledger, checked offline by {@link VerifyCommand}
 * against the ledger's files after the ledger is closed: intact, then with a tampered figure, a
 * tampered block hash, and a signer from another organisation.
 */
class SignedExportTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;
    Path ledgerDir;
    Path caPem;
    Path otherCaPem;
    ObjectNode signed;
    ObjectNode signedByOther;

    @BeforeEach
    void setUp() throws Exception {
        ledgerDir = dir.resolve("ledger");
        try (TestDb db = new TestDb(dir, "app"); EmbeddedLedger ledger = EmbeddedLedger.open(ledgerDir)) {
            Consortium c = Consortium.on(ledger);
            ReadModelProjector projector = new ReadModelProjector(db.dataSource(), ledger);
            projector.start();
            String p = c.code(c.batteryMaker, 'P', 1);
            c.submit(c.batteryMaker, Transactions.REGISTER_UNITS, c.registerRequest(java.util.Map.of(p, List.of())));
            c.submit(c.batteryMaker, Transactions.SHIP, c.request("code", p));
            c.handOver(c.batteryMaker, c.automaker, p);
            c.submit(c.automaker, Transactions.INSTALL, c.request("code", p, "vin", Consortium.vin(1), "maxPacks", 1));
            assertThat(projector.awaitBlock(ledger.height() - 1, Duration.ofSeconds(10))).isTrue();
            projector.stop();
            ComplianceReports reports = new ComplianceReports(db.dataSource(), WorkdayCalendar.bundled(),
                    ComplianceSettings.defaults());
            Period year = Period.year(Instant.now().atOffset(Period.CHINA).getYear());
            Report r = reports.report(ReportName.PRODUCER_RESPONSIBILITY, year, null, null, 500);
            List<SignedReports.Block> blocks = reports.blocks(year, null, r.asOfBlock());
            assertThat(blocks).isNotEmpty().allMatch(b -> b.hash() != null && b.hash().length() == 64);
            signed = SignedReports.sign(r, blocks, new SignedReports.Issuer(c.regulator.id(), c.regulator.name(),
                    c.regulator.mspId(), "regulator"), Instant.now(), c.regulator.user().certificate(),
                    c.regulator.user().certificatePem(), c.regulator.user().privateKey());
            signedByOther = SignedReports.sign(r, blocks, new SignedReports.Issuer(c.regulator.id(),
                    c.regulator.name(), c.regulator.mspId(), "regulator"), Instant.now(),
                    c.automaker.user().certificate(), c.automaker.user().certificatePem(),
                    c.automaker.user().privateKey());
        }
        caPem = Files.writeString(dir.resolve("regulator-ca.pem"), TestIdentities.caCertificatePem("RegulatorMSP"));
        otherCaPem = Files.writeString(dir.resolve("auto-ca.pem"), TestIdentities.caCertificatePem("AutoMSP"));
    }

    private record Run(int status, String out) {}

    private Run verify(JsonNode doc, String... extra) throws Exception {
        Path f = Files.createTempFile(dir, "export", ".json");
        Files.writeString(f, MAPPER.writeValueAsString(doc));
        String[] args = new String[extra.length + 1];
        args[0] = f.toString();
        System.arraycopy(extra, 0, args, 1, extra.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = VerifyCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void anIntactExportVerifiesAgainstItsCaAndTheLedgerFiles() throws Exception {
        Run r = verify(signed, "--ca", caPem.toString(), "--ledger", ledgerDir.toString());

        assertThat(r.out()).contains("VERIFIED").doesNotContain("FAIL");
        assertThat(r.status()).isZero();
    }

    @Test
    void aTamperedFigureIsNamedByRowAndColumn() throws Exception {
        ObjectNode doc = signed.deepCopy();
        ArrayNode row = (ArrayNode) doc.path("report").path("rows").get(0);
        row.set(3, MAPPER.getNodeFactory().numberNode(row.get(3).asLong() + 100));

        Run r = verify(doc, "--ca", caPem.toString());

        assertThat(r.status()).isEqualTo(1);
        assertThat(r.out()).contains("FAIL report.rows[0].placedOnMarket: value " + (row.get(3).asLong())
                + " does not match the signed digest");
        assertThat(r.out()).doesNotContain("FAIL signature"); // the manifest itself is intact
    }

    @Test
    void aTamperedBlockHashIsNamedByBlock() throws Exception {
        ObjectNode doc = signed.deepCopy();
        ObjectNode block = (ObjectNode) doc.path("manifest").path("blocks").get(0);
        long n = block.path("number").asLong();
        String good = block.path("hash").asText();
        block.put("hash", good.substring(0, 63) + (good.endsWith("0") ? "1" : "0"));

        Run r = verify(doc, "--ca", caPem.toString(), "--ledger", ledgerDir.toString());

        assertThat(r.status()).isEqualTo(1);
        assertThat(r.out()).contains("FAIL signature:"); // the manifest was changed
        assertThat(r.out()).contains("FAIL block " + n + ": hash in the export ").contains("differs from the ledger's "
                + good);
    }

    @Test
    void aBlockHashFromAnotherLedgerExportDoesNotMatch() throws Exception {
        JsonNode first = signed.path("manifest").path("blocks").get(0);
        Path blocks = Files.writeString(dir.resolve("blocks.csv"), "number,hash\n" + first.path("number").asLong()
                + "," + "ab".repeat(32) + "\n");

        Run r = verify(signed, "--ca", caPem.toString(), "--blocks", blocks.toString());

        assertThat(r.out()).contains("FAIL block " + first.path("number").asLong() + ": hash in the export "
                + first.path("hash").asText() + " differs from the ledger's " + "ab".repeat(32));
    }

    @Test
    void aSignerFromAnotherOrganisationIsReported() throws Exception {
        Run r = verify(signedByOther, "--ca", caPem.toString());

        assertThat(r.status()).isEqualTo(1);
        assertThat(r.out()).contains("FAIL signerCertificate: not issued by the given CA")
                .contains("FAIL manifest.issuer.participant:");
        assertThat(verify(signedByOther, "--ca", otherCaPem.toString()).out())
                .contains("FAIL manifest.issuer.participant:");
    }

    @Test
    void aSwappedCertificateBreaksTheSignature() throws Exception {
        ObjectNode doc = signed.deepCopy();
        doc.put("signerCertificate", signedByOther.path("signerCertificate").asText());

        Run r = verify(doc, "--ca", otherCaPem.toString());

        assertThat(r.out()).contains("FAIL signature: does not verify")
                .contains("FAIL signerCertificate: is not the certificate the manifest names");
    }

    @Test
    void usageErrorsExitWithTwo() throws Exception {
        assertThat(VerifyCommand.run(new String[] {}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(new ByteArrayOutputStream()))).isEqualTo(2);
        assertThat(verify(signed, "--ledger").status()).isEqualTo(2);
    }
}
