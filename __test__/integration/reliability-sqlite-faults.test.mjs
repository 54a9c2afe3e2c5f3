// Reliability, SQLite faults on real files: two processes writing one database
// (busy_timeout honoured, then LockNotAvailableError), a directory, a file that is
// not a database, a damaged database, a read-only file. Each gives the error class
// users can act on, and neither the process nor the pool crashes.
// See docs/reliability.md (a file that is not a database on read: errors.test.mjs).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dumbo } from '@event-driven-io/dumbo/sqlite3';
import {
  SQL,
  ConnectionError,
  InvalidOperationError,
  LockNotAvailableError,
  SystemError,
  TransientDatabaseError,
} from '@event-driven-io/dumbo';

const packageRoot = fileURLToPath(new URL('../../', import.meta.url));
let dir;
before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dumbo-sqlite-faults-'));
  fs.chmodSync(dir, 0o755); // the read-only test reads it as another user
});
after(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});
let counter = 0;
const dbFile = (name) => path.join(dir, `${++counter}-${name}.db`);

async function errorOf(promise) {
  return promise.then(
    () => assert.fail('expected a rejection'),
    (e) => e,
  );
}

/**
 * Another process that opens `file`, starts an IMMEDIATE transaction (it takes the
 * write lock), inserts a row, says "locked", holds the lock `holdMs`, commits,
 * says "released" and exits.
 */
function lockHolder(file, holdMs) {
  const source = `
    import { dumbo } from '@event-driven-io/dumbo/sqlite3';
    import { SQL } from '@event-driven-io/dumbo';
    const pool = dumbo({ fileName: process.env.FILE });
    const tx = pool.transaction({ mode: 'IMMEDIATE' });
    await tx.begin();
    await tx.execute.command(SQL\`INSERT INTO t (who) VALUES ('holder')\`);
    console.log('locked');
    await new Promise((resolve) => setTimeout(resolve, Number(process.env.HOLD_MS)));
    await tx.commit();
    await pool.close();
    console.log('released');`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', source], {
    cwd: packageRoot,
    env: { ...process.env, FILE: file, HOLD_MS: String(holdMs) },
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 30_000,
    killSignal: 'SIGKILL',
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const lines = readline.createInterface({ input: child.stdout });
  const said = (word) =>
    new Promise((resolve, reject) => {
      lines.on('line', (line) => line === word && resolve());
      child.once('exit', (code) => reject(new Error(`lock holder exited (${code}) before '${word}': ${stderr}`)));
    });
  const locked = said('locked');
  const released = said('released');
  released.catch(() => {});
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return { child, locked, released, exited };
}

