// Keyed schema components (upstream 0.13.0-beta.47, what published Pongo uses): a string
// key, a Map of children and `migrations` as an array. docs/schema.md compares them with
// the symbol-kind generation of types/schema.d.ts.
import type { SchemaComponent, AnySchemaComponent, SchemaComponentOptions } from './schema';
import type {
  AnyColumnSchemaComponent,
  ColumnSchemaComponent,
  TableColumns,
  TableRelationships,
  MigratorOptions,
  AnyKindSchemaComponent,
} from './schema';
import type { ConnectionPool } from './pool';

export type ExtractAdditionalData<T> = T extends SchemaComponent<infer _ComponentType extends string, infer Data>
  ? Data
  : never;
export type AnySchemaComponentOfType<ComponentType extends string = string> = SchemaComponent<ComponentType, any>;
export type SchemaComponentType<Kind extends string = string> = `sc:${Kind}`;
export type DumboSchemaComponentType<Kind extends string = string> = SchemaComponentType<`dumbo:${Kind}`>;

export declare const isSchemaComponentOfType: <SchemaComponentOfType extends AnySchemaComponent = AnySchemaComponent>(
  component: AnySchemaComponent,
  prefix: string,
) => component is SchemaComponentOfType;
export declare const filterSchemaComponentsOfType: <T extends AnySchemaComponent>(
  components: ReadonlyMap<string, AnySchemaComponent>,
  prefix: string,
) => ReadonlyMap<string, T>;
export declare const mapSchemaComponentsOfType: <T extends AnySchemaComponent>(
  components: ReadonlyMap<string, AnySchemaComponent>,
  prefix: string,
  keyMapper?: (component: T) => string,
) => ReadonlyMap<string, T>;
export declare const findSchemaComponentsOfType: <T extends AnySchemaComponent>(
  root: AnySchemaComponent,
  prefix: string,
) => T[];

// URNs

export type ColumnURNType = 'sc:dumbo:column';
export type ColumnURN<ColumnName extends string = string> = `${ColumnURNType}:${ColumnName}`;
export declare const ColumnURNType: ColumnURNType;
export declare const ColumnURN: <ColumnName extends string = string>({
  name,
}: {
  name: ColumnName;
}) => ColumnURN<ColumnName>;
export type IndexURNType = 'sc:dumbo:index';
export type IndexURN = `${IndexURNType}:${string}`;
export declare const IndexURNType: IndexURNType;
export declare const IndexURN: ({ name }: { name: string }) => IndexURN;
export type TableURNType = 'sc:dumbo:table';
export type TableURN = `${TableURNType}:${string}`;
export declare const TableURNType: TableURNType;
export declare const TableURN: ({ name }: { name: string }) => TableURN;
export type DatabaseSchemaURNType = 'sc:dumbo:database_schema';
export type DatabaseSchemaURN<SchemaName extends string = string> = `${DatabaseSchemaURNType}:${SchemaName}`;
export declare const DatabaseSchemaURNType: DatabaseSchemaURNType;
export declare const DatabaseSchemaURN: <SchemaName extends string = string>({
  name,
}: {
  name: SchemaName;
}) => DatabaseSchemaURN<SchemaName>;
export type DatabaseURNType = 'sc:dumbo:database';
export type DatabaseURN = `${DatabaseURNType}:${string}`;
export declare const DatabaseURNType: DatabaseURNType;
export declare const DatabaseURN: ({ name }: { name: string }) => DatabaseURN;

export declare const schemaComponentURN: {
  readonly database: typeof DatabaseURN;
  readonly schema: typeof DatabaseSchemaURN;
  readonly table: typeof TableURN;
  readonly column: typeof ColumnURN;
  readonly index: typeof IndexURN;
  readonly extractName: (urn: string) => string;
};

// Components

export type IndexSchemaComponent = SchemaComponent<
  IndexURN,
  Readonly<{
    indexName: string;
    columnNames: ReadonlyArray<string>;
    isUnique: boolean;
    addColumn: (column: string | ColumnSchemaComponent) => void;
  }>
>;
export declare const indexSchemaComponent: (
  options: {
    indexName: string;
    columnNames: string[];
    isUnique: boolean;
  } & SchemaComponentOptions,
) => IndexSchemaComponent;

