// Drivers (upstream core/drivers): driver types, the DumboDatabaseDriver shape,
// upstream's registry API and connection-string parsing. Every driver object is
// also a StoragePlugin (types/pool); the registries share their entries.
import type { SQLFormatter } from './core';
import type { ConnectionPool, ConnectorType, DatabaseType, StoragePlugin } from './pool';
import type { DatabaseMetadata, MigratorOptions } from './schema';

export type DatabaseDriverName = string;

/** `'<DatabaseType>:<driverName>'`, e.g. `'PostgreSQL:pg'`. */
export type DatabaseDriverType<
  DatabaseTypeName extends DatabaseType = DatabaseType,
  DriverName extends DatabaseDriverName = DatabaseDriverName,
> = `${DatabaseTypeName}:${DriverName}`;

export type InferDriverDatabaseType<T extends string> = T extends `${infer DatabaseType}:${string}`
  ? DatabaseType
  : never;

export type DatabaseDriverTypeParts<T extends DatabaseType = DatabaseType> = {
  databaseType: T;
  driverName: string;
};

export declare function toDatabaseDriverType<T extends DatabaseType>(
  databaseType: T,
  driverName: string,
): DatabaseDriverType<T>;
export declare function fromDatabaseDriverType<T extends DatabaseType>(
  databaseDriverType: DatabaseDriverType<T>,
): DatabaseDriverTypeParts<T>;
export declare function getDatabaseDriverName<T extends DatabaseType>(
  databaseDriverType: DatabaseDriverType<T>,
): DatabaseDriverName;
export declare function getDatabaseType<T extends DatabaseType>(databaseDriverType: DatabaseDriverType<T>): DatabaseType;

/** A connection string branded with its database type. */
export type DatabaseConnectionString<
  DatabaseTypeName extends DatabaseType = DatabaseType,
  Format extends string = string,
> = Format & { _databaseType: DatabaseTypeName };

/**
 * The built-in driver type a connection string names: `postgresql://` / `postgres://`
 * (pg), `file:` / `:memory:` / `/` / `./` (sqlite3), `d1:` (d1). Anything else throws
 * an InvalidOperationError.
 */
export declare const parseConnectionString: (
  connectionString: DatabaseConnectionString | string,
) => DatabaseDriverTypeParts;

/** What any connection type exposes to a driver's type parameters. */
export interface DriverConnectionLike {
  readonly driverType: string;
}

/** Upstream's driver interface; the built-in drivers and JS drivers implement it. */
export interface DumboDatabaseDriver<
  ConnectionType extends DriverConnectionLike = DriverConnectionLike,
  DriverOptions extends unknown = unknown,
  DumboType extends ConnectionPool<any> = ConnectionPool,
> {
  readonly driverType: ConnectionType['driverType'];
  readonly sqlFormatter: SQLFormatter;
  readonly defaultMigratorOptions: MigratorOptions;
  readonly databaseMetadata: DatabaseMetadata;
  createPool(options: DumboConnectionOptions<DumboDatabaseDriver<ConnectionType, DriverOptions, DumboType>>): DumboType;
  canHandle(options: DumboConnectionOptions<DumboDatabaseDriver<ConnectionType, DriverOptions, DumboType>>): boolean;
}

export type AnyDumboDatabaseDriver = DumboDatabaseDriver<DriverConnectionLike, any>;

export type ExtractDumboDatabaseDriverOptions<DatabaseDriver> =
  DatabaseDriver extends DumboDatabaseDriver<any, infer O, any> ? O : never;

export type ExtractDumboTypeFromDriver<DatabaseDriver> =
  DatabaseDriver extends DumboDatabaseDriver<any, any, infer D> ? D : never;

/**
 * Options for `dumbo()` and a driver's `createPool` / `canHandle`: the driver's own
 * options plus how the driver is chosen (`driver`, `driverType`, or the plugin registry's `connector`).
 */
export type DumboConnectionOptions<DatabaseDriver extends AnyDumboDatabaseDriver = AnyDumboDatabaseDriver> =
  ExtractDumboDatabaseDriverOptions<DatabaseDriver> extends infer Options
    ? Options extends unknown
      ? {
          driver?: DatabaseDriver;
          driverType?: DatabaseDriver['driverType'];
          connector?: ConnectorType;
          connectionString?: string;
        } & Omit<Options, 'driver' | 'driverType' | 'connectionString'>
      : never
    : never;

/** A driver in both shapes: what the built-in `pgDumboDriver` / `sqlite3DumboDriver` are. */
export interface DumboDriverPlugin<
  DriverType extends DatabaseDriverType,
  ConnectionType extends DriverConnectionLike = DriverConnectionLike,
  DriverOptions = unknown,
  DumboType extends ConnectionPool<any> = ConnectionPool,
> extends DumboDatabaseDriver<ConnectionType, DriverOptions, DumboType>,
    Omit<StoragePlugin<DriverType>, 'createPool' | 'canHandle' | 'sqlFormatter' | 'defaultMigratorOptions'> {
  readonly driverType: DriverType;
}

/** A `canHandle`: options with a `driverType` (or `connector`) match only that type; else the string decides. */
export declare const canHandleDriverWithConnectionString: <
  DatabaseDriver extends AnyDumboDatabaseDriver = AnyDumboDatabaseDriver,
  ConnectionOptions extends DumboConnectionOptions<DatabaseDriver> = DumboConnectionOptions<DatabaseDriver>,
>(
  driver: DatabaseDriver['driverType'],
  tryParseConnectionString: (connectionString: string) => string | null,
) => (options: ConnectionOptions) => boolean;

/** A driver in either shape: upstream's (driverType) or the plugin registry's (connector). */
export type RegistrableDriver = AnyDumboDatabaseDriver | StoragePlugin;

export interface DumboDatabaseDriverRegistryInstance {
  register: <Driver extends RegistrableDriver>(
    driverType: DatabaseDriverType,
    plugin: Driver | (() => Promise<Driver>),
  ) => void;
  tryResolve: <
    Driver extends AnyDumboDatabaseDriver = AnyDumboDatabaseDriver,
    ConnectionOptions extends DumboConnectionOptions<Driver> = DumboConnectionOptions<Driver>,
  >(
    options: ConnectionOptions,
  ) => Promise<Driver | null>;
  tryGet: <
    Driver extends AnyDumboDatabaseDriver = AnyDumboDatabaseDriver,
    ConnectionOptions extends DumboConnectionOptions<Driver> = DumboConnectionOptions<Driver>,
  >(
    options: ConnectionOptions,
  ) => Driver | null;
  has: (driverType: DatabaseDriverType) => boolean;
  readonly databaseDriverTypes: DatabaseDriverType[];
}

/** A new, empty registry. */
export declare const DumboDatabaseDriverRegistry: () => DumboDatabaseDriverRegistryInstance;

declare global {
  // eslint-disable-next-line no-var
  var dumboDatabaseDriverRegistry: DumboDatabaseDriverRegistryInstance;
}

/** The shared registry: the same entries as `pluginRegistry`. */
export declare const dumboDatabaseDriverRegistry: DumboDatabaseDriverRegistryInstance;
