'use strict';
// Dialect-aware SQL helpers that consult a plugin's declared capabilities
// (`capabilities`): the same call renders native JSON operators where the database has
// them and a function call where it does not, for built-in and JS plugins alike.
const { InvalidOperationError } = require('./errors.cjs');
const { SQL } = require('./sql/index.cjs');
const { binding } = require('./native.cjs');
const { pluginRegistry } = require('./registry.cjs');

/** The loaded plugin behind a plugin object, a connector name or a pool. */
function pluginOf(target) {
  if (target !== null && typeof target === 'object' && typeof target.createPool === 'function') return target;
  const connector = typeof target === 'string' ? target : target?.driverType;
  if (typeof connector !== 'string') {
    throw new TypeError('Expected a storage plugin, a connector name or a pool with a driverType');
  }
  const plugin = pluginRegistry.tryGetSync(connector);
  if (!plugin) {
    throw new InvalidOperationError(
      `No loaded plugin for connector ${connector}: register it, or await pluginRegistry.resolve('${connector}') first`,
    );
  }
  return plugin;
}

/** A plugin's capabilities; missing entries read as "not supported". */
function capabilitiesOf(target) {
  const c = pluginOf(target).capabilities ?? {};
  return {
    json: {
      operators: c.json?.operators === true,
      indexing: c.json?.indexing === true,
      path: c.json?.path === true,
    },
    arrays: c.arrays === true,
    returning: c.returning === true,
    cte: c.cte === true,
  };
}

const segmentsOf = (path) => (Array.isArray(path) ? path.map(String) : String(path).split('.'));

/**
 * `source`'s JSON value at `path` ('a.b' or ['a', 'b']):
 * - PostgreSQL-style operators (`->`, `#>`; `->>`, `#>>` as text) for a plugin whose
 *   formatter is the PostgreSQL dialect;
 * - `source -> '$.a.b'` (`->>`) for other plugins with `json.operators` (SQLite, DuckDB);
 * - `json_extract(source, '$.a.b')` where the plugin declares no JSON operators.
 */
function jsonPath(target, source, path, asText) {
  const plugin = pluginOf(target);
  const caps = capabilitiesOf(plugin);
  const segments = segmentsOf(path);
  if (caps.json.operators && plugin.sqlFormatter?.dialect === 'PostgreSQL') {
    return SQL`${source}${SQL.plain(binding.pgJsonField('', segments.join('.'), asText))}`;
  }
  const literal = SQL.plain(binding.sqliteJsonPath(segments));
  if (caps.json.operators) return SQL`${source} ${SQL.plain(asText ? '->>' : '->')} ${literal}`;
  return SQL`json_extract(${source}, ${literal})`;
}

const jsonField = (target, source, path) => jsonPath(target, source, path, false);
const jsonTextField = (target, source, path) => jsonPath(target, source, path, true);

module.exports = { capabilitiesOf, jsonField, jsonTextField };
