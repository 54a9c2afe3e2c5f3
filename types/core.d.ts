// Types for the core JS modules: lib/errors.cjs, lib/sql/*.cjs, lib/query.cjs,
// lib/serializer.cjs, plus the result/executor/formatter shapes they share.
import type { SQLColumnFactory } from './schema';
import type {
  MapSQLParamValueOptions,
  SQLProcessorContext,
  SQLProcessorsReadonlyRegistry,
  SQLValueMapper,
} from './sql';

// ───────────────────────────── Errors ─────────────────────────────

export type DumboErrorOptions = {
  errorCode: number;
  errorType?: string;
  message?: string | undefined;
  innerError?: Error | undefined;
};

export declare class DumboError extends Error {
  static readonly ErrorCode: number;
  static readonly ErrorType: string;
  errorCode: number;
  errorType: string;
  innerError: Error | undefined;
  /** Same as `innerError` (ES2022 `cause`); absent when there is none. */
  cause?: unknown;
  /**
   * Driver fields copied by `fromNative` when the native core reports them,
   * e.g. `code` '23505' (SQLSTATE) or 'SQLITE_CONSTRAINT', SQLite `errno` 19.
   */
  code?: string;
  errno?: number;
  extendedCode?: string;
  detail?: string;
  hint?: string;
  constraint?: string;
  table?: string;
  column?: string;
  schema?: string;
  position?: string;
  routine?: string;
  constructor(options?: DumboErrorOptions | string | number);
  /** Duck-typed check; works across bundle copies. */
  static isInstanceOf<T extends DumboError = DumboError>(
    error: unknown,
    options?: { errorCode?: number; errorType?: string },
  ): error is T;
}

export declare class ConcurrencyError extends DumboError {
  constructor(message?: string, innerError?: Error);
}
export declare class TransientDatabaseError extends DumboError {
  constructor(message?: string, innerError?: Error);
}
export declare class ConnectionError extends TransientDatabaseError {}
export declare class SerializationError extends TransientDatabaseError {}
export declare class DeadlockError extends TransientDatabaseError {}
export declare class LockNotAvailableError extends TransientDatabaseError {}
export declare class InsufficientResourcesError extends TransientDatabaseError {}
export declare class SystemError extends TransientDatabaseError {}
export declare class AdminShutdownError extends TransientDatabaseError {}
export declare class QueryCanceledError extends TransientDatabaseError {}
export declare class IntegrityConstraintViolationError extends DumboError {
  constructor(message?: string, innerError?: Error);
}
export declare class UniqueConstraintError extends IntegrityConstraintViolationError {}
export declare class ForeignKeyViolationError extends IntegrityConstraintViolationError {}
export declare class NotNullViolationError extends IntegrityConstraintViolationError {}
export declare class CheckViolationError extends IntegrityConstraintViolationError {}
export declare class ExclusionViolationError extends IntegrityConstraintViolationError {}
export declare class DataError extends DumboError {
  constructor(message?: string, innerError?: Error);
}
export declare class InvalidOperationError extends DumboError {
  constructor(message?: string, innerError?: Error);
}
export declare class NotRegisteredError extends DumboError {
  constructor(message?: string, innerError?: Error);
}
export declare class PluginAlreadyRegisteredError extends DumboError {
  constructor(message?: string, innerError?: Error);
}
export declare class BatchCommandNoChangesError extends DumboError {
  readonly statementIndex: number;
  constructor(statementIndex: number);
}

export type DumboErrorClass = {
  new (...args: never[]): DumboError;
  readonly ErrorCode: number;
  readonly ErrorType: string;
};

/** The class for an errorType; DumboError when unknown. */
export declare function errorClassFor(errorType: string): DumboErrorClass;
/** Maps an error thrown by the native core to its DumboError; never throws. */
export declare function fromNative<T = unknown>(error: T): T | DumboError;
export declare function mapSqliteError(error: unknown): DumboError;
export declare function mapPostgresError(error: unknown): DumboError;

