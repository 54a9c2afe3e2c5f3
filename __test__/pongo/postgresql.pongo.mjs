// The Pongo lane on PostgreSQL (a database of its own on the run's server). Node 22+.
import pg from 'pg';
import { createTestDatabase, dropTestDatabase } from '../support/postgres.mjs';
import { pongoScenario } from './scenario.mjs';

const TAG = 'pongo_lane';

pongoScenario({
  name: 'PostgreSQL',
  driverEntry: './pg',
  setup: () => createTestDatabase(TAG),
  teardown: () => dropTestDatabase(TAG),
  // Read with node-postgres, independently of the Dumbo under test.
  async tableNames() {
    const { DUMBO_TEST_PG_URL } = process.env;
    const client = new pg.Client({ connectionString: DUMBO_TEST_PG_URL.replace(/\/[^/?]*(\?|$)/, `/dumbo_test_${process.env.DUMBO_TEST_DB_PREFIX ?? ''}${TAG}$1`) });
    await client.connect();
    try {
      const { rows } = await client.query(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'",
      );
      return rows.map((r) => r.table_name);
    } finally {
      await client.end();
    }
  },
});
