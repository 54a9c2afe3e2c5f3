'use strict';

// One entry for the SQL template API: the tag, TokenizedSQL, tokens, JSONParam.

const { SQL, RawSQL, isSQL } = require('./tag.cjs');
const { TokenizedSQL, isTokenizedSQL } = require('./tokenized.cjs');
const tokens = require('./tokens.cjs');
const { JSONParam } = require('./jsonParam.cjs');
const ddlTokens = require('./ddlTokens.cjs');
const { registerFormatter, getFormatter } = require('./formatterRegistry.cjs');
const { SQLFormatter } = require('./sqlFormatter.cjs');
const { ParametrizedSQLBuilder } = require('./parametrizedSQLBuilder.cjs');
const valueMapper = require('./valueMapper.cjs');
const processors = require('./processors.cjs');

/** `formatSQL(sql, formatter, serializer?, options?)`: SQL.format with an explicit serializer. */
const formatSQL = (sql, formatter, serializer, options) =>
  SQL.format(sql, formatter, serializer === undefined ? options : { ...options, serializer });
/** `describeSQL(sql, formatter, serializer?, options?)`: SQL.describe with an explicit serializer. */
const describeSQL = (sql, formatter, serializer, options) =>
  SQL.describe(sql, formatter, serializer === undefined ? options : { ...options, serializer });

module.exports = {
  SQL,
  RawSQL,
  isSQL,
  TokenizedSQL,
  isTokenizedSQL,
  ...tokens,
  JSONParam,
  DefaultDatabaseSchemaName: ddlTokens.DefaultDatabaseSchemaName,
  isDefaultDatabaseSchema: ddlTokens.isDefaultDatabaseSchema,
  haveSameTableReference: ddlTokens.haveSameTableReference,
  SQLTableReference: ddlTokens.SQLTableReference,
  SQLRenameTable: ddlTokens.SQLRenameTable,
  SQLIndexReference: ddlTokens.SQLIndexReference,
  SQLCreateSchema: ddlTokens.SQLCreateSchema,
  SQLJSONDocumentIndexTarget: ddlTokens.SQLJSONDocumentIndexTarget,
  SQLJSONPathTarget: ddlTokens.SQLJSONPathTarget,
  SQLColumnToken: ddlTokens.SQLColumnToken,
  SerialToken: ddlTokens.SerialToken,
  BigSerialToken: ddlTokens.BigSerialToken,
  IntegerToken: ddlTokens.IntegerToken,
  BigIntegerToken: ddlTokens.BigIntegerToken,
  TextToken: ddlTokens.TextToken,
  BooleanToken: ddlTokens.BooleanToken,
  JSONToken: ddlTokens.JSONToken,
  JSONBToken: ddlTokens.JSONBToken,
  TimestampToken: ddlTokens.TimestampToken,
  TimestamptzToken: ddlTokens.TimestamptzToken,
  VarcharToken: ddlTokens.VarcharToken,
  AutoIncrementSQLColumnToken: ddlTokens.AutoIncrementSQLColumnToken,
  SQLColumnTypeTokens: ddlTokens.SQLColumnTypeTokens,
  SQLColumnTypeTokensFactory: ddlTokens.SQLColumnTypeTokensFactory,
  registerFormatter,
  getFormatter,
  formatSQL,
  describeSQL,
  // formatter, processors and value mapping (docs/sql.md)
  SQLFormatter,
  ParametrizedSQLBuilder,
  ColumnTypeToken: ddlTokens.ColumnTypeToken,
  SQLProcessor: processors.SQLProcessor,
  SQLProcessorsRegistry: processors.SQLProcessorsRegistry,
  defaultProcessorsRegistry: processors.defaultProcessorsRegistry,
  ExpandArrayProcessor: processors.ExpandArrayProcessor,
  ExpandSQLInProcessor: processors.ExpandSQLInProcessor,
  FormatIdentifierProcessor: processors.FormatIdentifierProcessor,
  MapLiteralProcessor: processors.MapLiteralProcessor,
  mapDefaultSQLColumnProcessors: processors.mapDefaultSQLColumnProcessors,
  SQLValueMapper: valueMapper.SQLValueMapper,
  mapSQLParamValue: valueMapper.mapSQLParamValue,
  mapSQLIdentifier: valueMapper.mapSQLIdentifier,
  mapANSISQLParamPlaceholder: valueMapper.mapANSISQLParamPlaceholder,
  ANSISQLParamPlaceholder: valueMapper.ANSISQLParamPlaceholder,
  ANSISQLIdentifierQuote: valueMapper.ANSISQLIdentifierQuote,
  DefaultMapSQLParamValueOptions: valueMapper.DefaultMapSQLParamValueOptions,
  ansiSqlReservedMap: valueMapper.ansiSqlReservedMap,
};
