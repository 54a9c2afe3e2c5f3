// Migrations and schema components: declare a schema, run its migrations plus hand-written
// ones, run them again (all skipped), then a dry run of a new migration.
//
//   node examples/migrate.mjs                              (SQLite file in a temp directory)
//   node examples/migrate.mjs postgresql://user@host/db    (PostgreSQL)
//
// On PostgreSQL the run holds a transaction-scoped advisory lock (id 999956789), so
// several processes may run this at once: each migration is applied once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  dumbo,
  SQL,
  dumboSchema,
  jsonDocumentIndexTarget,
  runSQLMigrations,
  sqlMigration,
  getDatabaseMetadata,
} from '@event-driven-io/dumbo';

const argument = process.argv[2];
const dir = argument ? undefined : mkdtempSync(join(tmpdir(), 'dumbo-migrate-'));
const connectionString = argument ?? `file:${join(dir, 'app.db')}`;

const { Text, JSONB, Timestamptz, AutoIncrement } = SQL.column.type;

// A schema as components. On PostgreSQL `crm` is a real schema; SQLite has no schemas,
// so the tables become "crm.customers" and "crm.orders".
const crm = dumboSchema.schema('crm', {
  customers: dumboSchema.table('customers', {
    columns: {
      id: dumboSchema.column('id', Text, { primaryKey: true }),
      email: dumboSchema.column('email', Text, { notNull: true }),
      profile: dumboSchema.column('profile', JSONB()),
    },
    indexes: {
      email: dumboSchema.index('customers_email_idx', ['email'], { unique: true }),
      profile: dumboSchema.index('customers_profile_idx', ['profile'], { target: jsonDocumentIndexTarget('profile') }),
    },
  }),
  orders: dumboSchema.table('orders', {
    columns: {
      id: dumboSchema.column('id', AutoIncrement({ primaryKey: true })),
      customer_id: dumboSchema.column('customer_id', Text, { notNull: true }),
      placed_at: dumboSchema.column('placed_at', Timestamptz, { notNull: true, default: SQL.plain('CURRENT_TIMESTAMP') }),
    },
  }),
});
const database = dumboSchema.database('shop', { schemas: { crm } });
const customers = crm.tables.customers.fullName; // a table reference: crm.customers / "crm.customers"

// Hand-written migrations: a name and SQL statements. Never edit one once applied (its
// SHA-256 is in the ledger and a changed one aborts the run); add a new one instead.
const seed = sqlMigration('2024_01_seed_customers', [
  SQL`INSERT INTO ${customers} (id, email) VALUES (${'c1'}, ${'ada@example.com'})`,
]);

const pool = dumbo({ connectionString });
try {
  const migrations = [...database.migrations(), seed];

  const first = await runSQLMigrations(pool, migrations);
  console.log('applied:', first.applied.map((m) => m.name));
  // On SQLite CREATE SCHEMA renders nothing: 'schema:crm:create' is skipped, not recorded.
  console.log('skipped:', first.skipped.map((m) => m.name));

  const second = await runSQLMigrations(pool, migrations);
  console.log('second run applied:', second.applied.length, 'skipped:', second.skipped.length);

  const next = sqlMigration('2024_02_more_customers', [
    SQL`INSERT INTO ${customers} (id, email) VALUES (${'c2'}, ${'grace@example.com'})`,
  ]);
  const dry = await runSQLMigrations(pool, [...migrations, next], { dryRun: true });
  console.log('dry run would apply:', dry.applied.map((m) => m.name), '(rolled back)');

  const { rows } = await pool.execute.query(SQL`SELECT name, sql_hash FROM dmb_migrations ORDER BY id`);
  for (const row of rows) console.log(`  ${row.sql_hash.slice(0, 12)}…  ${row.name}`);

  const metadata = getDatabaseMetadata(pool.driverType);
  console.log(`${metadata.databaseType}: dmb_migrations exists:`, await metadata.tableExists(pool.execute, 'dmb_migrations'));
} finally {
  await pool.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
}
