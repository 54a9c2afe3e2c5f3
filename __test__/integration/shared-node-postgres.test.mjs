// The shared behaviour suite (__test__/shared/behaviour.mjs) on PostgreSQL through
// '@event-driven-io/dumbo/pg' over node-postgres objects the test owns: a pg.Pool
// (dumbo({ pool })) and a single pg.Client (dumbo({ client })), each on a database of
// its own. Everything on one pg.Client shares one session, as upstream: reads through
// the pool see an open transaction's rows, and transactions started at once run in one
// (isolatedReads and concurrentTransactions off).
import pg from 'pg';
import { sharedBehaviourTests } from '../shared/behaviour.mjs';
import { postgresTarget } from '../support/databases.mjs';

function nodePostgresTarget(tag, kind) {
  const base = postgresTarget(tag);
  let object;
  return {
    ...base,
    label: `PostgreSQL over a caller's ${kind === 'pool' ? 'pg.Pool, dumbo({ pool })' : 'pg.Client, dumbo({ client })'}`,
    features: kind === 'client' ? { isolatedReads: false, concurrentTransactions: false } : {},
    async setup() {
      await base.setup();
      if (kind === 'pool') {
        object = new pg.Pool({ connectionString: base.connectionString, max: 10 });
      } else {
        object = new pg.Client({ connectionString: base.connectionString });
        await object.connect();
      }
    },
    async teardown() {
      await object?.end();
      await base.teardown();
    },
    dumbo(options = {}) {
      return base.dumbo({ ...options, [kind]: object });
    },
  };
}

sharedBehaviourTests(nodePostgresTarget('shared_nodepg_pool', 'pool'));
sharedBehaviourTests(nodePostgresTarget('shared_nodepg_client', 'client'));
