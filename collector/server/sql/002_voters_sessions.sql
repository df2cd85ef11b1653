-- evote collector schema 2: the voter list in force, login nonces and
-- sessions (specs/collector-api.md §2.2-2.4, §4).
--
-- voter_list_state is one row: the version (sequence of the last change set
-- applied, 0 before the first) and its change_set_hash (zeros before the
-- first). Applying a change set locks it (SELECT ... FOR UPDATE), so two
-- collectors cannot both apply sequence n. Each applied change set is kept
-- as its canonical signed bytes (the chain can be re-checked from them).
CREATE TABLE voter_list_state (
  id integer PRIMARY KEY CHECK (id = 1),
  version bigint NOT NULL CHECK (version >= 0),
  head bytea NOT NULL CHECK (length(head) = 32)
);
INSERT INTO voter_list_state (id, version, head) VALUES (1, 0, '\x0000000000000000000000000000000000000000000000000000000000000000');

CREATE TABLE voter_list_changes (
  sequence bigint PRIMARY KEY CHECK (sequence >= 1),
  change_set bytea NOT NULL,               -- canonical signed bytes
  change_set_hash bytea NOT NULL CHECK (length(change_set_hash) = 32),
  applied bigint NOT NULL                  -- UTC seconds
);

-- The voters of the version in force; added_by is the change set that added them.
CREATE TABLE voters (
  personal_code text PRIMARY KEY CHECK (personal_code ~ '^[0-9]{11}$'),
  district text NOT NULL,
  name text NOT NULL,
  added_by bigint NOT NULL REFERENCES voter_list_changes (sequence)
);

-- Issued login challenges: single use (taking one deletes it), until expires.
CREATE TABLE auth_nonces (
  nonce text PRIMARY KEY,
  expires bigint NOT NULL                  -- UTC seconds
);
CREATE INDEX auth_nonces_by_expiry ON auth_nonces (expires);

-- Sessions: only the SHA-256 of the bearer token is stored.
CREATE TABLE sessions (
  token_hash bytea PRIMARY KEY CHECK (length(token_hash) = 32),
  voter_id text NOT NULL,
  created bigint NOT NULL,
  expires bigint NOT NULL
);
CREATE INDEX sessions_by_expiry ON sessions (expires);
