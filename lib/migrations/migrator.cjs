'use strict';
// Upstream's runSQLMigrations.
//
// One run = one transaction on one connection (pool.withTransaction), unless the caller
// passes its own `execute`:
//  1. names longer than 255 characters are rejected before any database work;
//  2. the lock (PostgreSQL: a transaction-scoped advisory lock, id 999956789) is taken on
//     the transaction's executor, so it is held until COMMIT/ROLLBACK;
//  3. the ledger table is created if missing (its own migrations are not recorded);
//  4. each migration, in order: statements that render no SQL are dropped (none left:
//     skipped); the SHA-256 of the described rest is compared with the ledger: same
//     hash → skipped, other hash → error (or skipped with ignoreHashMismatch /
//     ignoreMigrationHashMismatch, the latter updating the stored hash), new → its
//     statements run and the ledger records it;
//  5. `dryRun` rolls the whole transaction back but still reports what would apply; any
//     error rolls everything back, so the ledger stays unchanged.
// Statement filtering and hashing of the built-in dialects run in Rust (migrationHash);
// a JS plugin's formatter is used through its own format/describe.
const { binding } = require('../native.cjs');
const { InvalidOperationError } = require('../errors.cjs');
const { SQL } = require('../sql/tag.cjs');
const { singleOrNull } = require('../query.cjs');
const { JSONSerializer } = require('../serializer.cjs');
const { getFormatter } = require('../sql/formatterRegistry.cjs');
const { NATIVE_FORMATTER } = require('../sql/nativeFormatter.cjs');
const { NoDatabaseLock } = require('../locks/databaseLock.cjs');
const { getDefaultMigratorOptionsFromRegistry } = require('./defaults.cjs');
const { migrationTableComponentFor, DEFAULT_MIGRATIONS_TABLE } = require('./migrationTable.cjs');
const { combineMigrations } = require('../schema/sqlMigration.cjs');
const { tracer, isSQLTracingOn } = require('../tracing/tracer.cjs');
const { migrationsOf } = require('../schema/keyed/schemaComponent.cjs');
const { kindOf } = require('../schema/schemaComponent.cjs');

const MIGRATIONS_LOCK_ID = 999956789;
const MAX_MIGRATION_NAME_LENGTH = 255;

const serialize = (value) => JSONSerializer.serialize(value);

/** The native dialect of a built-in formatter object (its marker, set by `nativeFormatter`), if it is one. */
const nativeDialect = (formatter) => formatter?.[NATIVE_FORMATTER];

/** `{ sqls, hash }`: the statements that render SQL and the hash of their description. */
function planFor(sqls, formatter) {
  const dialect = nativeDialect(formatter);
  if (dialect !== undefined) {
    const { hash, kept } = binding.migrationHash(sqls, dialect, serialize);
    return { sqls: kept.map((i) => sqls[i]), hash };
  }
  const rendered = sqls.map((sql) => formatter.format(sql, { serializer: JSONSerializer }).query);
  const kept = binding.migrationKeptTexts(rendered).map((i) => sqls[i]);
  if (kept.length === 0) return { sqls: kept, hash: null };
  return { sqls: kept, hash: binding.sha256Hex(formatter.describe(kept, { serializer: JSONSerializer })) };
}

const isComponent = (value) =>
  value !== null &&
  typeof value === 'object' &&
  (typeof value.schemaComponentKey === 'string' || kindOf(value) !== undefined);

/**
 * The migrations to run, from an array of SQL migrations (as upstream), a schema
 * component of either generation, or an array mixing migrations and components.
 */
function toMigrationList(input) {
  if (isComponent(input)) return migrationsOf(input);
  if (!Array.isArray(input))
    throw new TypeError('runSQLMigrations expects an array of migrations or a schema component');
  return input.some(isComponent) ? input.flatMap((m) => (isComponent(m) ? migrationsOf(m) : [m])) : input;
}

/** The ledger's own migrations: `schema.migrationTable` (a keyed component, upstream beta.47) or the built-in. */
const ledgerMigrations = (ledger, options) =>
  options.schema?.migrationTable !== undefined ? migrationsOf(options.schema.migrationTable) : ledger.migrations();

function checkNames(migrations) {
  for (const migration of migrations) {
    if (typeof migration?.name !== 'string' || !Array.isArray(migration.sqls)) {
      throw new TypeError('A migration must be { name: string, sqls: SQL[] } (see sqlMigration)');
    }
    if (migration.name.length > MAX_MIGRATION_NAME_LENGTH)
      throw new InvalidOperationError(
        `Migration name "${migration.name}" is ${migration.name.length} characters long, exceeding the maximum of ${MAX_MIGRATION_NAME_LENGTH} characters.`,
      );
  }
}

