CREATE TABLE IF NOT EXISTS app_users (
    username        VARCHAR(64)  PRIMARY KEY,
    password_hash   VARCHAR(200) NOT NULL,
    display_name    VARCHAR(200) NOT NULL,
    participant_id  VARCHAR(18)  NOT NULL,
    company_name    VARCHAR(200) NOT NULL,
    role            VARCHAR(32)  NOT NULL,
    msp_id          VARCHAR(64)  NOT NULL,
    ledger_identity VARCHAR(64)  NOT NULL,
    enabled         BOOLEAN      NOT NULL
);
CREATE TABLE IF NOT EXISTS api_tokens (
    token_hash  CHAR(64)    PRIMARY KEY,
    username    VARCHAR(64) NOT NULL,
    created_at  TIMESTAMP   NOT NULL,
    expires_at  TIMESTAMP   NOT NULL
);
