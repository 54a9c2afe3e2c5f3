// The shared behaviour suite (__test__/shared/behaviour.mjs) on SQLite through
// '@event-driven-io/dumbo/sqlite3': a database file of this file's own (dual pool:
// writer plus readers), and ':memory:' (one shared connection).
import { sharedBehaviourTests } from '../shared/behaviour.mjs';
import { sqliteTarget } from '../support/databases.mjs';

sharedBehaviourTests(sqliteTarget());
sharedBehaviourTests(sqliteTarget({ memory: true }));
