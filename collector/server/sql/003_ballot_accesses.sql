-- evote collector schema 3: accesses to ballots, for vote verification's
-- limits and the voter's own record (specs/collector-api.md §2.6, §2.8).
--
-- Each answered vote verification is one row of ballot_verifications; the
-- number of rows of a ballot is what verification.count limits (counted
-- while the ballot's row in ballots is locked, so concurrent requests cannot
-- exceed it).
CREATE TABLE ballot_verifications (
  id bigserial PRIMARY KEY,
  sequence bigint NOT NULL REFERENCES ballots (sequence),
  time bigint NOT NULL                     -- UTC seconds when answered
);
CREATE INDEX ballot_verifications_by_ballot ON ballot_verifications (sequence, time);

-- Each completed export of the ballot box: it held every ballot with
-- sequence <= last_sequence, so a voter's ballots with such sequences were
-- included in it (derived, not stored per ballot).
CREATE TABLE ballot_exports (
  id bigserial PRIMARY KEY,
  time bigint NOT NULL,                    -- UTC seconds when it completed
  last_sequence bigint NOT NULL CHECK (last_sequence >= 0),
  requested_by text NOT NULL               -- who asked: 'organizer'
);
CREATE INDEX ballot_exports_by_last_sequence ON ballot_exports (last_sequence);
