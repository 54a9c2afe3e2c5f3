// The shared behaviour suite (__test__/shared/behaviour.mjs) on PostgreSQL in automatic
// mode: the root package's dumbo() with a postgresql:// connection string (deferred
// pool, 'PostgreSQL:pg' picked from the string), on a database of this file's own
// (dumbo_test_shared_auto).
import { sharedBehaviourTests } from '../shared/behaviour.mjs';
import { postgresTarget } from '../support/databases.mjs';

sharedBehaviourTests(postgresTarget('shared_auto', { mode: 'auto' }));