// ─────────────────────────── Serializer ───────────────────────────

export interface Serializer<
  Payload,
  SerializeOptions extends object = Record<string, unknown>,
  DeserializeOptions extends object = SerializeOptions,
> {
  serialize<T>(object: T, options?: SerializeOptions): Payload;
  deserialize<T>(payload: Payload, options?: DeserializeOptions): T;
}

export interface SerializationCodec<
  T,
  Payload,
  SerializeOptions extends object = Record<string, unknown>,
  DeserializeOptions extends object = SerializeOptions,
> {
  encode(object: T, options?: SerializeOptions): Payload;
  decode(payload: Payload, options?: DeserializeOptions): T;
}

/** See https://tc39.es/proposal-json-parse-with-source/ */
export type JSONReviverContext = { source: string };

export type JSONReplacer = (this: any, key: string, value: any) => any;
export type JSONReviver = (
  this: any,
  key: string,
  value: any,
  context: JSONReviverContext,
) => any;

export type JSONSerializerOptions = {
  parseDates?: boolean;
  parseBigInts?: boolean;
  failOnBigIntSerialization?: boolean;
  useDefaultDateSerialization?: boolean;
};
export type JSONSerializeOptions = { replacer?: JSONReplacer } & JSONSerializerOptions;
export type JSONDeserializeOptions = { reviver?: JSONReviver } & JSONSerializerOptions;

export interface JSONSerializer<
  SerializeOptions extends JSONSerializeOptions = JSONSerializeOptions,
  DeserializeOptions extends JSONDeserializeOptions = JSONDeserializeOptions,
> extends Serializer<string, SerializeOptions, DeserializeOptions> {
  serialize<T>(object: T, options?: SerializeOptions): string;
  deserialize<T>(payload: string, options?: DeserializeOptions): T;
}

export type JSONSerializationOptions<
  SerializeOptions extends JSONSerializeOptions = JSONSerializeOptions,
  DeserializeOptions extends JSONDeserializeOptions = JSONDeserializeOptions,
> = {
  serialization?:
    | {
        serializer?: JSONSerializer<SerializeOptions, DeserializeOptions>;
        options?: JSONSerializeOptions | JSONDeserializeOptions;
      }
    | undefined;
};

export declare const JSONSerializer: JSONSerializer & {
  from<
    SerializeOptions extends JSONSerializeOptions = JSONSerializeOptions,
    DeserializeOptions extends JSONDeserializeOptions = JSONDeserializeOptions,
  >(
    options?: JSONSerializationOptions<SerializeOptions, DeserializeOptions>,
  ): JSONSerializer<SerializeOptions, DeserializeOptions>;
};

export declare function jsonSerializer(
  options?: JSONSerializeOptions & JSONDeserializeOptions,
): JSONSerializer;

export interface JSONCodec<
  T,
  SerializeOptions extends JSONSerializeOptions = JSONSerializeOptions,
  DeserializeOptions extends JSONDeserializeOptions = JSONDeserializeOptions,
> extends SerializationCodec<T, string, SerializeOptions, DeserializeOptions> {
  encode(object: T, options?: SerializeOptions): string;
  decode(payload: string, options?: DeserializeOptions): T;
}

export type JSONCodecOptions<
  T,
  Payload = T,
  SerializeOptions extends JSONSerializeOptions = JSONSerializeOptions,
  DeserializeOptions extends JSONDeserializeOptions = JSONDeserializeOptions,
> = (
  | {
      serializer?: JSONSerializer<SerializeOptions, DeserializeOptions>;
      serializerOptions?: never;
    }
  | { serializer?: never; serializerOptions?: JSONSerializerOptions }
) & {
  upcast?: (document: Payload) => T;
  downcast?: (document: T) => Payload;
};

export declare function JSONCodec<
  T,
  Payload = T,
  SerializeOptions extends JSONSerializeOptions = JSONSerializeOptions,
  DeserializeOptions extends JSONDeserializeOptions = JSONDeserializeOptions,
