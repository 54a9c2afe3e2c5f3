// What napi-rs cannot generate into binding.d.cts: the plain Node-API entries that
// crates/dumbo-napi/src/sqlite_calls.rs defines on the module's exports.

/** A SQLite value as it crosses: what `values.rs` reads. */
type SqliteArgument = unknown;

/**
 * Runs remembered statement `id` (`SqliteDatabase.statement`) of the database with
 * `handle`; answers the row cells: `[columns | undefined, ...cells]` (the column names
 * only when they changed for that statement).
 */
export declare function sqliteQuery(handle: number, id: number, ...values: SqliteArgument[]): Array<unknown>;
/** Same, for a statement that changes rows: the number of changed rows, or the cells when it returns rows. */
export declare function sqliteCommand(handle: number, id: number, ...values: SqliteArgument[]): number | Array<unknown>;
/** Stages values ahead of a statement with more of them than one call carries. */
export declare function sqliteStage(handle: number, ...values: SqliteArgument[]): void;
