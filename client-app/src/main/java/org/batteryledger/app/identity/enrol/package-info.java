/**
 * The enrolment tool: issues a network user (certificate with the {@code participant} and
 * {@code role} attributes the chaincode reads, and its key) signed by an organisation's CA, for
 * networks whose identities come from cryptogen rather than a Fabric CA. Run it through
 * {@code network-config/scripts/enrol.sh}; {@link org.batteryledger.app.identity.enrol.EnrolTool}
 * is the entry point.
 */
package org.batteryledger.app.identity.enrol;
