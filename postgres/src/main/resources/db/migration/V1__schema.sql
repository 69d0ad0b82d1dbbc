-- Mailwright's PostgreSQL schema, version 1. Applied once by Migrations, inside one
-- transaction under an advisory lock; later changes go in V2__..., never into this file.

-- ---- mail store ----

-- UIDVALIDITY values: one counter for every mailbox, started at the current time so that a
-- database built again from scratch never hands out a value an IMAP client has cached.
CREATE SEQUENCE uid_validity AS bigint MINVALUE 1 MAXVALUE 4294967295;
SELECT setval('uid_validity', GREATEST(1, extract(epoch FROM clock_timestamp())::bigint));

CREATE TABLE mail_accounts (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name          text   NOT NULL UNIQUE,
    -- Quota usage, changed in the transaction of every append, copy, expunge and delete,
    -- under this row's lock, so that it stays exact with several writers.
    used_bytes    bigint NOT NULL DEFAULT 0,
    used_messages bigint NOT NULL DEFAULT 0
);

CREATE TABLE subscriptions (
    account_id bigint NOT NULL REFERENCES mail_accounts (id) ON DELETE CASCADE,
    mailbox    text   NOT NULL,
    PRIMARY KEY (account_id, mailbox)
);

CREATE TABLE mailboxes (
    id                     bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id             bigint  NOT NULL REFERENCES mail_accounts (id) ON DELETE CASCADE,
    name                   text    NOT NULL,
    special_use            text[]  NOT NULL DEFAULT '{}',
    uid_validity           bigint  NOT NULL,
    -- Counters raised by UPDATE ... RETURNING in the transaction of each change.
    uid_next               bigint  NOT NULL DEFAULT 1,
    highest_modseq         bigint  NOT NULL DEFAULT 1,
    -- Expunged UIDs remembered for QRESYNC, and the MODSEQ up to which some were forgotten.
    expunged_count         integer NOT NULL DEFAULT 0,
    expunged_forgotten_to  bigint  NOT NULL DEFAULT 0,
    UNIQUE (account_id, name)
);

-- Message bytes, stored once and shared by every message row that points here (COPY adds a
-- row, not bytes). refs counts those rows; triggers on messages keep it exact and remove a
-- body when its last message goes.
CREATE TABLE bodies (
    id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    size      bigint NOT NULL,
    refs      bigint NOT NULL DEFAULT 0,
    -- MimeStructure.toBytes() of the message, parsed once at append.
    structure bytea
);

-- The bytes in chunks, so that neither end holds a large message whole in memory.
CREATE TABLE body_chunks (
    body_id bigint  NOT NULL REFERENCES bodies (id) ON DELETE CASCADE,
    seq     integer NOT NULL,
    data    bytea   NOT NULL,
    PRIMARY KEY (body_id, seq)
);

CREATE TABLE messages (
    mailbox_id    bigint      NOT NULL REFERENCES mailboxes (id) ON DELETE CASCADE,
    uid           bigint      NOT NULL,
    modseq        bigint      NOT NULL,
    -- System flags as bits: 1 \Seen, 2 \Answered, 4 \Flagged, 8 \Deleted, 16 \Draft.
    flags         smallint    NOT NULL,
    keywords      text[]      NOT NULL DEFAULT '{}',
    internal_date timestamptz NOT NULL,
    size          bigint      NOT NULL,
    body_id       bigint      NOT NULL REFERENCES bodies (id),
    PRIMARY KEY (mailbox_id, uid)
);
CREATE INDEX messages_by_modseq ON messages (mailbox_id, modseq);
CREATE INDEX messages_by_body ON messages (body_id);

CREATE TABLE expunged (
    mailbox_id bigint NOT NULL REFERENCES mailboxes (id) ON DELETE CASCADE,
    uid        bigint NOT NULL,
    modseq     bigint NOT NULL,
    PRIMARY KEY (mailbox_id, uid)
);
CREATE INDEX expunged_by_modseq ON expunged (mailbox_id, modseq);

