-- The read model: chaincode events projected into tables for search, dashboards and reports.
-- Every row is derived from ledger events only (no wall-clock values), so a rebuild from
-- block 0 produces the same rows. Applied on every start by org.batteryledger.app.readmodel;
-- each statement must stay idempotent.

-- The latest version of every pack, module and cell.
CREATE TABLE IF NOT EXISTS rm_unit (
    code               VARCHAR(32)   NOT NULL,
    level              VARCHAR(8),
    form               VARCHAR(16),
    manufacturer_code  VARCHAR(8),
    battery_type       VARCHAR(8),
    status             VARCHAR(32)   NOT NULL,
    eu_status          VARCHAR(32),
    holder             VARCHAR(64)   NOT NULL,
    responsible        VARCHAR(64)   NOT NULL,
    responsible_basis  VARCHAR(32),
    vin                VARCHAR(32),
    parent             VARCHAR(32),
    pending_to         VARCHAR(64),
    registered_by      VARCHAR(64),
    production_date    DATE,
    registered_at      TIMESTAMP WITH TIME ZONE,
    updated_at         TIMESTAMP WITH TIME ZONE,
    last_action        VARCHAR(64)   NOT NULL,
    last_tx_id         VARCHAR(128)  NOT NULL,
    last_block         BIGINT        NOT NULL,
    unit_json          CHARACTER LARGE OBJECT NOT NULL,
    CONSTRAINT rm_unit_pk PRIMARY KEY (code)
);
CREATE INDEX IF NOT EXISTS rm_unit_holder ON rm_unit (holder, code);
CREATE INDEX IF NOT EXISTS rm_unit_status ON rm_unit (status, code);
CREATE INDEX IF NOT EXISTS rm_unit_responsible ON rm_unit (responsible, status, code);
CREATE INDEX IF NOT EXISTS rm_unit_vin ON rm_unit (vin, code);
CREATE INDEX IF NOT EXISTS rm_unit_registered ON rm_unit (registered_at, code);
CREATE INDEX IF NOT EXISTS rm_unit_parent ON rm_unit (parent);

-- One row per changed unit per transaction: the timeline, and the input of compliance reports.
CREATE TABLE IF NOT EXISTS rm_unit_event (
    block_number  BIGINT        NOT NULL,
    tx_index      INT           NOT NULL,
    code          VARCHAR(32)   NOT NULL,
    tx_id         VARCHAR(128)  NOT NULL,
    action        VARCHAR(64)   NOT NULL,
    from_status   VARCHAR(32),
    to_status     VARCHAR(32)   NOT NULL,
    participant   VARCHAR(64),
    role          VARCHAR(32),
    counterparty  VARCHAR(64),
    occurred_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    recorded_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT rm_unit_event_pk PRIMARY KEY (block_number, tx_index, code)
);
CREATE INDEX IF NOT EXISTS rm_unit_event_code ON rm_unit_event (code, block_number, tx_index);
CREATE INDEX IF NOT EXISTS rm_unit_event_participant ON rm_unit_event (participant, occurred_at);

-- The participant registry.
CREATE TABLE IF NOT EXISTS rm_participant (
    id                VARCHAR(64)   NOT NULL,
    name              VARCHAR(200)  NOT NULL,
    -- Role names, comma-separated, in registry order.
    roles             VARCHAR(500)  NOT NULL,
    msp_id            VARCHAR(64)   NOT NULL,
    status            VARCHAR(16)   NOT NULL,
    registered_at     TIMESTAMP WITH TIME ZONE,
    updated_at        TIMESTAMP WITH TIME ZONE,
    participant_json  CHARACTER LARGE OBJECT NOT NULL,
    CONSTRAINT rm_participant_pk PRIMARY KEY (id)
);
CREATE INDEX IF NOT EXISTS rm_participant_msp ON rm_participant (msp_id);

-- Vehicles and the packs bound to them now.
CREATE TABLE IF NOT EXISTS rm_vehicle (
    vin           VARCHAR(32)   NOT NULL,
    automaker     VARCHAR(64)   NOT NULL,
    max_packs     INT,
    -- Pack codes, comma-separated, sorted.
    packs         VARCHAR(4000) NOT NULL,
    sold_at       TIMESTAMP WITH TIME ZONE,
    scrapped_at   TIMESTAMP WITH TIME ZONE,
    scrapped_by   VARCHAR(64),
    updated_at    TIMESTAMP WITH TIME ZONE,
    vehicle_json  CHARACTER LARGE OBJECT NOT NULL,
    CONSTRAINT rm_vehicle_pk PRIMARY KEY (vin)
);
CREATE INDEX IF NOT EXISTS rm_vehicle_automaker ON rm_vehicle (automaker, vin);

