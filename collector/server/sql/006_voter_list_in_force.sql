-- evote collector schema 6: the voter list version in force at each
-- ballot's time (specs/formats-ballots.md §6.2): a ballot accepted at time t
-- was checked against the version whose `applied` <= t < the next's.
--
-- log_state.latest_time is the latest `received` in the log, kept by every
-- append (which holds voter_list_state FOR SHARE). Applying a change set
-- (voter_list_state FOR UPDATE, so after every append that checked against
-- the version before has committed) sets its `applied` to at least
-- latest_time + 1; an append gives each ballot a time no earlier than the
-- `applied` of the version in force when it commits.
ALTER TABLE log_state ADD COLUMN latest_time bigint NOT NULL DEFAULT 0;
UPDATE log_state SET latest_time = COALESCE((SELECT max(received) FROM ballots), 0);
