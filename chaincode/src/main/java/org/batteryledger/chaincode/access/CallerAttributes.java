package org.batteryledger.chaincode.access;

/**
 * The certificate attributes the contract reads, as Fabric CA writes them into the ECert
 * (extension 1.2.3.4.5.6.7.8.1; register with {@code --id.attrs 'participant=…:ecert,role=…:ecert'}).
 */
public final class CallerAttributes {
    /** The unified social credit code of the company the user acts for. */
    public static final String PARTICIPANT = "participant";
    /** The {@link org.batteryledger.chaincode.participant.Role} name the user acts in. */
    public static final String ROLE = "role";
    /** Added by Fabric CA to every ECert. */
    public static final String ENROLLMENT_ID = "hf.EnrollmentID";

    private CallerAttributes() {}
}
