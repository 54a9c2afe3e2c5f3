// Schema tokens, schema components, migrations, database metadata, locks and SQL
// formatter resolution (upstream core/schema/**, core/locks/**, core/sql/tokens, 5.7).
import type {
  AnySQLToken,
  FormatSQLOptions,
  JSONSerializer,
  ParametrizedSQL,
  SQL,
  SQLExecutor,
  SQLFormatter,
  SQLPlain,
  SQLToken,
  SQLTokenFactory,
} from './core';
import type { ConnectionPool, ConnectorType, DatabaseTransactionOptions } from './pool';
import type { ColumnURN, KeyedDatabaseComponent, KeyedDatabaseSchemas } from './schemaKeyed';

// ───────────────────────────── Schema tokens ─────────────────────────────

/** The sentinel for "the dialect's default schema": references in it stay unqualified. */
export type DefaultDatabaseSchemaName = 'dmb_default_schema';
export declare const DefaultDatabaseSchemaName: DefaultDatabaseSchemaName;
export declare function isDefaultDatabaseSchema(
  databaseSchemaName: string | undefined,
): databaseSchemaName is DefaultDatabaseSchemaName | undefined;

export type SQLTableReference = SQLToken<'SQL_TABLE_REFERENCE', { databaseSchemaName: string; tableName: string }>;
export type SQLRenameTable = SQLToken<'SQL_RENAME_TABLE', { table: SQLTableReference; newTableName: string }>;
export type SQLIndexReference = SQLToken<
  'SQL_INDEX_REFERENCE',
  { databaseSchemaName: string; tableName: string; indexName: string }
>;
export type SQLCreateSchema = SQLToken<'SQL_CREATE_SCHEMA', { databaseSchemaName: string }>;
export type SQLJSONDocumentIndexTarget = SQLToken<
  'SQL_JSON_DOCUMENT_INDEX_TARGET',
  { columnName: string; isUnique: boolean }
>;
export type SQLJSONPathTarget = SQLToken<'SQL_JSON_PATH_TARGET', { columnName: string; path: readonly string[] }>;

type TokenProps<T extends AnySQLToken> = Omit<T, 'sqlTokenType' | T['sqlTokenType']>;

export declare const SQLTableReference: SQLTokenFactory<SQLTableReference, TokenProps<SQLTableReference>>;
export declare const SQLRenameTable: SQLTokenFactory<SQLRenameTable, TokenProps<SQLRenameTable>>;
export declare const SQLIndexReference: SQLTokenFactory<SQLIndexReference, TokenProps<SQLIndexReference>>;
export declare const SQLCreateSchema: SQLTokenFactory<SQLCreateSchema, TokenProps<SQLCreateSchema>>;
export declare const SQLJSONDocumentIndexTarget: SQLTokenFactory<
  SQLJSONDocumentIndexTarget,
  TokenProps<SQLJSONDocumentIndexTarget>
>;
export declare const SQLJSONPathTarget: SQLTokenFactory<SQLJSONPathTarget, TokenProps<SQLJSONPathTarget>>;
export declare function haveSameTableReference(left: SQLTableReference, right: SQLTableReference): boolean;

// ───────────────────────────── Column types ─────────────────────────────

export type JavaScriptValueTypeName =
  | 'value_type:js:object'
  | 'value_type:js:array'
  | 'value_type:js:string'
  | 'value_type:js:number'
  | 'value_type:js:boolean'
  | 'value_type:js:null'
  | 'value_type:js:undefined'
  | 'value_type:js:date'
  | 'value_type:js:bigint';

type JavaScriptValueTypeOf<N extends JavaScriptValueTypeName> = {
  'value_type:js:object': Record<string, unknown>;
  'value_type:js:array': unknown[];
  'value_type:js:string': string;
  'value_type:js:number': number;
  'value_type:js:boolean': boolean;
  'value_type:js:null': null;
  'value_type:js:undefined': undefined;
  'value_type:js:date': Date;
  'value_type:js:bigint': bigint;
}[N];

export type JSONValueType = Record<string, unknown> | Array<unknown> | string | number | boolean | null;

/** A column type token: `{ sqlTokenType: 'SQL_COLUMN_<NAME>', jsTypeName, ...props }`; `__brand` is type-only. */
export type ColumnTypeToken<
  JSTypeName extends JavaScriptValueTypeName = JavaScriptValueTypeName,
  ColumnTypeName extends string = string,
  TProps extends object = {},
  ValueType = JavaScriptValueTypeOf<JSTypeName>,
> = SQLToken<`SQL_COLUMN_${ColumnTypeName}`, TProps> & {
  readonly jsTypeName: JSTypeName;
  /** Type-level only: the JS type of the column's values. */
  readonly __brand?: ValueType;
};

export type AnyColumnTypeToken = ColumnTypeToken<any, string, {}, any>;
/** Defines a column type token: `ColumnTypeToken(sqlTokenType, jsTypeName, map?)`. */
export declare const ColumnTypeToken: <
  SQLTokenType extends AnyColumnTypeToken,
  TInput = keyof Omit<SQLTokenType, 'sqlTokenType' | '__brand' | 'jsTypeName' | SQLTokenType['sqlTokenType']> extends never
    ? void
    : Omit<SQLTokenType, 'sqlTokenType' | '__brand' | 'jsTypeName' | SQLTokenType['sqlTokenType']>,
>(
  sqlTokenType: SQLTokenType['sqlTokenType'],
  jsTypeName: SQLTokenType['jsTypeName'],
  map?: (input: TInput) => Omit<SQLTokenType, 'sqlTokenType' | '__brand' | 'jsTypeName' | SQLTokenType['sqlTokenType']>,
) => {
  from: (input: TInput) => SQLTokenType;
  check: (token: unknown) => token is SQLTokenType;
  type: SQLTokenType['sqlTokenType'];
};