-- Recycling batches with their mass balance (grams) and efficiency (basis points).
CREATE TABLE IF NOT EXISTS rm_recycling_batch (
    batch_id                 VARCHAR(128)  NOT NULL,
    recycler                 VARCHAR(64)   NOT NULL,
    route                    VARCHAR(32)   NOT NULL,
    input_mass_grams         BIGINT        NOT NULL,
    output_mass_grams        BIGINT        NOT NULL,
    recycling_mass_grams     BIGINT        NOT NULL,
    recycling_efficiency_bp  INT           NOT NULL,
    occurred_at              TIMESTAMP WITH TIME ZONE,
    recorded_at              TIMESTAMP WITH TIME ZONE NOT NULL,
    tx_id                    VARCHAR(128),
    batch_json               CHARACTER LARGE OBJECT NOT NULL,
    CONSTRAINT rm_recycling_batch_pk PRIMARY KEY (batch_id)
);
CREATE INDEX IF NOT EXISTS rm_recycling_batch_recycler ON rm_recycling_batch (recycler, recorded_at);

-- The last block each projector applied, written in the same transaction as that block's rows.
CREATE TABLE IF NOT EXISTS rm_checkpoint (
    projector     VARCHAR(64)   NOT NULL,
    block_number  BIGINT        NOT NULL,
    CONSTRAINT rm_checkpoint_pk PRIMARY KEY (projector)
);

-- ---------------------------------------------------------------- compliance (org.batteryledger.app.compliance)

-- Columns the compliance reports filter on, taken from the unit's after-state.
ALTER TABLE rm_unit ADD COLUMN IF NOT EXISTS eu_unique_id VARCHAR(128);
ALTER TABLE rm_unit ADD COLUMN IF NOT EXISTS mass_grams BIGINT;
-- Annex XIII point 1 fields the unit lacks, comma-separated (empty = complete); domain.md §6.5.
ALTER TABLE rm_unit ADD COLUMN IF NOT EXISTS passport_gaps VARCHAR(500);
-- When the unit was first shipped or installed (placed on the market, EU 2023/1542 Art. 77(1)).
ALTER TABLE rm_unit ADD COLUMN IF NOT EXISTS placed_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX IF NOT EXISTS rm_unit_placed ON rm_unit (placed_at);
-- Pending handovers are listed by receiver and code, read through this index in that order.
-- It replaces rm_unit_pending_to (pending_to).
DROP INDEX IF EXISTS rm_unit_pending_to;
CREATE INDEX IF NOT EXISTS rm_unit_pending_code ON rm_unit (pending_to, code);
-- Repeated rejections group one action's events by code: the index holds the code and block, so
-- the rows are not read. It replaces rm_unit_event_action (action, occurred_at).
DROP INDEX IF EXISTS rm_unit_event_action;
CREATE INDEX IF NOT EXISTS rm_unit_event_action_code ON rm_unit_event (action, occurred_at, code, block_number);
-- The anomaly lists read one company's events of one action and role on one day (late, diverted).
-- The index holds every column they read, so H2 answers from it without reading the event rows
-- (it reads a row only for a column its index lacks). It replaces (participant, action, occurred_at).
DROP INDEX IF EXISTS rm_unit_event_participant_action;
CREATE INDEX IF NOT EXISTS rm_unit_event_actor_day ON rm_unit_event (participant, action, role, occurred_at,
    recorded_at, to_status, block_number, tx_index, code, tx_id);
ALTER TABLE rm_recycling_batch ADD COLUMN IF NOT EXISTS chemistry VARCHAR(16);
-- The input units' declared mass (spec), summed at the batch; NULL when a unit declares none.
ALTER TABLE rm_recycling_batch ADD COLUMN IF NOT EXISTS declared_mass_grams BIGINT;
-- Packs bound now: sold vehicles with none are an anomaly (车电一体), found through this index.
ALTER TABLE rm_vehicle ADD COLUMN IF NOT EXISTS pack_count INT;
-- Every column the check reads is in the index, so the vehicle rows themselves are not read.
DROP INDEX IF EXISTS rm_vehicle_pack_count;
DROP INDEX IF EXISTS rm_vehicle_packless;
CREATE INDEX IF NOT EXISTS rm_vehicle_packless_sold ON rm_vehicle (pack_count, scrapped_at, vin, automaker, sold_at,
    updated_at);

-- Every block the read model applied, with its hash when the ledger gives it: the signed export
-- names the blocks its figures rest on by number and hash.
CREATE TABLE IF NOT EXISTS rm_block (
    block_number  BIGINT        NOT NULL,
    block_hash    VARCHAR(64),
    events        INT           NOT NULL,
    CONSTRAINT rm_block_pk PRIMARY KEY (block_number)
);

-- Per element of a recycling batch: mass in the input and recovered (grams).
CREATE TABLE IF NOT EXISTS rm_recycling_element (
    batch_id         VARCHAR(128)  NOT NULL,
    element          VARCHAR(8)    NOT NULL,
    input_grams      BIGINT        NOT NULL,
    recovered_grams  BIGINT        NOT NULL,
    CONSTRAINT rm_recycling_element_pk PRIMARY KEY (batch_id, element)
);

-- The units fed into each batch with their weighed mass (grams).
CREATE TABLE IF NOT EXISTS rm_recycling_input (
    batch_id     VARCHAR(128)  NOT NULL,
    code         VARCHAR(32)   NOT NULL,
    mass_grams   BIGINT        NOT NULL,
    battery_type VARCHAR(8),
    CONSTRAINT rm_recycling_input_pk PRIMARY KEY (batch_id, code)
);