/** Column names of a keyed table (the keys of its `columns` record). */
export type TableColumnNames<T extends AnyTableSchemaComponent> = Exclude<
  keyof T['columns'],
  keyof ReadonlyMap<string, AnyColumnSchemaComponent>
>;

export type TableSchemaComponent<
  Columns extends TableColumns = TableColumns,
  TableName extends string = string,
  Relationships extends TableRelationships<keyof Columns & string> = {} & TableRelationships<keyof Columns & string>,
> = SchemaComponent<
  TableURN,
  Readonly<{
    tableName: TableName;
    columns: ReadonlyMap<string, AnyColumnSchemaComponent> & Columns;
    primaryKey: (keyof Columns & string)[];
    relationships: Relationships;
    indexes: ReadonlyMap<string, IndexSchemaComponent>;
    addColumn: (column: AnyColumnSchemaComponent) => AnyColumnSchemaComponent;
    addIndex: (index: IndexSchemaComponent) => IndexSchemaComponent;
  }>
>;
export type AnyTableSchemaComponent = TableSchemaComponent<any, any, any>;
export type InferTableSchemaComponentTypes<T extends AnyTableSchemaComponent> =
  T extends TableSchemaComponent<infer Columns, infer TableName, infer Relationships>
    ? [Columns, TableName, Relationships]
    : never;
export type InferTableSchemaComponentColumns<T extends AnyTableSchemaComponent> = InferTableSchemaComponentTypes<T>[0];
export declare const tableSchemaComponent: <
  const Columns extends TableColumns = TableColumns,
  const TableName extends string = string,
  const Relationships extends TableRelationships<keyof Columns & string> = {},
>(
  options: {
    tableName: TableName;
    columns?: Columns;
    primaryKey?: (keyof Columns & string)[];
    relationships?: Relationships;
  } & SchemaComponentOptions,
) => TableSchemaComponent<Columns, TableName, Relationships> & { relationships: Relationships };

export type DatabaseSchemaSchemaTables<Tables extends AnyTableSchemaComponent = AnyTableSchemaComponent> = Record<
  string,
  Tables
>;
export type DatabaseSchemaSchemaComponent<
  Tables extends DatabaseSchemaSchemaTables = DatabaseSchemaSchemaTables,
  SchemaName extends string = string,
> = SchemaComponent<
  DatabaseSchemaURN<SchemaName>,
  Readonly<{
    schemaName: SchemaName;
    tables: ReadonlyMap<string, TableSchemaComponent> & Tables;
    addTable: (table: string | TableSchemaComponent) => TableSchemaComponent;
  }>
>;
export type AnyDatabaseSchemaSchemaComponent = DatabaseSchemaSchemaComponent<any, any>;
export declare const databaseSchemaSchemaComponent: <
  const Tables extends DatabaseSchemaSchemaTables = DatabaseSchemaSchemaTables,
  const SchemaName extends string = string,
>(
  options: {
    schemaName: SchemaName;
    tables?: Tables;
  } & SchemaComponentOptions,
) => DatabaseSchemaSchemaComponent<Tables, SchemaName>;

/** Upstream's `DatabaseSchemaComponent` (a database): `databaseSchemaComponent({ databaseName, schemas? })`. */
export type KeyedDatabaseSchemas<Schemas extends AnyDatabaseSchemaSchemaComponent = AnyDatabaseSchemaSchemaComponent> =
  Record<string, Schemas>;
export type KeyedDatabaseComponent<Schemas extends KeyedDatabaseSchemas = KeyedDatabaseSchemas> = SchemaComponent<
  DatabaseURN,
  Readonly<{
    databaseName: string;
    schemas: ReadonlyMap<string, DatabaseSchemaSchemaComponent> & Schemas;
    addSchema: (schema: string | DatabaseSchemaSchemaComponent) => DatabaseSchemaSchemaComponent;
  }>
>;

// Migrators

export declare const MIGRATIONS_LOCK_ID = 999956789;

export declare const migrationTableSchemaComponent: SchemaComponent<'dumbo:schema-component:migrations-table'>;

export type SchemaComponentMigrator = {
  component: SchemaComponent | AnyKindSchemaComponent;
  run: (options?: Partial<MigratorOptions>) => Promise<void>;
};
export declare const SchemaComponentMigrator: (
  component: SchemaComponent<string, any> | AnyKindSchemaComponent,
  dumbo: Pick<ConnectionPool, 'driverType' | 'withTransaction'>,
) => SchemaComponentMigrator;
