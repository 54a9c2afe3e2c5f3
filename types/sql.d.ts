// SQL processors, their registry, value mappers and the parametrized-SQL builder
// (upstream core/sql/processors/**, valueMappers/**, parametrizedSQL/**). How a user's
// processor or formatter meets the Rust formatter: docs/sql.md.
import type {
  AnySQLToken,
  JSONSerializer,
  ParametrizedSQL,
  SQLArray,
  SQLIdentifier,
  SQLIn,
  SQLLiteral,
} from './core';
import type {
  AutoIncrementSQLColumnToken,
  BigIntegerToken,
  BigSerialToken,
  DefaultSQLColumnToken,
  IntegerToken,
  JSONBToken,
  SerialToken,
  TimestampToken,
  TimestamptzToken,
  VarcharToken,
} from './schema';

export interface ParametrizedSQLBuilder {
  addSQL: (str: string) => ParametrizedSQLBuilder;
  addParam(value: unknown): ParametrizedSQLBuilder;
  addParams(values: unknown[]): ParametrizedSQLBuilder;
  build: () => ParametrizedSQL;
}
export declare const ParametrizedSQLBuilder: ({
  mapParamPlaceholder,
}: {
  mapParamPlaceholder: (index: number, value: unknown) => string;
}) => ParametrizedSQLBuilder;

/** ANSI SQL reserved words, upper case → true (the SQLite formatter's list, from Rust). */
export declare const ansiSqlReservedMap: { [key: string]: boolean };

export interface SQLValueMapper {
  mapValue: MapSQLParamValue;
  mapPlaceholder: (index: number, value: unknown) => string;
  mapIdentifier: (value: string) => string;
}
export type MapSQLParamValue = (value: unknown, serializer: JSONSerializer, options?: MapSQLParamValueOptions) => unknown;
export interface MapSQLParamValueOptions {
  mapBoolean?: (value: boolean) => unknown;
  mapArray?: (array: unknown[], mapValue: MapSQLParamValue) => unknown[];
  mapDate?: (value: Date) => unknown;
  mapObject?: (value: object) => unknown;
  mapBigInt?: (value: bigint) => unknown;
  mapValue?: MapSQLParamValue;
  mapPlaceholder?: (index: number, value: unknown) => string;
  mapIdentifier?: (value: string) => string;
}
export declare const ANSISQLParamPlaceholder = '?';
export declare const ANSISQLIdentifierQuote = '"';
export declare const mapANSISQLParamPlaceholder: () => string;
export declare const mapSQLIdentifier: (
  value: string,
  options?: { reservedWords: { [key: string]: boolean }; quote?: string },
) => string;
export declare const DefaultMapSQLParamValueOptions: {
  mapPlaceholder: () => string;
  mapIdentifier: (value: string, options?: { reservedWords: { [key: string]: boolean }; quote?: string }) => string;
};
export declare const SQLValueMapper: (options?: MapSQLParamValueOptions) => SQLValueMapper;
export declare function mapSQLParamValue(
  value: unknown,
  serializer: JSONSerializer,
  options?: MapSQLParamValueOptions,
): unknown;

export type SQLProcessorContext = {
  mapper: SQLValueMapper;
  builder: ParametrizedSQLBuilder;
  processorsRegistry: SQLProcessorsReadonlyRegistry;
  serializer: JSONSerializer;
};
export type SQLProcessor<Token extends AnySQLToken = AnySQLToken> = {
  canHandle: Token['sqlTokenType'];
  handle: (value: Token, context: SQLProcessorContext) => void;
};
export type AnySQLProcessor = SQLProcessor<any>;
export type SQLProcessorOptions<Token extends AnySQLToken = AnySQLToken> = {
  canHandle: Token['sqlTokenType'];
  handle: (value: Token, context: SQLProcessorContext) => void;
};
export declare const SQLProcessor: <Token extends AnySQLToken = AnySQLToken>(
  options: SQLProcessorOptions<Token>,
) => SQLProcessor<Token>;

export interface SQLProcessorsReadonlyRegistry {
  get<Token extends AnySQLToken = AnySQLToken>(tokenType: Token['sqlTokenType']): SQLProcessor<Token> | null;
  all(): ReadonlyMap<string, AnySQLProcessor>;
}
export interface SQLProcessorsRegistry extends SQLProcessorsReadonlyRegistry {
  register(...processor: AnySQLProcessor[]): SQLProcessorsRegistry;
  register(processor: Record<string, AnySQLProcessor>): SQLProcessorsRegistry;
}
export declare const SQLProcessorsRegistry: (options?: { from: SQLProcessorsRegistry }) => SQLProcessorsRegistry;

export type DefaultSQLColumnProcessors = {
  AutoIncrement: SQLProcessor<AutoIncrementSQLColumnToken>;
  BigInteger: SQLProcessor<BigIntegerToken>;
  BigSerial: SQLProcessor<BigSerialToken>;
  Integer: SQLProcessor<IntegerToken>;
  JSONB: SQLProcessor<JSONBToken>;
  Serial: SQLProcessor<SerialToken>;
  Timestamp: SQLProcessor<TimestampToken>;
  Timestamptz: SQLProcessor<TimestamptzToken>;
  Varchar: SQLProcessor<VarcharToken>;
};
export declare const mapDefaultSQLColumnProcessors: (
  mapColumnType: (token: DefaultSQLColumnToken, context: SQLProcessorContext) => void,
) => DefaultSQLColumnProcessors;

export declare const ExpandArrayProcessor: SQLProcessor<SQLArray>;
export declare const ExpandSQLInProcessor: SQLProcessor<SQLIn>;
export declare const FormatIdentifierProcessor: SQLProcessor<SQLIdentifier>;
export declare const MapLiteralProcessor: SQLProcessor<SQLLiteral>;

declare global {
  var defaultProcessorsRegistry: SQLProcessorsRegistry;
}
/** Shared on globalThis; SQL.format uses it unless given a registry. */
export declare const defaultProcessorsRegistry: SQLProcessorsRegistry;