export type SerialToken = ColumnTypeToken<'value_type:js:number', 'SERIAL'>;
export type BigSerialToken = ColumnTypeToken<'value_type:js:bigint', 'BIGSERIAL'>;
export type IntegerToken = ColumnTypeToken<'value_type:js:number', 'INTEGER'>;
export type BigIntegerToken = ColumnTypeToken<'value_type:js:bigint', 'BIGINT'>;
export type TextToken = ColumnTypeToken<'value_type:js:string', 'TEXT'>;
export type BooleanToken = ColumnTypeToken<'value_type:js:boolean', 'BOOLEAN'>;
export type JSONToken<ValueType = JSONValueType> = ColumnTypeToken<'value_type:js:object', 'JSON', {}, ValueType>;
export type JSONBToken<ValueType extends Record<string, unknown> = Record<string, unknown>> = ColumnTypeToken<
  'value_type:js:object',
  'JSONB',
  {},
  ValueType
>;
export type TimestampToken = ColumnTypeToken<'value_type:js:date', 'TIMESTAMP'>;
export type TimestamptzToken = ColumnTypeToken<'value_type:js:date', 'TIMESTAMPTZ'>;
export type VarcharToken = ColumnTypeToken<'value_type:js:string', 'VARCHAR', { length: number | 'max' }>;
export type AutoIncrementSQLColumnToken = ColumnTypeToken<
  'value_type:js:bigint',
  'AUTO_INCREMENT',
  { primaryKey: boolean; bigint?: boolean },
  bigint
>;

export type DefaultSQLColumnToken =
  | AutoIncrementSQLColumnToken
  | SerialToken
  | BigSerialToken
  | BooleanToken
  | IntegerToken
  | JSONToken
  | JSONBToken
  | BigIntegerToken
  | TextToken
  | TimestampToken
  | TimestamptzToken
  | VarcharToken;

export interface ColumnTypeTokenFactory<T extends AnyColumnTypeToken, Input> {
  from(input: Input): T;
  check(token: unknown): token is T;
  readonly type: T['sqlTokenType'];
}

export declare const SerialToken: ColumnTypeTokenFactory<SerialToken, void>;
export declare const BigSerialToken: ColumnTypeTokenFactory<BigSerialToken, void>;
export declare const IntegerToken: ColumnTypeTokenFactory<IntegerToken, void>;
export declare const BigIntegerToken: ColumnTypeTokenFactory<BigIntegerToken, void>;
export declare const TextToken: ColumnTypeTokenFactory<TextToken, void>;
export declare const BooleanToken: ColumnTypeTokenFactory<BooleanToken, void>;
export declare const TimestampToken: ColumnTypeTokenFactory<TimestampToken, void>;
export declare const TimestamptzToken: ColumnTypeTokenFactory<TimestamptzToken, void>;
export declare const VarcharToken: ColumnTypeTokenFactory<VarcharToken, number | 'max' | undefined>;
export declare const AutoIncrementSQLColumnToken: ColumnTypeTokenFactory<
  AutoIncrementSQLColumnToken,
  { primaryKey: boolean; bigint?: boolean }
>;
export declare const JSONToken: {
  readonly type: 'SQL_COLUMN_JSON';
  from<ValueType = JSONValueType>(): JSONToken<ValueType>;
  check<ValueType = JSONValueType>(token: unknown): token is JSONToken<ValueType>;
};
export declare const JSONBToken: {
  readonly type: 'SQL_COLUMN_JSONB';
  from<ValueType extends Record<string, unknown> = Record<string, unknown>>(): JSONBToken<ValueType>;
  check<ValueType extends Record<string, unknown> = Record<string, unknown>>(
    token: unknown,
  ): token is JSONBToken<ValueType>;
};

/** The column type tokens by name (upstream's type of the same name). */
export type SQLColumnTypeTokens = {
  AutoIncrement: AutoIncrementSQLColumnToken;
  BigInteger: BigIntegerToken;
  BigSerial: BigSerialToken;
  Integer: IntegerToken;
  JSONB: JSONBToken;
  Serial: SerialToken;
  Timestamp: TimestampToken;
  Timestamptz: TimestamptzToken;
  Varchar: VarcharToken;
};
export declare const SQLColumnTypeTokens: {
  AutoIncrement: typeof AutoIncrementSQLColumnToken;
  BigInteger: typeof BigIntegerToken;
  BigSerial: typeof BigSerialToken;
  Boolean: typeof BooleanToken;
  Integer: typeof IntegerToken;
  JSON: typeof JSONToken;
  JSONB: typeof JSONBToken;
  Serial: typeof SerialToken;
  Text: typeof TextToken;
  Timestamp: typeof TimestampToken;
  Timestamptz: typeof TimestamptzToken;
  Varchar: typeof VarcharToken;
};

/** `SQL.column.type`. */
export type SQLColumnTypeTokensFactory = {
  AutoIncrement: (options: { primaryKey: boolean; bigint?: boolean }) => AutoIncrementSQLColumnToken;
  BigInteger: BigIntegerToken;
  BigSerial: BigSerialToken;
  Boolean: BooleanToken;
  Integer: IntegerToken;
  JSON: <ValueType = JSONValueType>() => JSONToken<ValueType>;
  JSONB: <ValueType extends Record<string, unknown> = Record<string, unknown>>() => JSONBToken<ValueType>;
  Serial: SerialToken;
  Text: TextToken;
  Timestamp: TimestampToken;
  Timestamptz: TimestamptzToken;
  Varchar: (length?: number | 'max') => VarcharToken;
};
export declare const SQLColumnTypeTokensFactory: SQLColumnTypeTokensFactory;