>(
  options?: JSONCodecOptions<T, Payload, SerializeOptions, DeserializeOptions>,
): JSONCodec<T, SerializeOptions, DeserializeOptions>;

export declare function JSONReplacer(
  options?: JSONSerializeOptions,
): JSONReplacer | undefined;
export declare function JSONReviver(
  options?: JSONDeserializeOptions,
): JSONReviver | undefined;
export declare const JSONReplacers: { bigInt: JSONReplacer; date: JSONReplacer };
export declare const JSONRevivers: { bigInt: JSONReviver; date: JSONReviver };
export declare function composeJSONReplacers(
  ...replacers: (JSONReplacer | undefined)[]
): JSONReplacer | undefined;
export declare function composeJSONRevivers(
  ...revivers: (JSONReviver | undefined)[]
): JSONReviver | undefined;

// ───────────────────────────── Tokens ─────────────────────────────

/** `{ sqlTokenType, [sqlTokenType]: true, ...props }` */
export type SQLToken<
  TType extends string = string,
  TProps extends object = {},
> = { readonly sqlTokenType: TType } & (string extends TType
  ? {}
  : { readonly [K in TType]: true }) &
  TProps;

export type AnySQLToken = SQLToken<string, { [prop: string]: any }>;

/** Token fields other than the type markers. */
export type SQLTokenProps<T extends AnySQLToken> = Omit<
  T,
  'sqlTokenType' | T['sqlTokenType']
>;

export interface SQLTokenFactory<T extends AnySQLToken, Input> {
  from(input: Input): T;
  check(token: unknown): token is T;
  readonly type: T['sqlTokenType'];
}

export declare const SQLToken: {
  <T extends AnySQLToken, Input = SQLTokenProps<T> | undefined>(
    sqlTokenType: T['sqlTokenType'],
    map?: (input: Input) => SQLTokenProps<T>,
  ): SQLTokenFactory<T, Input>;
  check(token: unknown): token is AnySQLToken;
};

export type SQLArrayMode = 'params' | 'native';

export type SQLIdentifier = SQLToken<'SQL_IDENTIFIER', { value: string }>;
export type SQLPlain = SQLToken<'SQL_RAW', { value: string }>;
export type SQLLiteral = SQLToken<'SQL_LITERAL', { value: unknown }>;
export type SQLArray = SQLToken<
  'SQL_ARRAY',
  { value: unknown[]; mode?: SQLArrayMode }
>;
export type SQLIn = SQLToken<
  'SQL_IN',
  { column: SQLIdentifier; values: SQLArray; mode?: SQLArrayMode }
>;
export type SQLDefaultTokens = SQLIdentifier | SQLPlain | SQLLiteral | SQLArray;
export type SQLDefaultTokensTypes = SQLDefaultTokens['sqlTokenType'];

export declare const SQLIdentifier: SQLTokenFactory<SQLIdentifier, string>;
export declare const SQLPlain: SQLTokenFactory<SQLPlain, string>;
export declare const SQLLiteral: SQLTokenFactory<SQLLiteral, unknown>;
export declare const SQLArray: SQLTokenFactory<
  SQLArray,
  unknown[] | { value: unknown[]; mode?: SQLArrayMode }
>;
export declare const SQLIn: SQLTokenFactory<
  SQLIn,
  { column: string; values: unknown[]; mode?: SQLArrayMode }
>;

// ───────────────────────────── SQL ─────────────────────────────

/** A tokenized SQL statement made by the `SQL` tag (a TokenizedSQL at runtime). */
export type SQL = string & { __brand: 'sql' };

export type TokenizedSQL = Readonly<{
  __brand: 'tokenized-sql';
  sqlChunks: ReadonlyArray<string>;
  sqlTokens: ReadonlyArray<AnySQLToken>;
}>;

export declare const TokenizedSQL: {
  (strings: ReadonlyArray<string>, values: unknown[]): TokenizedSQL;
  readonly paramPlaceholder: '__P__';
  readonly empty: TokenizedSQL;
};

