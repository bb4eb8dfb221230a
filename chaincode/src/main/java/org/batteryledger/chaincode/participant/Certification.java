package org.batteryledger.chaincode.participant;

import java.time.LocalDate;

/**
 * A certification with its validity, both ends inclusive. Dates are calendar dates in China
 * (UTC+8), where the certificates are issued.
 */
public record Certification(
        CertificationType type, String number, String issuer, LocalDate validFrom, LocalDate validUntil) {

    public boolean validOn(LocalDate day) {
        return !day.isBefore(validFrom) && !day.isAfter(validUntil);
    }
}
