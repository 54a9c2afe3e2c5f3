// What runs, what is compared, and the targets (issue 7, section 2).

export const PG_TARGETS = ['dumbo-auto', 'dumbo-direct', 'dumbo-prepared', 'upstream-pg', 'pg', 'postgres'];
export const SQLITE_TARGETS = ['dumbo-auto', 'dumbo-direct', 'upstream-sqlite3', 'better-sqlite3', 'sqlite3'];
export const OURS = ['dumbo-direct', 'dumbo-auto'];

export const WORKLOADS = {
  W1: { title: 'point select, sequential', unit: 'ops/s' },
  W2: { title: 'point select, 64 in flight', unit: 'ops/s' },
  W3: { title: '10,000 rows × 5 columns', unit: 'rows/s' },
  W4: { title: '5,000 single-row INSERTs, 1 tx', unit: 'rows/s' },
  W5: { title: '5,000-row multi-row INSERT (SQL tag; pg: hand-built $n string)', unit: 'rows/s' },
  W5h: { title: '5,000-row INSERT, hand-built literal string', unit: 'rows/s' },
  W6: { title: 'pool churn: create, 1 query, close', unit: 'pools/s' },
  W7i: { title: 'Pongo insertOne', unit: 'ops/s' },
  W7f: { title: 'Pongo findOne by _id', unit: 'ops/s' },
  W7n: { title: 'Pongo find by a nested field (20 of 1,000 documents)', unit: 'ops/s' },
  W7u: { title: 'Pongo updateOne with $inc', unit: 'ops/s' },
};

export const PG_WORKLOADS = ['W1', 'W2', 'W3', 'W4', 'W5', 'W5h', 'W6'];
export const SQLITE_WORKLOADS = ['W1', 'W2', 'W3', 'W4', 'W5', 'W6'];
/** W7, Pongo documents: the same Pongo on upstream Dumbo and on this package, on each database. */
export const PONGO_WORKLOADS = ['W7i', 'W7f', 'W7n', 'W7u'];
export const PONGO_TARGETS = ['pongo-upstream', 'pongo-this'];
/** Pongo on this package ÷ Pongo on upstream Dumbo, geometric mean of the four operations. */
export const PONGO_GEOMEAN_TARGET = 2;

export const LABELS = {
  'dumbo-auto': 'dumbo auto',
  'dumbo-direct': 'dumbo direct',
  'dumbo-prepared': 'dumbo prepare:true',
  'upstream-pg': 'upstream (pg)',
  'upstream-sqlite3': 'upstream (sqlite3)',
  pg: 'pg',
  postgres: 'postgres.js',
  'better-sqlite3': 'better-sqlite3',
  sqlite3: 'sqlite3',
  'pgbench-c1': 'pgbench -c 1',
  'pgbench-c10': 'pgbench -c 10 -j 2',
  'acme-plugin': '@acme plugin via dumbo()',
  'acme-byhand': 'better-sqlite3 as the plugin, by hand',
  'pongo-upstream': 'Pongo on upstream Dumbo',
  'pongo-this': 'Pongo on this package',
};

/**
 * [db, workload, peer, minimum ratio of this package / peer]: the speed targets now in
 * force (issue 17; issue 7's earlier floors where issue 17 sets none for that pair).
 */
export const TARGETS = [
  ['pg', 'W1', 'postgres', 1.3],
  ['pg', 'W1', 'upstream-pg', 1.5],
  ['pg', 'W2', 'postgres', 1.3],
  ['pg', 'W3', 'pg', 1.5],
  ['pg', 'W4', 'pg', 1.3],
  ['pg', 'W5', 'pg', 1.2],
  ['pg', 'W5', 'upstream-pg', 2.0],
  ['pg', 'W6', 'pg', 1.2],
  ['sqlite', 'W1', 'upstream-sqlite3', 20],
  ['sqlite', 'W1', 'better-sqlite3', 0.9],
  ['sqlite', 'W2', 'better-sqlite3', 0.9],
  ['sqlite', 'W3', 'better-sqlite3', 1.5],
  ['sqlite', 'W4', 'better-sqlite3', 0.8],
  ['sqlite', 'W5', 'better-sqlite3', 1.0],
  ['sqlite', 'W6', 'better-sqlite3', 1.0],
];
