package org.batteryledger.app.ledger.fabric;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Any;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import org.batteryledger.app.ledger.LedgerRejectedException;
import org.batteryledger.app.ledger.LedgerUnavailableException;
import org.batteryledger.chaincode.error.LedgerError;
import org.hyperledger.fabric.client.EndorseException;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.protos.gateway.ErrorDetail;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.Test;

/** How the Gateway's failures, as a gateway peer words them, become the port's two exceptions. */
class FabricErrorsTest {

    private static StatusRuntimeException grpc(Status.Code code, String message, String... details) {
        com.google.rpc.Status.Builder s = com.google.rpc.Status.newBuilder().setCode(code.value()).setMessage(message);
        for (String d : details) {
            s.addDetails(Any.pack(ErrorDetail.newBuilder().setAddress("peer0:7051").setMspId("Org1MSP").setMessage(d)
                    .build()));
        }
        return StatusProto.toStatusRuntimeException(s.build());
    }

    @Test
    void aChaincodeRefusalInTheEndorsementDetailsIsRejectedWithItsCode() {
        EndorseException e = new EndorseException("tx1", grpc(Status.Code.ABORTED,
                "failed to endorse transaction, see attached details for more info",
                "chaincode response 500, NOT_CUSTODIAN: 91350900MA2XK3L41 does not hold A1B"));

        RuntimeException mapped = FabricErrors.of("Custody:Offer", e);

        assertThat(mapped).isInstanceOfSatisfying(LedgerRejectedException.class, r -> {
            assertThat(r.code()).contains(LedgerError.NOT_CUSTODIAN);
            assertThat(r.getMessage()).isEqualTo("NOT_CUSTODIAN: 91350900MA2XK3L41 does not hold A1B");
            assertThat(r.txId()).isEqualTo("tx1");
        });
    }

    @Test
    void aChaincodeRefusalOfAReadIsFoundInTheStatusMessageToo() {
        GatewayException e = new GatewayException(grpc(Status.Code.UNKNOWN,
                "evaluate call to endorser returned error: chaincode response 500, NOT_FOUND: unit X is not registered"));

        assertThat(FabricErrors.of("Queries:GetUnit", e)).isInstanceOfSatisfying(LedgerRejectedException.class,
                r -> assertThat(r.code()).contains(LedgerError.NOT_FOUND));
    }

    @Test
    void aPeerSideErrorWithoutAChaincodeResponseIsRetryable() {
        EndorseException e = new EndorseException("tx2", grpc(Status.Code.ABORTED,
                "failed to collect enough transaction endorsements, see attached details for more info",
                "failed to execute transaction: could not launch chaincode battery_1.0: connection refused"));

        RuntimeException mapped = FabricErrors.of("Production:RegisterUnits", e);

        assertThat(mapped).isInstanceOfSatisfying(LedgerUnavailableException.class, u -> {
            assertThat(u.isMvccConflict()).isFalse();
            assertThat(u.getMessage()).contains("ABORTED").contains("Org1MSP@peer0:7051").contains("could not launch");
        });
    }

    @Test
    void anUnreachablePeerOrAnExpiredDeadlineIsRetryable() {
        assertThat(FabricErrors.of("x", new GatewayException(grpc(Status.Code.UNAVAILABLE, "io exception"))))
                .isInstanceOf(LedgerUnavailableException.class);
        // Even with chaincode-like text in it, a deadline is never the contract's answer.
        assertThat(FabricErrors.of("x", new GatewayException(grpc(Status.Code.DEADLINE_EXCEEDED,
                "chaincode response 500, NOT_FOUND: late"))))
                .isInstanceOf(LedgerUnavailableException.class);
    }

    @Test
    void aChaincodeStatusBelow400IsNotARefusal() {
        GatewayException e = new GatewayException(grpc(Status.Code.UNKNOWN, "odd", "chaincode response 302, moved"));

        assertThat(FabricErrors.of("x", e)).isInstanceOf(LedgerUnavailableException.class);
    }

    @Test
    void mvccAndPhantomReadConflictsAreFlaggedForARetry() {
        assertThat(FabricErrors.invalidated("t", "tx3", TxValidationCode.MVCC_READ_CONFLICT).isMvccConflict()).isTrue();
        assertThat(FabricErrors.invalidated("t", "tx3", TxValidationCode.PHANTOM_READ_CONFLICT).isMvccConflict())
                .isTrue();
        LedgerUnavailableException policy = FabricErrors.invalidated("t", "tx4",
                TxValidationCode.ENDORSEMENT_POLICY_FAILURE);
        assertThat(policy.isMvccConflict()).isFalse();
        assertThat(policy.getMessage()).contains("tx4").contains("ENDORSEMENT_POLICY_FAILURE");
    }
}