export declare function isTokenizedSQL(value: unknown): value is TokenizedSQL;
export declare function isSQL(value: unknown): value is SQL;
/** Trusted text: values are interpolated with String(v), nothing is bound. */
export declare function RawSQL(
  strings: TemplateStringsArray,
  ...values: unknown[]
): SQL;

export interface ParametrizedSQL {
  query: string;
  params: unknown[];
}

export interface FormatSQLOptions {
  serializer?: JSONSerializer;
  /** Value-mapper overrides (upstream's formatter context). */
  mapper?: MapSQLParamValueOptions;
  /** The processors registry to format with (upstream's formatter context). */
  processorsRegistry?: SQLProcessorsReadonlyRegistry;
  /** Set by SQL.format on a formatter without a valueMapper: use the default processors. */
  processors?: 'default';
}

/** Upstream's formatter context: a partial processor context with a serializer. */
export type FormatContext = Partial<SQLProcessorContext> & Pick<SQLProcessorContext, 'serializer'>;

export interface SQLFormatter {
  dialect?: string;
  format(sql: SQL | SQL[], options?: FormatSQLOptions): ParametrizedSQL;
  describe(sql: SQL | SQL[], options?: FormatSQLOptions): string;
  valueMapper: SQLValueMapper;
}

export type SQLFormatterOptions = Partial<Omit<SQLFormatter, 'valueMapper' | 'dialect'>> & {
  valueMapper?: MapSQLParamValueOptions;
  processorsRegistry?: SQLProcessorsReadonlyRegistry;
};
/**
 * Builds a formatter. Made only of built-in pieces it formats in Rust; a processor or
 * mapper function of yours runs in JS for what it handles (docs/sql.md).
 */
export declare const SQLFormatter: (options: SQLFormatterOptions) => SQLFormatter;

export type SQLTag = {
  /** Interpolated values are bound parameters unless they are SQL or tokens. */
  (strings: TemplateStringsArray, ...values: unknown[]): SQL;
  EMPTY: SQL;
  /** Joins fragments without a separator. */
  concat: (...sqls: SQL[]) => SQL;
  /** Joins non-empty fragments with `separator` (default ' '). */
  merge: (sqls: SQL[], separator?: string) => SQL;
  /** `formatter`: a formatter, or a connector / dialect name resolved by getFormatter. */
  format: (
    sql: SQL | SQL[],
    formatter: SQLFormatter | string,
    options?: FormatSQLOptions,
  ) => ParametrizedSQL;
  /** Readable SQL with parameters inlined; diagnostics and migration hashes. */
  describe: (
    sql: SQL | SQL[],
    formatter: SQLFormatter | string,
    options?: FormatSQLOptions,
  ) => string;
  in: (
    column: string,
    values: unknown[],
    options?: { mode?: SQLArrayMode },
  ) => SQLIn;
  array: (values: unknown[], options?: { mode?: SQLArrayMode }) => SQLArray;
  identifier: (name: string) => SQLIdentifier;
  /** Trusted raw text: not quoted, escaped or bound. */
  plain: (text: string) => SQLPlain;
  /** Inline single-quoted literal with `'` doubled. */
  literal: (value: string) => SQLPlain;
  /** A column token (`CREATE TABLE` DDL), with `SQL.column.type.*`. */
  column: SQLColumnFactory;
  check: {
    isSQL: (value: unknown) => value is SQL;
    isTokenizedSQL: (value: unknown) => value is TokenizedSQL;
    isEmpty: (sql: SQL) => boolean;
    isIdentifier: (token: unknown) => token is SQLIdentifier;
    isPlain: (token: unknown) => token is SQLPlain;
    isSQLIn: (token: unknown) => token is SQLIn;
  };
};

export declare const SQL: SQLTag;

export declare const JSONParam: {
  readonly document: (document: unknown, serializer?: JSONSerializer) => string;
  readonly value: (jsonValue: unknown, serializer?: JSONSerializer) => string;
  /** Serialises `[jsonValue]`. */
  readonly arrayContaining: (
    jsonValue: unknown,
    serializer?: JSONSerializer,
  ) => string;
};

