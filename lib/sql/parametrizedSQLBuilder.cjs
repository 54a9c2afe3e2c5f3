'use strict';
// Upstream's ParametrizedSQLBuilder: what a processor writes into. Used by the JS
// walker when a user's processors or value mapper are involved (lib/sql/sqlFormatter.cjs).

/** `ParametrizedSQLBuilder({ mapParamPlaceholder })`: addSQL, addParam, addParams, build. */
const ParametrizedSQLBuilder = ({ mapParamPlaceholder }) => {
  const sql = [];
  const params = [];
  return {
    addSQL(str) {
      sql.push(str);
      return this;
    },
    addParam(value) {
      sql.push(mapParamPlaceholder(params.length, value));
      params.push(value);
      return this;
    },
    addParams(values) {
      const placeholders = values.map((value, i) => mapParamPlaceholder(params.length + i, value));
      this.addSQL(placeholders.join(', '));
      params.push(...values);
      return this;
    },
    build() {
      return { query: sql.join(''), params };
    },
  };
};

module.exports = { ParametrizedSQLBuilder };