/** A column default: a value of the column's type, `SQL.plain(...)` text, or null. */
export type SQLColumnDefault<ColumnType extends AnyColumnTypeToken | string> =
  | (ColumnType extends AnyColumnTypeToken ? NonNullable<ColumnType['__brand']> : unknown)
  | SQLPlain
  | null;

export type SQLColumnTokenProps<ColumnType extends AnyColumnTypeToken | string = AnyColumnTypeToken | string> = {
  name: string;
  /** A column type token, or raw type text (trusted, inlined). */
  type: ColumnType;
  notNull?: boolean;
  unique?: boolean;
  primaryKey?: boolean;
  default?: SQLColumnDefault<ColumnType>;
};

export type SQLColumnToken<ColumnType extends AnyColumnTypeToken | string = AnyColumnTypeToken | string> = SQLToken<
  'SQL_COLUMN',
  SQLColumnTokenProps<ColumnType>
>;
export declare const SQLColumnToken: SQLTokenFactory<SQLColumnToken, SQLColumnTokenProps>;

/** `SQL.column(...)`, with `SQL.column.type.*`. */
export type SQLColumnFactory = (<const ColumnType extends AnyColumnTypeToken | string>(
  column: SQLColumnTokenProps<ColumnType>,
) => SQLColumnToken<ColumnType>) & { type: SQLColumnTypeTokensFactory };

// ───────────────────────────── Formatter resolution ─────────────────────────────

/** Registers (silently replaces) the formatter of a dialect ('PostgreSQL'), database type or connector. */
export declare function registerFormatter(dialect: string, formatter: SQLFormatter): void;
/**
 * The formatter of a connector ('PostgreSQL:pg') or dialect ('PostgreSQL'): registered
 * formatters, then the plugin registry (a plugin's `sqlFormatter`), then the built-ins.
 * Throws NotRegisteredError('No SQL formatter registered for dialect: <d>').
 */
export declare function getFormatter(connectorOrDialect: string): SQLFormatter;
export declare function formatSQL(
  sql: SQL | SQL[],
  formatter: SQLFormatter | string,
  serializer?: JSONSerializer,
  options?: FormatSQLOptions,
): ParametrizedSQL;
export declare function describeSQL(
  sql: SQL | SQL[],
  formatter: SQLFormatter | string,
  serializer?: JSONSerializer,
  options?: FormatSQLOptions,
): string;

// ───────────────────────────── Locks ─────────────────────────────

export type DatabaseLockOptions = { lockId: number | bigint; timeoutMs?: number };
/**
 * 'Session' / 'Permanent': a session lock, held until released. Omitted (or
 * 'Transaction'): a transaction-scoped lock, released by COMMIT/ROLLBACK.
 */
export type AcquireDatabaseLockMode = 'Permanent' | 'Session' | 'Transaction';
export type AcquireDatabaseLockOptions = DatabaseLockOptions & { mode?: AcquireDatabaseLockMode };
export type ReleaseDatabaseLockOptions = DatabaseLockOptions;

export type DatabaseLock = {
  acquire(execute: SQLExecutor, options: AcquireDatabaseLockOptions): Promise<void>;
  tryAcquire(execute: SQLExecutor, options: AcquireDatabaseLockOptions): Promise<boolean>;
  release(execute: SQLExecutor, options: ReleaseDatabaseLockOptions): Promise<boolean>;
  withAcquire<Result = unknown>(
    execute: SQLExecutor,
    handle: () => Promise<Result>,
    options: AcquireDatabaseLockOptions,
  ): Promise<Result>;
};

/** `{ timeoutMs: 10000 }`. */
export declare const defaultDatabaseLockOptions: Readonly<Required<Omit<DatabaseLockOptions, 'lockId'>>>;
/** Acquires nothing; withAcquire runs the handle. The SQLite default. */
export declare const NoDatabaseLock: DatabaseLock;

// ───────────────────────────── Migrations ─────────────────────────────

export type MigrationStyle = 'None' | 'CreateOrUpdate';

export type SQLMigrationOptions = {
  /** When the stored hash differs: skip this migration and keep the stored hash. */
  ignoreHashMismatch?: boolean | undefined;
};

export type SQLMigration = { name: string; sqls: SQL[] } & SQLMigrationOptions;

export declare function sqlMigration(name: string, sqls: SQL[], options?: SQLMigrationOptions): SQLMigration;
export declare function haveSameSQL(a: SQLMigration, b: SQLMigration): boolean;
/** The statements of migrations, or of the migrations of components of either generation. */
export declare function combineMigrations(
  ...migrations: (Pick<SQLMigration, 'sqls'> | AnySchemaComponent | AnyKindSchemaComponent)[]
): SQL[];

export type MigrationTableOptions = {
  schemaName?: string | undefined;
  /** Default 'dmb_migrations'. */
  tableName?: string | undefined;
};

export type MigratorOptions = {
  migrationTable?: MigrationTableOptions | undefined;
  /** Upstream 0.13.0-beta.47: a component whose migrations create the ledger (migrationTableSchemaComponent). */
  schema?: { migrationTable?: SchemaComponent<string, any> | AnyKindSchemaComponent } | undefined;
  /** Runs on this executor, without a transaction (dryRun then cannot roll back). */
  execute?: SQLExecutor | undefined;
  lock?: {
    databaseLock?: DatabaseLock;
    /** lockId defaults to 999956789, timeoutMs to 10 000. */
    options?: Omit<DatabaseLockOptions, 'lockId'> & Partial<Pick<DatabaseLockOptions, 'lockId'>>;
  };
  /** Rolls everything back, still reporting what would be applied. */
  dryRun?: boolean | undefined;
  /** Skip changed migrations and store their new hash. */
  ignoreMigrationHashMismatch?: boolean | undefined;
  /** PostgreSQL: a statement timeout for each migration statement. */
  migrationTimeoutMs?: number | undefined;
  /** Options of the migration transaction (SQLite default: `{ mode: 'IMMEDIATE' }`). */
  transactionOptions?: (DatabaseTransactionOptions & { [option: string]: unknown }) | undefined;
};

