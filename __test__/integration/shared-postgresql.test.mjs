// The shared behaviour suite (__test__/shared/behaviour.mjs) on PostgreSQL through
// '@event-driven-io/dumbo/pg' (direct mode), on a database of this file's own
// (dumbo_test_shared) on the run's server (DUMBO_TEST_PG_URL, see scripts/test-database.mjs).
import { sharedBehaviourTests } from '../shared/behaviour.mjs';
import { postgresTarget } from '../support/databases.mjs';

sharedBehaviourTests(postgresTarget('shared'));
