package org.batteryledger.chaincode.tx;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.batteryledger.chaincode.testkit.InMemoryLedger;
import org.batteryledger.chaincode.testkit.InMemoryStub;
import org.batteryledger.chaincode.testkit.TestIdentities;
import org.hyperledger.fabric.contract.Context;
import org.junit.jupiter.api.Test;

class LedgerContextTest {
    private final InMemoryLedger ledger = new InMemoryLedger();

    private InMemoryStub stub(TestIdentities.Identity who) {
        return new InMemoryStub(ledger, ledger.nextTxId(), Instant.parse("2026-06-01T00:00:00Z"), who.serialized(),
                "Fn");
    }

    @Test
    void each_transaction_gets_its_own_stub_and_the_callers_identity() {
        var alice = TestIdentities.member("OrgAMSP", "A", "RECYCLER");
        var bob = TestIdentities.member("OrgBMSP", "B", "AUTOMAKER");
        InMemoryStub s1 = stub(alice);
        InMemoryStub s2 = stub(alice);
        InMemoryStub s3 = stub(bob);

        Context c1 = LedgerContext.of(s1);
        Context c2 = LedgerContext.of(s2);
        Context c3 = LedgerContext.of(s3);

        assertThat(c1.getStub()).isSameAs(s1);
        assertThat(c2.getStub()).isSameAs(s2);
        assertThat(c1.getClientIdentity().getAttributeValue("participant")).isEqualTo("A");
        assertThat(c2.getClientIdentity().getMSPID()).isEqualTo("OrgAMSP");
        assertThat(c3.getClientIdentity().getAttributeValue("role")).isEqualTo("AUTOMAKER");
        assertThat(c3.getClientIdentity().getMSPID()).isEqualTo("OrgBMSP");
    }
}