export type RunSQLMigrationsResult = { applied: SQLMigration[]; skipped: SQLMigration[] };

export declare function runSQLMigrations(
  pool: Pick<ConnectionPool, 'driverType' | 'withTransaction'>,
  migrations:
    | ReadonlyArray<SQLMigration | AnySchemaComponent | AnyKindSchemaComponent>
    | AnySchemaComponent
    | AnyKindSchemaComponent,
  options?: Partial<MigratorOptions>,
): Promise<RunSQLMigrationsResult>;

/** Registers (replaces) the defaults of a database type ('PostgreSQL') or connector ('PostgreSQL:pg'). */
export declare function registerDefaultMigratorOptions(databaseType: string, options: MigratorOptions): void;
/**
 * Registered defaults, else the connector's plugin `defaultMigratorOptions`, else the
 * built-ins; throws NotRegisteredError('No default migrator options registered for database type: <t>').
 */
export declare function getDefaultMigratorOptionsFromRegistry(databaseType: string | ConnectorType): MigratorOptions;
export declare function migrationTableComponentFor(options?: {
  schemaName?: string | undefined;
  tableName?: string | undefined;
}): KindSchemaComponent & { fullName: SQLTableReference };
export declare function migrationName(
  type: string,
  kind: string | undefined,
  path: ReadonlyArray<string>,
  operation: string,
): string;
export declare function schemaSegments(databaseSchemaName: string | undefined): ReadonlyArray<string>;

// ───────────────────────────── Schema components ─────────────────────────────

export declare const schemaComponentType: unique symbol;
export type SchemaComponentKind = symbol;

// Two generations (docs/schema.md): keyed components (`SchemaComponent`, upstream
// 0.13.0-beta.47, what published Pongo uses) and symbol-kind components
// (`KindSchemaComponent`, the builders below). `schemaComponent` tells them apart by its
// first argument; children of either fit in both.

type SchemaComponentReservedKeys = 'schemaComponentKey' | 'components' | 'migrations' | 'addComponent' | 'addMigration';

/** A keyed component: its key, its children by key, its and their migrations (an array). */
export type SchemaComponent<
  ComponentKey extends string = string,
  AdditionalData extends Exclude<Record<string, unknown>, SchemaComponentReservedKeys> | undefined = undefined,
> = {
  schemaComponentKey: ComponentKey;
  components: ReadonlyMap<string, SchemaComponent>;
  migrations: ReadonlyArray<SQLMigration>;
  addComponent: <
    SchemaComponentType extends SchemaComponent<string, Record<string, any>> = SchemaComponent<string, Record<string, any>>,
  >(
    component: SchemaComponentType,
  ) => SchemaComponentType;
  addMigration: (migration: SQLMigration) => void;
} & Exclude<AdditionalData extends undefined ? {} : AdditionalData, SchemaComponentReservedKeys>;
export type AnySchemaComponent = SchemaComponent<string, Record<string, any>>;
export type SchemaComponentOptions<AdditionalOptions extends Record<string, unknown> = Record<string, unknown>> = {
  migrations?: ReadonlyArray<SQLMigration>;
  components?: ReadonlyArray<SchemaComponent>;
} & Omit<AdditionalOptions, 'migrations' | 'components'>;

/** A symbol-kind component: `migrations()` gives its own, then its children's, deduped by name. */
export type KindSchemaComponent<Kind extends SchemaComponentKind = SchemaComponentKind> = Readonly<{
  [schemaComponentType]: Kind;
  migrations: () => ReadonlyArray<SQLMigration>;
}>;
export type AnyKindSchemaComponent = KindSchemaComponent<SchemaComponentKind>;
export type SchemaComponentMap<Component extends AnyKindSchemaComponent = AnyKindSchemaComponent> = Readonly<
  Record<string, Component>
>;
export type KindSchemaComponentOptions = Readonly<{
  migrations?: (() => ReadonlyArray<SQLMigration>) | undefined;
  components?: ReadonlyArray<AnyKindSchemaComponent | AnySchemaComponent> | undefined;
}>;
export type MergeRecords<Current, Added> = Omit<Current, keyof Added> & Added;

export declare function schemaComponent<const ComponentKey extends string = string>(
  key: ComponentKey,
  options?: SchemaComponentOptions,
): SchemaComponent<ComponentKey>;
export declare function schemaComponent<const Kind extends SchemaComponentKind>(
  kind: Kind,
  options?: KindSchemaComponentOptions,
): KindSchemaComponent<Kind>;
export declare function schemaComponentMap<const ComponentMap extends SchemaComponentMap>(
  record: ComponentMap,
): ComponentMap;
export declare function mergeSchemaComponentMaps<ComponentMap extends SchemaComponentMap>(
  ...records: ReadonlyArray<SchemaComponentMap>
): ComponentMap;
/** First migration of each name; the same name with other SQL throws InvalidOperationError. */
export declare function dedupeMigrations(migrations: ReadonlyArray<SQLMigration>): ReadonlyArray<SQLMigration>;
export declare function isSchemaComponent(value: unknown): value is AnyKindSchemaComponent;

export declare const columnComponentType: unique symbol;
export declare const indexComponentType: unique symbol;
export declare const tableComponentType: unique symbol;
export declare const databaseSchemaComponentType: unique symbol;
export declare const databaseComponentType: unique symbol;
export declare const extensionComponentType: unique symbol;

// Columns

export type ColumnSchemaComponent<
  ColumnType extends AnyColumnTypeToken | string = AnyColumnTypeToken | string,
  ColumnName extends string = string,
