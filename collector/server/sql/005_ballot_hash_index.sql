-- evote collector schema 5: ballots found by their hash, so that a signed
-- ballot already in the log is refused when it is submitted again
-- (specs/collector-api.md §2.5, "replayed_ballot").
CREATE INDEX ballots_by_hash ON ballots (ballot_hash);