describe('two processes writing one database file', () => {
  it('busy_timeout is honoured, then the write fails with LockNotAvailableError (SQLITE_BUSY); reads go on and the pool recovers', { timeout: 60_000 }, async () => {
    const file = dbFile('busy');
    const setup = dumbo({ fileName: file });
    await setup.execute.command(SQL`CREATE TABLE t (id INTEGER PRIMARY KEY, who TEXT NOT NULL)`);
    await setup.close();

    const holder = lockHolder(file, 3_000);
    try {
      await holder.locked;
      const pool = dumbo({ fileName: file, pragmaOptions: { busy_timeout: 250 } });
      try {
        // WAL: readers are not blocked by the other process's write lock.
        assert.deepEqual((await pool.execute.query(SQL`SELECT count(*) AS n FROM t`)).rows, [{ n: 0 }]);
        const started = performance.now();
        const error = await errorOf(pool.execute.command(SQL`INSERT INTO t (who) VALUES ('writer')`));
        const waited = performance.now() - started;
        assert.ok(error instanceof LockNotAvailableError, `got ${error?.constructor?.name}: ${error?.message}`);
        assert.ok(error instanceof TransientDatabaseError);
        assert.equal(error.code, 'SQLITE_BUSY');
        // The busy handler retried for (about) busy_timeout before giving up.
        assert.ok(waited >= 200, `gave up after ${waited} ms, before busy_timeout (250 ms)`);
        const txError = await errorOf(pool.withTransaction((tx) => tx.execute.command(SQL`INSERT INTO t (who) VALUES ('tx')`)));
        assert.ok(txError instanceof LockNotAvailableError, `got ${txError?.constructor?.name}: ${txError?.message}`);
        await holder.released;
        await pool.execute.command(SQL`INSERT INTO t (who) VALUES ('after')`);
        assert.deepEqual((await pool.execute.query(SQL`SELECT who FROM t ORDER BY id`)).rows, [{ who: 'holder' }, { who: 'after' }]);
      } finally {
        await pool.close();
      }
    } finally {
      holder.child.kill('SIGKILL');
      await holder.exited;
    }
  });

  it('a lock released within busy_timeout: the waiting write succeeds', { timeout: 60_000 }, async () => {
    const file = dbFile('wait');
    const setup = dumbo({ fileName: file });
    await setup.execute.command(SQL`CREATE TABLE t (id INTEGER PRIMARY KEY, who TEXT NOT NULL)`);
    await setup.close();

    const holder = lockHolder(file, 500);
    try {
      await holder.locked;
      const pool = dumbo({ fileName: file, pragmaOptions: { busy_timeout: 20_000 } });
      try {
        // Runs synchronously (SQLite statements run on the JS thread): the busy
        // handler waits until the other process commits, then the insert goes in.
        await pool.execute.command(SQL`INSERT INTO t (who) VALUES ('writer')`);
        assert.deepEqual((await pool.execute.query(SQL`SELECT who FROM t ORDER BY id`)).rows, [{ who: 'holder' }, { who: 'writer' }]);
      } finally {
        await pool.close();
      }
    } finally {
      holder.child.kill('SIGKILL');
      await holder.exited;
    }
  });
});