> = KindSchemaComponent<typeof columnComponentType> &
  Readonly<{ schemaComponentKey: ColumnURN<ColumnName>; components: ReadonlyMap<string, SchemaComponent> }> &
  Readonly<{ columnName: ColumnName; name: ColumnName; sqlTokenType: 'SQL_COLUMN' }> &
  Readonly<Omit<SQLColumnTokenProps<ColumnType>, 'name'>>;
/** A column made with `migrations` as an array or with `components`: upstream 0.13.0-beta.47's shape. */
export type KeyedColumnSchemaComponent<
  ColumnType extends AnyColumnTypeToken | string = AnyColumnTypeToken | string,
  ColumnName extends string = string,
> = SchemaComponent<ColumnURN<ColumnName>, Readonly<{ columnName: ColumnName }>> &
  Readonly<{ [schemaComponentType]: typeof columnComponentType; name: ColumnName; sqlTokenType: 'SQL_COLUMN' }> &
  Readonly<Omit<SQLColumnTokenProps<ColumnType>, 'name'>> &
  Readonly<{ defaultValue?: unknown }>;
export type AnyColumnSchemaComponent =
  | ColumnSchemaComponent<AnyColumnTypeToken | string, string>
  | KeyedColumnSchemaComponent<AnyColumnTypeToken | string, string>;

export type ColumnSchemaComponentOptions<ColumnType extends AnyColumnTypeToken | string = AnyColumnTypeToken | string> =
  Omit<SQLColumnTokenProps<ColumnType>, 'name'> &
    Readonly<{ migrations?: (() => ReadonlyArray<SQLMigration>) | undefined }>;

export declare function columnSchemaComponent<
  const ColumnType extends AnyColumnTypeToken | string,
  const ColumnName extends string,
>(
  params: { columnName: ColumnName } & Omit<SQLColumnTokenProps<ColumnType>, 'name'> &
    ({ migrations: ReadonlyArray<SQLMigration>; components?: ReadonlyArray<SchemaComponent> } | { components: ReadonlyArray<SchemaComponent> }),
): KeyedColumnSchemaComponent<ColumnType, ColumnName>;
export declare function columnSchemaComponent<
  const ColumnType extends AnyColumnTypeToken | string,
  const ColumnName extends string,
>(
  params: { columnName: ColumnName } & ColumnSchemaComponentOptions<ColumnType> & ({ notNull: true } | { primaryKey: true }),
): ColumnSchemaComponent<ColumnType, ColumnName> & { notNull: true };
export declare function columnSchemaComponent<
  const ColumnType extends AnyColumnTypeToken | string,
  const ColumnName extends string,
>(
  params: { columnName: ColumnName } & ColumnSchemaComponentOptions<ColumnType>,
): ColumnSchemaComponent<ColumnType, ColumnName> & { notNull?: false };

// Indexes

export type IndexTarget =
  | Readonly<{ targetType: 'jsonPath'; columnName: string; path: string | readonly string[] }>
  | Readonly<{ targetType: 'jsonDocument'; columnName: string }>;
export declare function jsonPathIndexTarget(columnName: string, path: string | readonly string[]): IndexTarget;
export declare function jsonDocumentIndexTarget(columnName: string): IndexTarget;

export type IndexSQLContext = Readonly<{
  databaseSchemaName: string;
  tableName: string;
  indexName: string;
  tableReference: SQL;
  indexReference: SQL;
}>;

export type IndexComponent<
  IndexName extends string = string,
  ColumnNames extends readonly string[] = readonly string[],
> = KindSchemaComponent<typeof indexComponentType> &
  Readonly<{
    indexName: IndexName;
    indexTargetNames: ReadonlyArray<string>;
    columnNames: ColumnNames;
    isUnique: boolean;
    target?: IndexTarget | undefined;
    sql?: ((context: IndexSQLContext) => SQL) | undefined;
    tableReference: SQLTableReference | undefined;
    withTableReference: (tableReference: SQLTableReference) => IndexComponent<IndexName, ColumnNames>;
  }>;
export type AnyIndexComponent = IndexComponent<string, readonly string[]>;

export type IndexComponentOptions<IndexName extends string, ColumnNames extends readonly string[]> = Readonly<{
  indexName: IndexName;
  kind?: string | undefined;
  indexTargetNames?: ReadonlyArray<string> | undefined;
  columnNames: ColumnNames;
  isUnique: boolean;
  target?: IndexTarget | undefined;
  sql?: ((context: IndexSQLContext) => SQL) | undefined;
  tableReference?: SQLTableReference | undefined;
  migrations?: ((indexReference: SQLIndexReference) => ReadonlyArray<SQLMigration>) | undefined;
}>;

export declare function indexComponent<const IndexName extends string, const ColumnNames extends readonly string[]>(
  options: IndexComponentOptions<IndexName, ColumnNames>,
): IndexComponent<IndexName, ColumnNames>;
export declare function createIndexSQL(
  index: Readonly<{
    columnNames: ReadonlyArray<string>;
    isUnique: boolean;
    target?: IndexTarget | undefined;
    sql?: ((context: IndexSQLContext) => SQL) | undefined;
  }>,
  identifier: { databaseSchemaName: string; tableName: string; indexName: string },
): SQL;

// Relationships (checked by types only)

export type RelationshipType = 'one-to-one' | 'one-to-many' | 'many-to-one' | 'many-to-many';
export type RelationshipDefinition<
  Columns extends string = string,
  Reference extends string = string,
  RelType extends RelationshipType = RelationshipType,
> = { readonly columns: readonly Columns[]; readonly references: readonly Reference[]; readonly type: RelType };
export type TableRelationships<Columns extends string = string> = Record<
  string,
  RelationshipDefinition<Columns, string, RelationshipType>
