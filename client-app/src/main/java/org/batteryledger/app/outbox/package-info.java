/**
 * The outbox: every write the application makes is stored first in a durable H2 table
 * ({@code outbox_entry}, schema {@code db/outbox.sql}) under its participant and client event id,
 * then sent to the ledger by {@link org.batteryledger.app.outbox.OutboxSender}, which retries
 * while the ledger is unreachable. Because the contract answers a repeated client event id with
 * its first result, a retry never applies a write twice, so nothing accepted is lost or doubled.
 *
 * <p>Entry points: {@link org.batteryledger.app.outbox.Outbox} to enqueue, look up and wait for
 * a write; {@link org.batteryledger.app.outbox.OutboxSender} to run the sending.
 */
@NonNullApi
package org.batteryledger.app.outbox;

import org.springframework.lang.NonNullApi;
