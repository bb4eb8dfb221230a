-- Local administrators: they manage the app's users and act for no ledger participant.
-- Applied on every start by org.batteryledger.app.admin; each statement must stay idempotent.
CREATE TABLE IF NOT EXISTS app_admins (
    username       VARCHAR(64)  PRIMARY KEY,
    password_hash  VARCHAR(200) NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