>;
export declare function relationship<
  const Columns extends readonly string[],
  const References extends readonly string[],
  const RelType extends RelationshipType = RelationshipType,
>(
  columns: Columns,
  references: References,
  type: RelType,
): { readonly columns: Columns; readonly references: References; readonly type: RelType };

// Tables

export type TableColumns = Readonly<Record<string, AnyColumnSchemaComponent>>;
export type TableIndexes = Readonly<Record<string, AnyIndexComponent>>;

export type TableComponent<
  Columns extends TableColumns = TableColumns,
  TableName extends string = string,
  Indexes extends TableIndexes = TableIndexes,
  Relationships extends TableRelationships<keyof Columns & string> = TableRelationships<keyof Columns & string>,
> = KindSchemaComponent<typeof tableComponentType> &
  Readonly<{
    tableName: TableName;
    fullName: SQLTableReference;
    kind: string | undefined;
    columns: Columns;
    primaryKey: ReadonlyArray<Extract<keyof Columns, string>>;
    relationships: Relationships;
    indexes: Indexes;
    withDatabaseSchemaName: (databaseSchemaName: string) => TableComponent<Columns, TableName, Indexes, Relationships>;
    withTableName: <const NewTableName extends string>(
      tableName: NewTableName,
    ) => TableComponent<Columns, NewTableName, Indexes, Relationships>;
    /** Emits only `ALTER TABLE … RENAME TO …` (and the indexes on the new name). */
    rename: <const NewTableName extends string>(
      tableName: NewTableName,
    ) => TableComponent<Columns, NewTableName, Indexes, Relationships>;
  }>;
export type AnyTableComponent = TableComponent<TableColumns, string, TableIndexes, TableRelationships<string>>;

export type TableComponentOptions<
  Columns extends TableColumns,
  TableName extends string,
  Indexes extends TableIndexes,
  Relationships extends TableRelationships<keyof Columns & string>,
> = Readonly<{
  tableName: TableName;
  databaseSchemaName?: string | undefined;
  kind?: string | undefined;
  columns?: Columns | undefined;
  primaryKey?: ReadonlyArray<Extract<keyof Columns, string>> | undefined;
  relationships?: Relationships | undefined;
  indexes?: Indexes | undefined;
  migrations?: ((fullName: SQLTableReference) => ReadonlyArray<SQLMigration>) | undefined;
  renamedFrom?: SQLTableReference | undefined;
}>;

export declare function tableComponent<
  const Columns extends TableColumns = TableColumns,
  const TableName extends string = string,
  const Indexes extends TableIndexes = TableIndexes,
  const Relationships extends TableRelationships<keyof Columns & string> = TableRelationships<keyof Columns & string>,
>(
  options: TableComponentOptions<Columns, TableName, Indexes, Relationships>,
): TableComponent<Columns, TableName, Indexes, Relationships>;
export declare function isTableComponent(component: AnyKindSchemaComponent): component is AnyTableComponent;
export declare function createTableSQL(
  table: Readonly<{ fullName: SQLTableReference; columns: Readonly<Record<string, AnyColumnSchemaComponent>> }>,
): SQL;

/** The JS type of a column's values (`null` added unless notNull or primaryKey). */
export type InferColumnType<ColumnType> = ColumnType extends AnyColumnTypeToken
  ? NonNullable<ColumnType['__brand']>
  : unknown;
export type TableColumnType<T extends AnyColumnSchemaComponent> = T extends { type: infer ColumnType }
  ? T extends { notNull: true } | { primaryKey: true }
    ? InferColumnType<ColumnType>
    : InferColumnType<ColumnType> | null
  : unknown;
export type InferTableRow<Columns extends TableColumns> = {
  -readonly [K in keyof Columns]: TableColumnType<Columns[K]>;
};
export type TableRowType<T extends AnyTableComponent> = T extends TableComponent<infer Columns>
  ? InferTableRow<Columns>
  : never;

// Extensions

export type ExtensionTables = Readonly<Record<string, AnyTableComponent>>;
export type ExtensionSchemas = Readonly<Record<string, AnyDatabaseSchemaComponent>>;

export interface AnyExtensionComponent extends KindSchemaComponent<typeof extensionComponentType> {
  readonly extensionName: string;
  readonly tables: ExtensionTables;
  readonly schemas: ExtensionSchemas;
  readonly withDatabaseSchemaName: (databaseSchemaName: string) => AnyExtensionComponent;
}

export type ExtensionComponent<
  Name extends string = string,
  Tables extends ExtensionTables = ExtensionTables,
  Schemas extends ExtensionSchemas = ExtensionSchemas,
> = KindSchemaComponent<typeof extensionComponentType> &
  Readonly<{
    extensionName: Name;
    tables: Tables;
    schemas: Schemas;
    withDatabaseSchemaName: (databaseSchemaName: string) => ExtensionComponent<Name, Tables, Schemas>;
  }>;

type ExtensionMigrations = (() => ReadonlyArray<SQLMigration>) | undefined;
export type ExtensionComponentOptions<Tables extends ExtensionTables, Schemas extends ExtensionSchemas> =
  | Readonly<{ tables: Tables; schemas?: never; migrations?: ExtensionMigrations }>
  | Readonly<{ schemas: Schemas; tables?: never; migrations?: ExtensionMigrations }>
  | Readonly<{ tables?: never; schemas?: never; migrations?: ExtensionMigrations }>;

export declare function extensionComponent<
  const Name extends string,
  const Tables extends ExtensionTables = Readonly<Record<never, never>>,
  const Schemas extends ExtensionSchemas = Readonly<Record<never, never>>,
>(extensionName: Name, options?: ExtensionComponentOptions<Tables, Schemas>): ExtensionComponent<Name, Tables, Schemas>;

// Database schemas