describe('files that are not usable databases', () => {
  it('a directory: ConnectionError (SQLITE_CANTOPEN) naming it, for reads, writes and transactions', async () => {
    const target = fs.mkdtempSync(path.join(dir, 'a-directory-'));
    const pool = dumbo({ fileName: target });
    for (const call of [
      () => pool.execute.query(SQL`SELECT 1`),
      () => pool.execute.command(SQL`CREATE TABLE t (v INTEGER)`),
      () => pool.withTransaction((tx) => tx.execute.command(SQL`CREATE TABLE t (v INTEGER)`)),
    ]) {
      const error = await errorOf(call());
      assert.ok(error instanceof ConnectionError, `got ${error?.constructor?.name}: ${error?.message}`);
      assert.equal(error.code, 'SQLITE_CANTOPEN');
      assert.equal(error.message, `unable to open database file: ${target}`);
    }
    await pool.close();
    assert.deepEqual(fs.readdirSync(target), [], 'nothing was created inside the directory');
  });

  it('a file that is not a database: writes and transactions fail with ConnectionError (SQLITE_NOTADB) and leave the file untouched', async () => {
    const file = dbFile('text');
    const content = 'not a database, just text\n'.repeat(400);
    fs.writeFileSync(file, content);
    const pool = dumbo({ fileName: file });
    for (const call of [
      () => pool.execute.command(SQL`CREATE TABLE t (v INTEGER)`),
      () => pool.withTransaction((tx) => tx.execute.command(SQL`INSERT INTO t VALUES (1)`)),
    ]) {
      const error = await errorOf(call());
      assert.ok(error instanceof ConnectionError, `got ${error?.constructor?.name}: ${error?.message}`);
      assert.equal(error.code, 'SQLITE_NOTADB');
    }
    await pool.close();
    assert.equal(fs.readFileSync(file, 'utf8'), content);
  });

  it('a damaged database (pages overwritten): SystemError (SQLITE_CORRUPT), no crash, the pool closes', async () => {
    const file = dbFile('damaged');
    const pool = dumbo({ fileName: file, pragmaOptions: { journal_mode: 'DELETE' } });
    await pool.execute.command(SQL`CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)`);
    await pool.withTransaction(async (tx) => {
      for (let i = 0; i < 2000; i++) await tx.execute.command(SQL`INSERT INTO t (v) VALUES (${`value ${i} `.repeat(10)})`);
    });
    await pool.close();
    const bytes = fs.readFileSync(file);
    for (let i = 2 * 4096; i < bytes.length - 4096; i++) bytes[i] = (i * 7919) & 0xff;
    fs.writeFileSync(file, bytes);

    const damaged = dumbo({ fileName: file });
    for (const call of [
      () => damaged.execute.query(SQL`SELECT count(*) AS n FROM t`),
      () => damaged.execute.query(SQL`SELECT sum(length(v)) AS n FROM t`),
    ]) {
      const error = await errorOf(call());
      assert.ok(error instanceof SystemError, `got ${error?.constructor?.name}: ${error?.message}`);
      assert.equal(error.code, 'SQLITE_CORRUPT');
    }
    await damaged.close();
  });

  it('a read-only file: opening it read-write says it is read-only; readonly: true reads it and refuses writes (InvalidOperationError, SQLITE_READONLY)', () => {
    const file = dbFile('readonly');
    // DELETE journal: a read-only reader of a WAL file would need to create its -shm.
    const setup = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import { dumbo } from '@event-driven-io/dumbo/sqlite3';
         import { SQL } from '@event-driven-io/dumbo';
         const pool = dumbo({ fileName: process.env.FILE, pragmaOptions: { journal_mode: 'DELETE' } });
         await pool.execute.command(SQL\`CREATE TABLE t (v INTEGER)\`);
         await pool.execute.command(SQL\`INSERT INTO t VALUES (1)\`);
         await pool.close();`,
      ],
      { cwd: packageRoot, env: { ...process.env, FILE: file }, encoding: 'utf8', timeout: 20_000 },
    );
    assert.equal(setup.status, 0, setup.stderr);
    fs.chmodSync(file, 0o444);
    const before = fs.readFileSync(file);

    // As root, permissions do not stop writes: the check runs as `nobody` then.
    const asOtherUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    const result = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import { dumbo } from '@event-driven-io/dumbo/sqlite3';
         import { SQL } from '@event-driven-io/dumbo';
         const outcome = async (run) => {
           try { return { rows: (await run()).rows }; }
           catch (e) { return { error: e.constructor.name, code: e.code, message: e.message }; }
         };
         const readWrite = dumbo({ fileName: process.env.FILE });
         const readOnly = dumbo({ fileName: process.env.FILE, readonly: true });
         const out = {
           readWriteRead: await outcome(() => readWrite.execute.query(SQL\`SELECT v FROM t\`)),
           readOnlyRead: await outcome(() => readOnly.execute.query(SQL\`SELECT v FROM t\`)),
           readOnlyWrite: await outcome(() => readOnly.execute.command(SQL\`INSERT INTO t VALUES (2)\`)),
           readOnlyTx: await outcome(() => readOnly.withTransaction((tx) => tx.execute.command(SQL\`INSERT INTO t VALUES (3)\`))),
         };
         await readWrite.close();
         await readOnly.close();
         console.log(JSON.stringify(out));`,
      ],
      { cwd: packageRoot, env: { ...process.env, FILE: file }, encoding: 'utf8', timeout: 20_000, ...asOtherUser },
    );
    assert.equal(result.status, 0, `exit ${result.status ?? result.signal}: ${result.stderr}`);
    const out = JSON.parse(result.stdout);
    assert.deepEqual(out.readWriteRead, {
      error: 'InvalidOperationError',
      code: 'SQLITE_READONLY',
      message:
        'attempt to write a readonly database (while setting journal_mode=WAL on opening: the database file is read-only; open it with readonly: true)',
    });
    assert.deepEqual(out.readOnlyRead, { rows: [{ v: 1 }] });
    for (const key of ['readOnlyWrite', 'readOnlyTx']) {
      assert.equal(out[key].error, 'InvalidOperationError', `${key}: ${JSON.stringify(out[key])}`);
      assert.equal(out[key].code, 'SQLITE_READONLY');
    }
    assert.deepEqual(fs.readFileSync(file), before, 'the read-only file is unchanged');
  });
});
