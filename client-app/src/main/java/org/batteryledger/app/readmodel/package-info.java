/**
 * The read model: chaincode events projected into H2 tables ({@code rm_*}, schema
 * {@code db/readmodel.sql}) built for search, dashboards and reports. Each block is applied in
 * one transaction together with its checkpoint, so the tables always show the ledger as of one
 * block, exactly once, and a rebuild from block 0 gives the same rows.
 *
 * <p>Entry points: {@link org.batteryledger.app.readmodel.ReadModelProjector} (start, stop,
 * rebuild) and {@link org.batteryledger.app.readmodel.ReadModelQueries} (searches and counts).
 * The tables hold the full, authority-tier state of every unit: callers that serve other tiers
 * filter what they show.
 */
@NonNullApi
package org.batteryledger.app.readmodel;

import org.springframework.lang.NonNullApi;