export type DatabaseSchemaTables<Tables extends AnyTableComponent = AnyTableComponent> = Readonly<Record<string, Tables>>;
export type SchemaExtensions = Readonly<Record<string, AnyExtensionComponent>>;

export type DatabaseSchemaComponent<
  Tables extends DatabaseSchemaTables = DatabaseSchemaTables,
  SchemaName extends string = string,
  Extensions extends SchemaExtensions = Readonly<Record<never, never>>,
> = KindSchemaComponent<typeof databaseSchemaComponentType> &
  Readonly<{
    schemaName: SchemaName;
    tables: Tables & DatabaseSchemaTables;
    extensions: Extensions;
    findTable: (tableName: string) => AnyTableComponent | undefined;
    withTable: <const Added extends DatabaseSchemaTables>(
      tables: Added,
    ) => DatabaseSchemaComponent<MergeRecords<Tables, Added>, SchemaName, Extensions>;
  }>;
export type AnyDatabaseSchemaComponent = DatabaseSchemaComponent<DatabaseSchemaTables, string, SchemaExtensions>;

export type DatabaseSchemaComponentOptions<
  Tables extends DatabaseSchemaTables,
  SchemaName extends string,
  Extensions extends SchemaExtensions,
> = Readonly<{
  schemaName: SchemaName;
  kind?: string | undefined;
  tables?: Tables | undefined;
  extensions?: Extensions | undefined;
  migrations?: ((databaseSchemaName: string) => ReadonlyArray<SQLMigration>) | undefined;
}>;

/** Upstream 0.13.0-beta.47's database component: `{ databaseName, schemas? }` (see KeyedDatabaseComponent). */
export declare function databaseSchemaComponent<Schemas extends KeyedDatabaseSchemas = KeyedDatabaseSchemas>(
  options: { databaseName: string; schemas?: Schemas } & SchemaComponentOptions,
): KeyedDatabaseComponent<Schemas>;
export declare function databaseSchemaComponent<
  const Tables extends DatabaseSchemaTables = DatabaseSchemaTables,
  const SchemaName extends string = string,
  const Extensions extends SchemaExtensions = Readonly<Record<never, never>>,
>(
  options: DatabaseSchemaComponentOptions<Tables, SchemaName, Extensions>,
): DatabaseSchemaComponent<Tables, SchemaName, Extensions>;

// Databases

export type DatabaseTables = Readonly<Record<string, AnyTableComponent>>;
export type DatabaseSchemas<Schemas extends AnyDatabaseSchemaComponent = AnyDatabaseSchemaComponent> = Readonly<
  Record<string, Schemas>
>;
export type DatabaseExtensions = Readonly<Record<string, AnyExtensionComponent>>;

export type DatabaseComponent<
  DatabaseName extends string | undefined = string | undefined,
  Tables extends DatabaseTables = DatabaseTables,
  Schemas extends DatabaseSchemas = DatabaseSchemas,
  Extensions extends DatabaseExtensions = DatabaseExtensions,
> = KindSchemaComponent<typeof databaseComponentType> &
  Readonly<{
    databaseName: DatabaseName;
    defaultSchema: DatabaseSchemaComponent<Tables, string>;
    tables: Tables & DatabaseTables;
    schemas: Readonly<Record<DefaultDatabaseSchemaName, DatabaseSchemaComponent<Tables, string>>> &
      Schemas &
      DatabaseSchemas;
    extensions: Extensions;
    findTable: (options: { tableName: string; databaseSchemaName?: string | undefined }) => AnyTableComponent | undefined;
    findSchema: (databaseSchemaName?: string) => AnyDatabaseSchemaComponent | undefined;
    withDefaultSchemaName: (
      defaultSchemaName: string | undefined,
    ) => DatabaseComponent<DatabaseName, Tables, Schemas, Extensions>;
    withSchema: <const Added extends DatabaseSchemas>(
      schemas: Added,
    ) => DatabaseComponent<DatabaseName, Tables, MergeRecords<Schemas, Added>, Extensions>;
    withTable: {
      <const Added extends DatabaseTables>(
        tables: Added,
      ): DatabaseComponent<DatabaseName, MergeRecords<Tables, Added>, Schemas, Extensions>;
      <const Added extends DatabaseTables>(
        tables: Added,
        schemaName: string,
      ): DatabaseComponent<DatabaseName, Tables, DatabaseSchemas, Extensions>;
    };
  }>;
export type AnyDatabaseComponent = DatabaseComponent<string | undefined, DatabaseTables, DatabaseSchemas, DatabaseExtensions>;

type DatabaseComponentSharedOptions<DatabaseName extends string | undefined, Extensions extends DatabaseExtensions> =
  Readonly<{
    databaseName?: DatabaseName | undefined;
    defaultSchemaName?: string | undefined;
    extensions?: Extensions | undefined;
    migrations?: (() => ReadonlyArray<SQLMigration>) | undefined;
  }>;

export type DatabaseComponentOptions<
  DatabaseName extends string | undefined = string | undefined,
  Tables extends DatabaseTables = DatabaseTables,
  Schemas extends DatabaseSchemas = DatabaseSchemas,
  Extensions extends DatabaseExtensions = DatabaseExtensions,
> = DatabaseComponentSharedOptions<DatabaseName, Extensions> &
  (Readonly<{ tables?: Tables | undefined; schemas?: never }> | Readonly<{ schemas?: Schemas | undefined; tables?: never }>);

export declare function databaseComponent<
  const DatabaseName extends string | undefined = undefined,
  const Tables extends DatabaseTables = DatabaseTables,
  const Schemas extends DatabaseSchemas = DatabaseSchemas,
  const Extensions extends DatabaseExtensions = Readonly<Record<never, never>>,