// ──────────────────────── Results and executors ────────────────────────

export interface QueryResultRow {
  [column: string]: any;
}

export type QueryResult<Result extends QueryResultRow = QueryResultRow> = {
  rowCount: number | null;
  rows: Result[];
};

export type SQLQueryResultColumnMapping = {
  [column: string]: (value: unknown) => unknown;
};

export type SQLQueryOptions = {
  abort?: { signal: AbortSignal } | undefined;
  /** Same as `abort.signal`. On PostgreSQL an abort cancels the running statement on the server. */
  signal?: AbortSignal | undefined;
  /** PostgreSQL: a statement timeout for this statement only (QueryCanceledError when exceeded). */
  timeoutMs?: number | undefined;
  mapping?: SQLQueryResultColumnMapping;
};

export type SQLCommandOptions = SQLQueryOptions;

export type BatchSQLCommandOptions = SQLCommandOptions & {
  /** Throw BatchCommandNoChangesError when a statement changes no rows. */
  assertChanges?: boolean;
};

export interface SQLExecutor {
  query<Result extends QueryResultRow = QueryResultRow>(
    sql: SQL,
    options?: SQLQueryOptions,
  ): Promise<QueryResult<Result>>;
  batchQuery<Result extends QueryResultRow = QueryResultRow>(
    sqls: SQL[],
    options?: SQLQueryOptions,
  ): Promise<QueryResult<Result>[]>;
  command<Result extends QueryResultRow = QueryResultRow>(
    sql: SQL,
    options?: SQLCommandOptions,
  ): Promise<QueryResult<Result>>;
  batchCommand<Result extends QueryResultRow = QueryResultRow>(
    sqls: SQL[],
    options?: BatchSQLCommandOptions,
  ): Promise<QueryResult<Result>[]>;
}

// ───────────────────────────── Query helpers ─────────────────────────────

export type CountSQLQueryResult = { count: number | bigint | string };
export type ExistsSQLQueryResult = { exists: boolean | 1 | 0 };

export declare function first<Result extends QueryResultRow = QueryResultRow>(
  getResult: Promise<QueryResult<Result>>,
): Promise<Result>;
export declare function firstOrNull<
  Result extends QueryResultRow = QueryResultRow,
>(getResult: Promise<QueryResult<Result>>): Promise<Result | null>;
export declare function single<Result extends QueryResultRow = QueryResultRow>(
  getResult: Promise<QueryResult<Result>>,
): Promise<Result>;
export declare function singleOrNull<
  Result extends QueryResultRow = QueryResultRow,
>(getResult: Promise<QueryResult<Result>>): Promise<Result | null>;
export declare function count(
  getResult: Promise<QueryResult<CountSQLQueryResult>>,
): Promise<number>;
export declare function exists(
  getResult: Promise<QueryResult<ExistsSQLQueryResult>>,
): Promise<boolean>;
export declare function mapRows<
  Result extends QueryResultRow = QueryResultRow,
  Mapped = unknown,
>(
  getResult: Promise<QueryResult<Result>>,
  map: (row: Result) => Mapped,
): Promise<Mapped[]>;
export declare function toCamelCase(snakeStr: string): string;
export declare function mapToCamelCase<T extends Record<string, unknown>>(
  obj: Record<string, unknown>,
): T;

export declare function mapColumnToJSON(
  column: string,
  serializer?: JSONSerializer,
  options?: JSONDeserializeOptions,
): SQLQueryResultColumnMapping;
export declare function mapColumnToBigint(
  column: string,
): SQLQueryResultColumnMapping;
export declare function mapColumnToDate(
  column: string,
): SQLQueryResultColumnMapping;
/** A copy of `row` with `mapping` applied to the columns present in it. */
export declare function mapSQLQueryResult<T>(
  row: T,
  mapping: SQLQueryResultColumnMapping,
): T;
