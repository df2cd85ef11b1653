-- evote collector schema 4: the election the collector serves and its
-- state, the organizer's admin requests, paper-vote lists
-- (specs/collector-api.md §3, specs/collector-admin.md).
--
-- election_state is one row once a config is loaded: the signed config
-- (canonical bytes) every collector process serves, and whether voting is
-- open. Appending ballots takes this row FOR SHARE and refuses unless the
-- state is 'open'; close takes it FOR UPDATE: once close has committed, no
-- ballot can be appended (and none was acknowledged after it).
CREATE TABLE election_state (
  id integer PRIMARY KEY CHECK (id = 1),
  election_id text NOT NULL,
  signed_config bytea NOT NULL,            -- canonical signed bytes
  config_hash bytea NOT NULL CHECK (length(config_hash) = 32),
  state text NOT NULL CHECK (state IN ('loaded', 'open', 'closed')),
  loaded bigint NOT NULL,                  -- UTC seconds: the config was loaded
  opened bigint,                           -- UTC seconds: open, if it happened
  closed bigint                            -- UTC seconds: close, if it happened
);

-- Every admin request the collector carried out, as signed by the organizer
-- (the audit trail of who loaded, opened, closed and exported what), and
-- the nonces of all requests accepted: one seen before is a replay.
CREATE TABLE admin_requests (
  id bigserial PRIMARY KEY,
  nonce bytea NOT NULL UNIQUE CHECK (length(nonce) = 16),
  received bigint NOT NULL,                -- UTC seconds
  command text NOT NULL,
  request bytea NOT NULL                   -- canonical signed admin-request bytes
);

-- The organizer's paper-vote lists, each complete; the last loaded is in force.
CREATE TABLE paper_vote_lists (
  id bigserial PRIMARY KEY,
  loaded bigint NOT NULL,                  -- UTC seconds
  voters bigint NOT NULL CHECK (voters >= 0),
  list bytea NOT NULL                      -- canonical signed paper-votes bytes
);