/** Field-by-field merge of the registry defaults and the caller's options (upstream). */
function mergeOptions(defaults, partial) {
  return {
    ...defaults,
    ...partial,
    migrationTable: partial.migrationTable ?? defaults.migrationTable,
    schema: { ...defaults.schema, ...partial.schema },
    lock: {
      ...defaults.lock,
      ...partial.lock,
      options: { lockId: MIGRATIONS_LOCK_ID, ...defaults.lock?.options, ...partial.lock?.options },
    },
    transactionOptions: { ...defaults.transactionOptions, ...partial.transactionOptions },
    dryRun: partial.dryRun ?? defaults.dryRun,
    ignoreMigrationHashMismatch: partial.ignoreMigrationHashMismatch ?? defaults.ignoreMigrationHashMismatch,
    migrationTimeoutMs: partial.migrationTimeoutMs ?? defaults.migrationTimeoutMs,
  };
}

/** Loads a lazily registered plugin of the pool's connector, so its defaults and formatter are found. */
async function loadPlugin(connector) {
  if (typeof connector !== 'string') return;
  const { pluginRegistry } = require('../registry.cjs');
  if (pluginRegistry.has(connector) && !pluginRegistry.tryGetSync(connector)) {
    await pluginRegistry.resolve(connector);
  }
}

/**
 * Applies `migrations` in order; resolves `{ applied, skipped }`. See the module docs
 * for the rules and README "Migrations and schema".
 */
async function runSQLMigrations(pool, migrationsOrComponent, partialOptions = {}) {
  const migrations = toMigrationList(migrationsOrComponent);
  checkNames(migrations);
  const connector = pool?.driverType;
  if (typeof connector !== 'string') {
    throw new TypeError('runSQLMigrations expects a Dumbo pool (with a driverType such as "PostgreSQL:pg")');
  }
  await loadPlugin(connector);
  const options = mergeOptions(getDefaultMigratorOptionsFromRegistry(connector), partialOptions ?? {});
  const formatter = getFormatter(connector);

  if (options.execute !== undefined) return applyMigrations(options.execute, migrations, options, formatter);

  return pool.withTransaction(
    async (tx) => ({
      success: options.dryRun !== true,
      result: await applyMigrations(tx.execute, migrations, options, formatter),
    }),
    options.transactionOptions,
  );
}

async function applyMigrations(execute, migrations, options, formatter) {
  const databaseLock = options.lock?.databaseLock ?? NoDatabaseLock;
  const lockOptions = { lockId: MIGRATIONS_LOCK_ID, ...options.lock?.options };
  const ledger = migrationTableComponentFor({
    schemaName: options.migrationTable?.schemaName,
    tableName: options.migrationTable?.tableName ?? DEFAULT_MIGRATIONS_TABLE,
  });
  const ledgerTable = ledger.fullName;
  const result = { applied: [], skipped: [] };
  const timeout = { timeoutMs: options.migrationTimeoutMs };

  await databaseLock.withAcquire(
    execute,
    async () => {
      for (const migration of ledgerMigrations(ledger, options)) {
        const { sqls } = planFor(migration.sqls, formatter);
        if (sqls.length > 0) await execute.batchCommand(sqls, timeout);
      }
      for (const migration of migrations) {
        const applied = await applyMigration(execute, migration, ledgerTable, options, formatter);
        (applied ? result.applied : result.skipped).push(migration);
      }
    },
    lockOptions,
  );
  return result;
}

// migration-error belongs to the trace (DUMBO_LOG_LEVEL INFO/LOG), as the statement
// errors: the caller gets the error anyway. It carries upstream's `migationName` key too.
async function applyMigration(execute, migration, ledgerTable, options, formatter) {
  try {
    return await applyOne(execute, migration, ledgerTable, options, formatter);
  } catch (error) {
    if (isSQLTracingOn())
      tracer.error('migration-error', { migrationName: migration.name, migationName: migration.name, error });
    throw error;
  }
}

async function applyOne(execute, migration, ledgerTable, options, formatter) {
  const { sqls, hash } = planFor(combineMigrations(migration), formatter);
  if (sqls.length === 0) return false;

  const recorded = await singleOrNull(
    execute.query(SQL`SELECT sql_hash as "sqlHash" FROM ${ledgerTable} WHERE name = ${migration.name}`),
  );
  if (recorded !== null) {
    if (recorded.sqlHash === hash) {
      tracer.info('migration-already-applied', { migrationName: migration.name });
      return false;
    }
    if (migration.ignoreHashMismatch !== true && options.ignoreMigrationHashMismatch !== true)
      throw new InvalidOperationError(`Migration hash mismatch for "${migration.name}". Aborting migration.`);
    tracer.warn('migration-hash-mismatch', {
      migrationName: migration.name,
      expectedHash: hash,
      actualHash: recorded.sqlHash,
    });
    if (migration.ignoreHashMismatch === true) return false;
    await execute.command(
      SQL`UPDATE ${ledgerTable} SET sql_hash = ${hash}, timestamp = ${new Date()} WHERE name = ${migration.name}`,
    );
    return false;
  }

  await execute.batchCommand(sqls, { timeoutMs: options.migrationTimeoutMs });
  await execute.command(SQL`INSERT INTO ${ledgerTable} (name, sql_hash) VALUES (${migration.name}, ${hash})`);
  return true;
}

module.exports = { runSQLMigrations, MIGRATIONS_LOCK_ID, MAX_MIGRATION_NAME_LENGTH };
