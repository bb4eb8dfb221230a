package org.batteryledger.app.ledger.fabric;

import io.grpc.Status.Code;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.batteryledger.app.ledger.LedgerRejectedException;
import org.batteryledger.app.ledger.LedgerUnavailableException;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.GatewayRuntimeException;
import org.hyperledger.fabric.client.TransactionException;
import org.hyperledger.fabric.protos.gateway.ErrorDetail;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * Turns the Gateway's failures into the port's two: the contract said no (final), or try again.
 *
 * <p>A contract error reaches the client only inside the gRPC status: the gateway peer writes
 * {@code "chaincode response 500, <message>"} into the per-peer error details (and, for a read,
 * into the status message too); the top-level message of an endorsement is the generic "failed to
 * endorse transaction, see attached details". The battery contract's message starts with its
 * {@code LedgerError} code, so the extracted message gives {@link LedgerRejectedException#code()}
 * the same code as on the embedded ledger. Everything else (peer down, deadline, a peer-side
 * error without a chaincode response, an invalidated transaction) may succeed on a retry.
 */
final class FabricErrors {
    /** As the gateway peer formats a chaincode's error response. */
    private static final Pattern CHAINCODE_RESPONSE = Pattern.compile("chaincode response (\\d{3}), (.*)",
            Pattern.DOTALL);
    /** Nothing from the chaincode can ride on these: the call did not get that far. */
    private static final Set<Code> TRANSPORT = Set.of(Code.UNAVAILABLE, Code.DEADLINE_EXCEEDED, Code.CANCELLED,
            Code.RESOURCE_EXHAUSTED);

    private FabricErrors() {}

    /** A failed evaluate or endorse. */
    static RuntimeException of(String transaction, GatewayException e) {
        String txId = e instanceof TransactionException t ? t.getTransactionId() : null;
        return of(transaction, txId, e.getStatus(), e.getDetails(), e);
    }

    /** A failed event stream or other unchecked gateway call. */
    static RuntimeException of(String what, GatewayRuntimeException e) {
        return of(what, null, e.getStatus(), e.getDetails(), e);
    }

    static RuntimeException of(String transaction, String txId, io.grpc.Status status, List<ErrorDetail> details,
            Throwable cause) {
        if (!TRANSPORT.contains(status.getCode())) {
            Optional<String> refusal = contractRefusal(status, details);
            if (refusal.isPresent()) {
                return new LedgerRejectedException(refusal.get(), txId);
            }
        }
        return new LedgerUnavailableException(transaction + " failed at the gateway: " + describe(status, details),
                cause, false);
    }

    /** A transaction the peers invalidated; MVCC conflicts are flagged for a retry with a fresh endorsement. */
    static LedgerUnavailableException invalidated(String transaction, String txId, TxValidationCode code) {
        return new LedgerUnavailableException(transaction + " (" + txId + ") was not committed: " + code.name(), null,
                isReadConflict(code));
    }

    static boolean isReadConflict(TxValidationCode code) {
        return code == TxValidationCode.MVCC_READ_CONFLICT || code == TxValidationCode.PHANTOM_READ_CONFLICT;
    }

    /** The chaincode's own error message (status 400 or more), from the details or the status message. */
    static Optional<String> contractRefusal(io.grpc.Status status, List<ErrorDetail> details) {
        List<String> messages = new ArrayList<>();
        details.forEach(d -> messages.add(d.getMessage()));
        if (status.getDescription() != null) {
            messages.add(status.getDescription());
        }
        for (String m : messages) {
            Matcher matcher = CHAINCODE_RESPONSE.matcher(m);
            if (matcher.find() && Integer.parseInt(matcher.group(1)) >= 400) {
                return Optional.of(matcher.group(2));
            }
        }
        return Optional.empty();
    }

    private static String describe(io.grpc.Status status, List<ErrorDetail> details) {
        StringBuilder b = new StringBuilder(status.getCode().name());
        if (status.getDescription() != null) {
            b.append(": ").append(status.getDescription());
        }
        for (ErrorDetail d : details) {
            b.append(" [").append(d.getMspId()).append('@').append(d.getAddress()).append(": ").append(d.getMessage())
                    .append(']');
        }
        return b.toString();
    }
}
