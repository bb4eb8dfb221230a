/**
 * World-state access for one transaction: the key layout and a read-your-writes overlay over
 * the stub. Nothing here knows the domain.
 */
package org.batteryledger.chaincode.state;
