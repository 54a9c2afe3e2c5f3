'use strict';
// The built-ins' Pongo extension (`extensions.pongo`): the SQL a document
// store needs for one collection, in the table shape Pongo uses (`_id`, `data`,
// `metadata`, `_version`, `_partition`, `_archived`, `_created`, `_updated`), and the
// collection as a schema component so migrations can create it. This is the subset
// Pongo's builder starts from; filters and updates stay Pongo's own business.
const { SQL } = require('../sql/index.cjs');
const { schemaComponent } = require('../schema/schemaComponent.cjs');
const { sqlMigration } = require('../schema/sqlMigration.cjs');

const pongoCollectionComponentType = Symbol.for('dumbo.pongo.collection');

const DIALECTS = {
  PostgreSQL: {
    json: 'JSONB',
    timestamp: 'TIMESTAMPTZ',
    now: 'now()',
    emptyObject: "'{}'::jsonb",
    schemaStrategy: 'partitioning',
    supportedFeatures: { partitioning: true, jsonIndexes: true, generatedColumns: true },
  },
  SQLite: {
    json: 'JSON',
    timestamp: 'TEXT',
    now: "(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))",
    emptyObject: "'{}'",
    schemaStrategy: 'separate-tables',
    supportedFeatures: { partitioning: false, jsonIndexes: true, generatedColumns: true },
  },
};

function sqlBuilderFor(d) {
  return (collectionName) => {
    if (typeof collectionName !== 'string' || collectionName.length === 0) {
      throw new TypeError(`A Pongo collection name must be a non-empty string, got ${String(collectionName)}`);
    }
    const T = SQL.identifier(collectionName);
    return Object.freeze({
      createCollection: () =>
        SQL`CREATE TABLE IF NOT EXISTS ${T} (
  _id TEXT PRIMARY KEY,
  data ${SQL.plain(d.json)} NOT NULL,
  metadata ${SQL.plain(d.json)} NOT NULL DEFAULT ${SQL.plain(d.emptyObject)},
  _version BIGINT NOT NULL DEFAULT 1,
  _partition TEXT NOT NULL DEFAULT 'png_global',
  _archived BOOLEAN NOT NULL DEFAULT FALSE,
  _created ${SQL.plain(d.timestamp)} NOT NULL DEFAULT ${SQL.plain(d.now)},
  _updated ${SQL.plain(d.timestamp)} NOT NULL DEFAULT ${SQL.plain(d.now)}
)`,
      insertOne: (document) => SQL`INSERT INTO ${T} (_id, data) VALUES (${document._id}, ${document})`,
      findOne: (id) => SQL`SELECT data FROM ${T} WHERE _id = ${id} LIMIT 1`,
      deleteOne: (id) => SQL`DELETE FROM ${T} WHERE _id = ${id}`,
      countDocuments: () => SQL`SELECT COUNT(1) AS count FROM ${T}`,
      drop: () => SQL`DROP TABLE IF EXISTS ${T}`,
    });
  };
}

/** `extensions.pongo` of a built-in plugin for `dialect` ('PostgreSQL' | 'SQLite'). */
function pongoExtension(dialect) {
  const d = DIALECTS[dialect];
  const sqlBuilder = sqlBuilderFor(d);
  return Object.freeze({
    sqlBuilder,
    schemaStrategy: d.schemaStrategy,
    createCollectionSchema: (name) => ({
      ...schemaComponent(pongoCollectionComponentType, {
        migrations: () => [sqlMigration(`pongo:collection:${name}:create`, [sqlBuilder(name).createCollection()])],
      }),
      collectionName: name,
    }),
    supportedFeatures: Object.freeze({ ...d.supportedFeatures }),
  });
}

module.exports = { pongoExtension, pongoCollectionComponentType };