>(
  options: DatabaseComponentOptions<DatabaseName, Tables, Schemas, Extensions>,
): DatabaseComponent<DatabaseName, Tables, Schemas, Extensions>;

// dumboSchema

type EmptyComponentMap = Readonly<Record<never, never>>;
type WithoutDatabaseName<Options> = Options extends unknown ? Omit<Options, 'databaseName'> : never;

export declare const dumboSchema: {
  database: {
    <
      const Tables extends DatabaseTables = EmptyComponentMap,
      const Schemas extends DatabaseSchemas = EmptyComponentMap,
      const Extensions extends DatabaseExtensions = EmptyComponentMap,
    >(
      options: WithoutDatabaseName<DatabaseComponentOptions<undefined, Tables, Schemas, Extensions>>,
    ): DatabaseComponent<undefined, Tables, Schemas, Extensions>;
    <
      const Name extends string,
      const Tables extends DatabaseTables = EmptyComponentMap,
      const Schemas extends DatabaseSchemas = EmptyComponentMap,
      const Extensions extends DatabaseExtensions = EmptyComponentMap,
    >(
      databaseName: Name,
      options: WithoutDatabaseName<DatabaseComponentOptions<Name, Tables, Schemas, Extensions>>,
    ): DatabaseComponent<Name, Tables, Schemas, Extensions>;
    from(databaseName: string | undefined, schemaNames: string[]): DatabaseComponent;
  };
  schema<
    const Tables extends DatabaseSchemaTables,
    const Name extends string,
    const Extensions extends SchemaExtensions = EmptyComponentMap,
  >(
    name: Name,
    tables: Tables,
    extensions?: Extensions,
  ): DatabaseSchemaComponent<Tables, Name, Extensions>;
  table<
    const Columns extends TableColumns = TableColumns,
    const TableName extends string = string,
    const Indexes extends TableIndexes = TableIndexes,
    const Relationships extends TableRelationships<keyof Columns & string> = TableRelationships<keyof Columns & string>,
  >(
    name: TableName,
    definition?: Readonly<{
      kind?: string;
      columns?: Columns;
      primaryKey?: ReadonlyArray<Extract<keyof Columns, string>>;
      relationships?: Relationships;
      indexes?: Indexes;
      migrations?: () => ReadonlyArray<SQLMigration>;
    }>,
  ): TableComponent<Columns, TableName, Indexes, Relationships>;
  column: {
    <const ColumnType extends AnyColumnTypeToken | string, const ColumnName extends string>(
      name: ColumnName,
      type: ColumnType,
      options: Omit<ColumnSchemaComponentOptions<ColumnType>, 'type'> & ({ notNull: true } | { primaryKey: true }),
    ): ColumnSchemaComponent<ColumnType, ColumnName> & { notNull: true };
    <const ColumnType extends AnyColumnTypeToken | string, const ColumnName extends string>(
      name: ColumnName,
      type: ColumnType,
      options?: Omit<ColumnSchemaComponentOptions<ColumnType>, 'type'>,
    ): ColumnSchemaComponent<ColumnType, ColumnName> & { notNull?: false };
  };
  index<const Name extends string, const ColumnNames extends readonly string[]>(
    name: Name,
    columnNames: ColumnNames,
    options?: Omit<IndexComponentOptions<Name, ColumnNames>, 'indexName' | 'columnNames' | 'isUnique'> & {
      unique?: boolean;
    },
  ): IndexComponent<Name, ColumnNames>;
  extension: typeof extensionComponent;
};

// ───────────────────────────── Database metadata ─────────────────────────────

export interface DatabaseCapabilities<
  SupportsMultipleDatabases extends boolean = boolean,
  SupportsSchemas extends boolean = boolean,
  SupportsFunctions extends boolean = boolean,
> {
  readonly supportsMultipleDatabases: SupportsMultipleDatabases;
  readonly supportsSchemas: SupportsSchemas;
  readonly supportsFunctions: SupportsFunctions;
}

export type DatabaseMetadata<
  SupportsMultipleDatabases extends boolean = boolean,
  SupportsSchemas extends boolean = boolean,
  SupportsFunctions extends boolean = boolean,
> = {
  readonly databaseType: string;
  readonly defaultDatabaseName: string;
  readonly capabilities: DatabaseCapabilities<SupportsMultipleDatabases, SupportsSchemas, SupportsFunctions>;
  readonly tableExists: (execute: SQLExecutor, tableName: string) => Promise<boolean>;
  readonly parseDatabaseName?: (connectionString?: string) => string | undefined;
  readonly functionExists?: (execute: SQLExecutor, functionName: string) => Promise<boolean>;
};

export interface DumboDatabaseMetadataRegistry {
  register(databaseType: string, info: DatabaseMetadata | (() => Promise<DatabaseMetadata>)): void;
  tryResolve(databaseType: string): Promise<DatabaseMetadata | null>;
  tryGet(databaseType: string): DatabaseMetadata | null;
  has(databaseType: string): boolean;
  readonly databaseTypes: string[];
}
export declare function DumboDatabaseMetadataRegistry(): DumboDatabaseMetadataRegistry;
export declare const dumboDatabaseMetadataRegistry: DumboDatabaseMetadataRegistry;
/** By driver type ('PostgreSQL:pg') or database type ('PostgreSQL'); null when unknown. */
export declare function getDatabaseMetadata(driverType: string): DatabaseMetadata | null;
export declare function resolveDatabaseMetadata(
  driverType: string,
  driverOverride?: DatabaseMetadata,
): Promise<DatabaseMetadata | null>;
/** 'postgres' for PostgreSQL, 'main' for SQLite. */
export declare function getDefaultDatabase(driverType: string): string | undefined;
export declare function getDefaultDatabaseAsync(driverType: string): Promise<string | undefined>;

// Only the names marked `export` are public.
export {};
