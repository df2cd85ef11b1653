-- evote collector schema 1: the ballot log (specs/collector-api.md, "Storage").
-- One row of log_state holds the log's last sequence number and head; every
-- append locks it (SELECT ... FOR UPDATE), so several collector processes
-- on one database extend one chain without gaps.
CREATE TABLE log_state (
  id integer PRIMARY KEY CHECK (id = 1),
  sequence bigint NOT NULL CHECK (sequence >= 0),
  head bytea NOT NULL CHECK (length(head) = 32)
);
INSERT INTO log_state (id, sequence, head) VALUES (1, 0, '\x0000000000000000000000000000000000000000000000000000000000000000');

CREATE TABLE ballots (
  sequence bigint PRIMARY KEY CHECK (sequence >= 1),
  vote_id bytea NOT NULL UNIQUE CHECK (length(vote_id) = 16),
  received bigint NOT NULL,                -- UTC seconds when accepted
  voter_id text NOT NULL,
  signed_ballot bytea NOT NULL,            -- canonical signed-ballot bytes
  ballot_hash bytea NOT NULL CHECK (length(ballot_hash) = 32),
  log_head bytea NOT NULL CHECK (length(log_head) = 32),
  ocsp_response bytea                      -- DER OCSPResponse for the signing certificate
);
CREATE INDEX ballots_by_voter ON ballots (voter_id, sequence);