-- Pre-aggregated activity, maintained by the projector so that reports over a year of millions
-- of events read thousands of rows. Counts only change block by block, in block order, so
-- incremental application and a rebuild give the same rows. Days are China (UTC+8) dates.

-- The reporting clocks: unit events per actor, role, action, trigger day and recording day.
CREATE TABLE IF NOT EXISTS rm_clock_day (
    participant    VARCHAR(64)   NOT NULL,
    role           VARCHAR(32)   NOT NULL,
    action         VARCHAR(64)   NOT NULL,
    occurred_day   DATE          NOT NULL,
    recorded_day   DATE          NOT NULL,
    units          BIGINT        NOT NULL,
    first_block    BIGINT        NOT NULL,
    last_block     BIGINT        NOT NULL,
    CONSTRAINT rm_clock_day_pk PRIMARY KEY (participant, role, action, occurred_day, recorded_day)
);
CREATE INDEX IF NOT EXISTS rm_clock_day_occurred ON rm_clock_day (occurred_day);

-- The producer-responsibility flows: unit events per responsible company, maker, action, the
-- status reached and trigger day; the receiver (participant, role) is kept for handovers only,
-- where its certification decides whether the unit was diverted.
CREATE TABLE IF NOT EXISTS rm_flow_day (
    responsible    VARCHAR(64)   NOT NULL,
    registered_by  VARCHAR(64)   NOT NULL,
    participant    VARCHAR(64)   NOT NULL,
    role           VARCHAR(32)   NOT NULL,
    action         VARCHAR(64)   NOT NULL,
    to_status      VARCHAR(32)   NOT NULL,
    occurred_day   DATE          NOT NULL,
    units          BIGINT        NOT NULL,
    first_block    BIGINT        NOT NULL,
    last_block     BIGINT        NOT NULL,
    CONSTRAINT rm_flow_day_pk PRIMARY KEY (responsible, registered_by, participant, role, action, to_status,
        occurred_day)
);
CREATE INDEX IF NOT EXISTS rm_flow_day_occurred ON rm_flow_day (occurred_day);

-- Units now per responsible company, maker, status, whether they stand alone (no parent) and
-- whether a handover is pending; for REMOVED or pending units also the China date of their last
-- change (since_day; 1970-01-01 otherwise), so "retired and not collected for N days" and "pending
-- for N days" are sums here rather than lookups of thousands of unit rows.
CREATE TABLE IF NOT EXISTS rm_stock (
    responsible    VARCHAR(64)   NOT NULL,
    registered_by  VARCHAR(64)   NOT NULL,
    status         VARCHAR(32)   NOT NULL,
    top_level      BOOLEAN       NOT NULL,
    pending        BOOLEAN       NOT NULL,
    since_day      DATE          NOT NULL,
    units          BIGINT        NOT NULL,
    CONSTRAINT rm_stock_pk PRIMARY KEY (responsible, registered_by, status, top_level, pending, since_day)
);

-- ---------------------------------------------------------------- recycled content (EU 2023/1542 Art. 8)

-- The declaration in force per (maker, model, plant, production year), one row per material, in
-- basis points as the contract recorded them; a later declaration replaces the key's rows.
CREATE TABLE IF NOT EXISTS rm_recycled_content (
    maker             VARCHAR(64)   NOT NULL,
    model             VARCHAR(100)  NOT NULL,
    plant             VARCHAR(200)  NOT NULL,
    production_year   INT           NOT NULL,
    material          VARCHAR(4)    NOT NULL,
    pre_consumer_bp   INT           NOT NULL,
    post_consumer_bp  INT           NOT NULL,
    total_bp          INT           NOT NULL,
    document_hash     VARCHAR(64)   NOT NULL,
    revision          INT           NOT NULL,
    occurred_at       TIMESTAMP WITH TIME ZONE,
    recorded_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    tx_id             VARCHAR(128)  NOT NULL,
    CONSTRAINT rm_recycled_content_pk PRIMARY KEY (maker, model, plant, production_year, material)
);
CREATE INDEX IF NOT EXISTS rm_recycled_content_year ON rm_recycled_content (production_year, maker);

-- Packs placed on the market (first shipped or installed) per maker, model and plant of their
-- spec and production year of their code: what should have a declaration. plant is '' when the
-- spec names none; packs without a model are not counted.
CREATE TABLE IF NOT EXISTS rm_model_placed (
    maker            VARCHAR(64)   NOT NULL,
    model            VARCHAR(100)  NOT NULL,
    plant            VARCHAR(200)  NOT NULL,
    production_year  INT           NOT NULL,
    packs            BIGINT        NOT NULL,
    CONSTRAINT rm_model_placed_pk PRIMARY KEY (maker, model, plant, production_year)
);
CREATE INDEX IF NOT EXISTS rm_model_placed_year ON rm_model_placed (production_year, maker);
