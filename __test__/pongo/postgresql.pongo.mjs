// The Pongo lane on PostgreSQL (a database of its own on the run's server). Node 22+.
import pg from 'pg';
import { createTestDatabase, dropTestDatabase } from '../support/postgres.mjs';
import { pongoScenario } from './scenario.mjs';

const TAG = 'pongo_lane';
let url;

pongoScenario({
  name: 'PostgreSQL',
  driverEntry: './pg',
  setup: async () => (url = await createTestDatabase(TAG)),
  teardown: () => dropTestDatabase(TAG),
  // Read with node-postgres, independently of the Dumbo under test.
  async tableNames() {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'");
      return rows.map((r) => r.table_name);
    } finally {
      await client.end();
    }
  },
});
