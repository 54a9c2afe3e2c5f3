'use strict';

// Schema (DDL) tokens and column types: plain objects of the
// same `{ sqlTokenType, [sqlTokenType]: true, ...props }` shape as the core tokens.
// They render per dialect in the Rust formatter (crates/dumbo-sql/src/ddl.rs): table
// and index references, CREATE SCHEMA, renames, columns, JSON index targets.

const { SQLToken } = require('./tokens.cjs');
const { DataError } = require('../errors.cjs');
const { binding } = require('../native.cjs');

/** The sentinel for "the dialect's default schema": references in it stay unqualified. */
const DefaultDatabaseSchemaName = binding.sqlDefaultSchemaName();

const isDefaultDatabaseSchema = (databaseSchemaName) =>
  databaseSchemaName === undefined || databaseSchemaName === DefaultDatabaseSchemaName;

const SQLTableReference = SQLToken('SQL_TABLE_REFERENCE');
const SQLRenameTable = SQLToken('SQL_RENAME_TABLE');
const SQLIndexReference = SQLToken('SQL_INDEX_REFERENCE');
const SQLCreateSchema = SQLToken('SQL_CREATE_SCHEMA');
const SQLJSONDocumentIndexTarget = SQLToken('SQL_JSON_DOCUMENT_INDEX_TARGET');
const SQLJSONPathTarget = SQLToken('SQL_JSON_PATH_TARGET');
const SQLColumnToken = SQLToken('SQL_COLUMN');

const haveSameTableReference = (left, right) =>
  left.tableName === right.tableName && left.databaseSchemaName === right.databaseSchemaName;

// Column types: `{ sqlTokenType: 'SQL_COLUMN_<TYPE>', SQL_COLUMN_<TYPE>: true, jsTypeName, ...props }`.

const ColumnTypeToken = (sqlTokenType, jsTypeName, map) => {
  const from = (input) => {
    let props;
    if (map !== undefined) props = map(input);
    else if (input === undefined || input === null) props = {};
    else if (typeof input === 'object' && !Array.isArray(input)) props = input;
    else throw new DataError(`Cannot create SQLToken of type ${sqlTokenType} with input: ${input}`);
    return { sqlTokenType, [sqlTokenType]: true, jsTypeName, ...props };
  };
  const check = (token) => SQLToken.check(token) && token.sqlTokenType === sqlTokenType;
  return { from, check, type: sqlTokenType };
};

const SerialToken = ColumnTypeToken('SQL_COLUMN_SERIAL', 'value_type:js:number');
const BigSerialToken = ColumnTypeToken('SQL_COLUMN_BIGSERIAL', 'value_type:js:bigint');
const IntegerToken = ColumnTypeToken('SQL_COLUMN_INTEGER', 'value_type:js:number');
const BigIntegerToken = ColumnTypeToken('SQL_COLUMN_BIGINT', 'value_type:js:bigint');
const TextToken = ColumnTypeToken('SQL_COLUMN_TEXT', 'value_type:js:string');
const BooleanToken = ColumnTypeToken('SQL_COLUMN_BOOLEAN', 'value_type:js:boolean');
const TimestampToken = ColumnTypeToken('SQL_COLUMN_TIMESTAMP', 'value_type:js:date');
const TimestamptzToken = ColumnTypeToken('SQL_COLUMN_TIMESTAMPTZ', 'value_type:js:date');
const AutoIncrementSQLColumnToken = ColumnTypeToken('SQL_COLUMN_AUTO_INCREMENT', 'value_type:js:bigint');
const VarcharToken = ColumnTypeToken('SQL_COLUMN_VARCHAR', 'value_type:js:string', (length) => ({
  length: length ?? 'max',
  jsTypeName: 'value_type:js:string',
}));

const JSONToken = {
  type: 'SQL_COLUMN_JSON',
  from: () => ({ sqlTokenType: 'SQL_COLUMN_JSON', SQL_COLUMN_JSON: true, jsTypeName: 'value_type:js:object' }),
  check: (token) => SQLToken.check(token) && token.sqlTokenType === 'SQL_COLUMN_JSON',
};

const JSONBToken = {
  type: 'SQL_COLUMN_JSONB',
  from: () => ({ sqlTokenType: 'SQL_COLUMN_JSONB', SQL_COLUMN_JSONB: true, jsTypeName: 'value_type:js:object' }),
  check: (token) => SQLToken.check(token) && token.sqlTokenType === 'SQL_COLUMN_JSONB',
};

const SQLColumnTypeTokens = {
  AutoIncrement: AutoIncrementSQLColumnToken,
  BigInteger: BigIntegerToken,
  BigSerial: BigSerialToken,
  Boolean: BooleanToken,
  Integer: IntegerToken,
  JSON: JSONToken,
  JSONB: JSONBToken,
  Serial: SerialToken,
  Text: TextToken,
  Timestamp: TimestampToken,
  Timestamptz: TimestamptzToken,
  Varchar: VarcharToken,
};

/** `SQL.column.type`: factories for parameterised types, ready tokens for the others. */
const SQLColumnTypeTokensFactory = {
  AutoIncrement: AutoIncrementSQLColumnToken.from,
  BigInteger: BigIntegerToken.from(),
  BigSerial: BigSerialToken.from(),
  Boolean: BooleanToken.from(),
  Integer: IntegerToken.from(),
  JSON: JSONToken.from,
  JSONB: JSONBToken.from,
  Serial: SerialToken.from(),
  Text: TextToken.from(),
  Timestamp: TimestampToken.from(),
  Timestamptz: TimestamptzToken.from(),
  Varchar: VarcharToken.from,
};

/** `SQL.column({ name, type, notNull?, unique?, primaryKey?, default? })`, with `.type`. */
const column = (input) => SQLColumnToken.from(input);
column.type = SQLColumnTypeTokensFactory;

module.exports = {
  DefaultDatabaseSchemaName,
  isDefaultDatabaseSchema,
  SQLTableReference,
  SQLRenameTable,
  SQLIndexReference,
  SQLCreateSchema,
  SQLJSONDocumentIndexTarget,
  SQLJSONPathTarget,
  SQLColumnToken,
  haveSameTableReference,
  ColumnTypeToken,
  SerialToken,
  BigSerialToken,
  IntegerToken,
  BigIntegerToken,
  TextToken,
  BooleanToken,
  JSONToken,
  JSONBToken,
  TimestampToken,
  TimestamptzToken,
  VarcharToken,
  AutoIncrementSQLColumnToken,
  SQLColumnTypeTokens,
  SQLColumnTypeTokensFactory,
  column,
};
