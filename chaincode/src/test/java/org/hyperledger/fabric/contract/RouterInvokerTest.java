package org.hyperledger.fabric.contract;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.batteryledger.chaincode.testkit.EchoContractForTest;
import org.batteryledger.chaincode.testkit.InMemoryLedger;
import org.batteryledger.chaincode.testkit.InMemoryStub;
import org.batteryledger.chaincode.testkit.TestIdentities;
import org.hyperledger.fabric.shim.Chaincode;
import org.junit.jupiter.api.Test;

class RouterInvokerTest {

    private static final TestIdentities.Identity CALLER = TestIdentities.member("Org1MSP", "P-1", "manufacturer");

    private final InMemoryLedger ledger = new InMemoryLedger();

    private InMemoryStub stub(String function, String... args) {
        return new InMemoryStub(ledger, ledger.nextTxId(), Instant.parse("2026-06-01T08:00:00Z"),
                CALLER.serialized(), "Org1MSP", InMemoryStub.toArgs(function, args), Map.of());
    }

    @Test
    void echo_returns_success_with_its_argument_as_payload() {
        Chaincode.Response r = RouterInvoker.shared().invoke(stub("EchoForTest:Echo", "héllo wörld"));
        assertThat(r.getStatus()).isEqualTo(Chaincode.Response.Status.SUCCESS);
        assertThat(r.getStatusCode()).isEqualTo(200);
        assertThat(r.getStringPayload()).isEqualTo("héllo wörld");
    }

    @Test
    void chaincode_exception_becomes_an_error_response_with_its_message() {
        InMemoryStub s = stub("EchoForTest:Fail", "battery B1 not found");
        Chaincode.Response r = RouterInvoker.shared().invoke(s);
        assertThat(r.getStatus()).isEqualTo(Chaincode.Response.Status.INTERNAL_SERVER_ERROR);
        assertThat(r.getMessage()).isEqualTo("battery B1 not found");
        assertThat(new String(r.getPayload(), UTF_8)).isEqualTo(EchoContractForTest.FAILURE_CODE);
        // The router does not roll back; the caller (TxRunner) must discard the write set.
        assertThat(s.writes()).containsKey("echo-fail");
    }

    @Test
    void contract_sees_the_creator_identity_parsed_by_the_shim() {
        Chaincode.Response r = RouterInvoker.shared().invoke(stub("EchoForTest:WhoAmI"));
        assertThat(r.getStringPayload()).isEqualTo("Org1MSP/manufacturer");
    }

    @Test
    void unknown_transaction_is_an_error_response() {
        Chaincode.Response r = RouterInvoker.shared().invoke(stub("EchoForTest:NoSuchTx"));
        assertThat(r.getStatusCode()).isEqualTo(500);
        assertThat(r.getMessage()).contains("Undefined contract method called");
    }

    @Test
    void metadata_lists_the_test_contract() {
        Chaincode.Response r = RouterInvoker.shared().invoke(stub("org.hyperledger.fabric:GetMetadata"));
        assertThat(r.getStatus()).isEqualTo(Chaincode.Response.Status.SUCCESS);
        assertThat(r.getStringPayload()).contains("\"EchoForTest\"").contains("\"Echo\"");
        assertThat(RouterInvoker.shared().metadata()).contains("EchoForTest");
    }

    @Test
    void a_new_invoker_routes_as_well() {
        RouterInvoker fresh = new RouterInvoker();
        Chaincode.Response r = fresh.invoke(new InMemoryStub(ledger, "t", Instant.EPOCH, CALLER.serialized(),
                null, List.of("EchoForTest:Echo".getBytes(UTF_8), "x".getBytes(UTF_8)), null));
        assertThat(r.getStringPayload()).isEqualTo("x");
    }
}
