package org.batteryledger.app.identity.enrol;

import java.nio.file.Path;

/**
 * What to issue: the organisation's CA (certificate and key, PEM), the user, the attributes, and
 * the MSP folder to write.
 *
 * @param caCertificate the CA certificate, e.g. cryptogen's {@code ca/ca.<domain>-cert.pem}
 * @param caKey the CA's private key, e.g. cryptogen's {@code ca/priv_sk}
 * @param participantId unified social credit code of the company the user acts for
 * @param role a chaincode {@code Role} name
 * @param mspDirectory where {@code signcerts/}, {@code keystore/} and {@code cacerts/} go
 * @param force replace an identity already in {@code mspDirectory} that carries other attributes
 */
public record EnrolRequest(Path caCertificate, Path caKey, String mspId, String userName, String participantId,
        String role, Path mspDirectory, boolean force) {}
