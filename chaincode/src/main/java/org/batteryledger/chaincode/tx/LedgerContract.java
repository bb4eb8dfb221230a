package org.batteryledger.chaincode.tx;

import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.shim.ChaincodeStub;

/** What every contract of the battery ledger shares: the context with a cached caller identity. */
public interface LedgerContract extends ContractInterface {
    @Override
    default Context createContext(ChaincodeStub stub) {
        return LedgerContext.of(stub);
    }
}