CREATE FUNCTION bodies_referenced() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE bodies b SET refs = b.refs + n.count
      FROM (SELECT body_id, count(*) AS count FROM added GROUP BY body_id) n
     WHERE b.id = n.body_id;
    RETURN NULL;
END $$;

CREATE FUNCTION bodies_released() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE bodies b SET refs = b.refs - n.count
      FROM (SELECT body_id, count(*) AS count FROM removed GROUP BY body_id ORDER BY body_id) n
     WHERE b.id = n.body_id;
    DELETE FROM bodies b USING (SELECT DISTINCT body_id FROM removed) n
     WHERE b.id = n.body_id AND b.refs <= 0;
    RETURN NULL;
END $$;

-- Statement triggers with transition tables: one UPDATE per statement however many rows,
-- and they also fire for rows removed by ON DELETE CASCADE (a mailbox or account deleted).
CREATE TRIGGER messages_reference_bodies AFTER INSERT ON messages
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION bodies_referenced();
CREATE TRIGGER messages_release_bodies AFTER DELETE ON messages
    REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION bodies_released();

-- ---- user directory ----

CREATE TABLE users (
    name          text        PRIMARY KEY,
    password_hash text        NOT NULL,
    created       timestamptz NOT NULL DEFAULT now()
);

-- alias (a full address or a bare local part, lower case) to its targets (addresses).
CREATE TABLE aliases (
    alias   text   PRIMARY KEY,
    targets text[] NOT NULL
);

-- ---- outbound queue ----

CREATE TABLE queue_messages (
    id             text        PRIMARY KEY,
    sender         text        NOT NULL,  -- '' for the null sender
    mail_params    text        NOT NULL,  -- MAIL parameters in ESMTP form
    created        timestamptz NOT NULL,
    next_attempt   timestamptz NOT NULL,
    attempts       integer     NOT NULL DEFAULT 0,
    size           bigint      NOT NULL,
    delay_notified boolean     NOT NULL DEFAULT false,
    -- The lease: who delivers the message now, until when, and through which storage
    -- instance (so that an instance that stops gives its leases back).
    lease_owner    text,
    lease_expires  timestamptz,
    lease_instance text
);
CREATE INDEX queue_messages_due ON queue_messages (next_attempt);
CREATE INDEX queue_messages_instance ON queue_messages (lease_instance) WHERE lease_instance IS NOT NULL;

CREATE TABLE queue_recipients (
    message_id    text        NOT NULL REFERENCES queue_messages (id) ON DELETE CASCADE,
    position      integer     NOT NULL,
    address       text        NOT NULL,
    params        text        NOT NULL,  -- RCPT parameters in ESMTP form
    status        text        NOT NULL,
    last_time     timestamptz,
    last_code     integer,
    last_enhanced text,
    last_text     text,
    last_remote   text,
    PRIMARY KEY (message_id, position)
);

CREATE TABLE queue_attempts (
    message_id   text        NOT NULL REFERENCES queue_messages (id) ON DELETE CASCADE,
    seq          integer     NOT NULL,
    time         timestamptz NOT NULL,
    domain       text        NOT NULL,
    host         text        NOT NULL,
    address      text        NOT NULL,
    tls_security text        NOT NULL,
    tls_policy   text        NOT NULL,
    tls_protocol text        NOT NULL,
    tls_cipher   text        NOT NULL,
    tls_failure  text        NOT NULL,
    result       text        NOT NULL,
    PRIMARY KEY (message_id, seq)
);

CREATE TABLE queue_chunks (
    message_id text    NOT NULL REFERENCES queue_messages (id) ON DELETE CASCADE,
    seq        integer NOT NULL,
    data       bytea   NOT NULL,
    PRIMARY KEY (message_id, seq)
);

CREATE TABLE mta_sts_policies (
    domain      text        PRIMARY KEY,
    policy_id   text        NOT NULL,
    policy_text text        NOT NULL,
    fetched     timestamptz NOT NULL,
    expires     timestamptz NOT NULL
);
