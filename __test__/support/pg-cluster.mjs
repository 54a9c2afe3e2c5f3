// Throwaway PostgreSQL clusters for the deployment tests (pg-deploy-*): initdb +
// pg_ctl from the machine's PostgreSQL binaries, run as the `postgres` user in a
// temp directory with a private Unix socket directory, on a port the test names.
// PgBouncer (Debian's `pgbouncer`) the same way. Everything is removed by stop().
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const CANDIDATE_BIN_DIRS = ['/usr/lib/postgresql/17/bin', '/usr/lib/postgresql/16/bin', '/usr/lib/postgresql/15/bin'];

/** The directory with initdb/pg_ctl, or null (then the tests fail under CI, skip elsewhere). */
export function pgBinDir() {
  return CANDIDATE_BIN_DIRS.find((dir) => fs.existsSync(path.join(dir, 'initdb'))) ?? null;
}

export function hasPgBouncer() {
  return spawnSync('sh', ['-c', 'command -v pgbouncer'], { stdio: 'ignore' }).status === 0;
}

/** Why the deployment tests cannot run here, or null. */
export function missingTools({ pgbouncer = false } = {}) {
  if (process.platform !== 'linux') return 'throwaway clusters need Linux';
  if (process.getuid?.() !== 0 && !isUser('postgres')) return 'needs root or the postgres user';
  if (!pgBinDir()) return 'PostgreSQL server binaries (initdb, pg_ctl) are not installed';
  if (pgbouncer && !hasPgBouncer()) return 'pgbouncer is not installed';
  return null;
}

function isUser(name) {
  return os.userInfo().username === name;
}

/** Runs `file args` as the postgres user (directly when we are that user). */
function asPostgres(file, args, options = {}) {
  const [cmd, argv] = process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', file, ...args]] : [file, args];
  return execFileSync(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
}

export function makeTempDir(prefix) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.chmodSync(dir, 0o755);
  if (process.getuid?.() === 0) execFileSync('chown', ['postgres:postgres', dir]);
  return dir;
}

/** Writes a file the postgres user owns (mode 600 for keys). */
export function writeOwned(file, text, mode = 0o644) {
  fs.writeFileSync(file, text, { mode });
  if (process.getuid?.() === 0) execFileSync('chown', ['postgres:postgres', file]);
}

/**
 * Starts a cluster on 127.0.0.1:`port`. `conf`: extra postgresql.conf lines;
 * `hba`: pg_hba.conf lines (default: trust for local and 127.0.0.1);
 * `initFrom`: run this instead of initdb (e.g. pg_basebackup for a standby).
 */
export function startCluster({ port, conf = [], hba, dataFrom } = {}) {
  const bin = pgBinDir();
  const dir = makeTempDir(`dumbo-deploy-pg-${port}-`);
  const data = path.join(dir, 'data');
  if (dataFrom) {
    dataFrom(data, bin, asPostgres);
  } else {
    asPostgres(path.join(bin, 'initdb'), ['-D', data, '--auth=trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
  }
  const lines = [
    `port = ${port}`,
    "listen_addresses = '127.0.0.1'",
    `unix_socket_directories = '${dir}'`,
    'fsync = off',
    'max_connections = 40',
    ...conf,
  ];
  fs.appendFileSync(path.join(data, 'postgresql.conf'), `\n${lines.join('\n')}\n`);
  if (hba) fs.writeFileSync(path.join(data, 'pg_hba.conf'), `${hba.join('\n')}\n`);
  asPostgres(path.join(bin, 'pg_ctl'), ['-D', data, '-l', path.join(dir, 'log'), '-w', '-t', '60', 'start']);
  return {
    dir,
    data,
    port,
    socketDir: dir,
    psql(sql, database = 'postgres') {
      return asPostgres(path.join(bin, 'psql'), ['-h', dir, '-p', String(port), '-U', 'postgres', '-d', database, '-Atc', sql])
        .toString()
        .trim();
    },
    stop() {
      try {
        asPostgres(path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } catch {
        // already stopped
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** psql's path (for the client side of a test). */
export function psqlPath() {
  return path.join(pgBinDir(), 'psql');
}

/** Starts PgBouncer on 127.0.0.1:`port` in front of `serverPort` (database `db`). */
export function startPgBouncer({ port, serverPort, database, mode = 'transaction', poolSize = 4 }) {
  const dir = makeTempDir(`dumbo-deploy-pgb-${port}-`);
  const ini = path.join(dir, 'pgbouncer.ini');
  writeOwned(path.join(dir, 'users.txt'), '"postgres" ""\n');
  writeOwned(
    ini,
    [
      '[databases]',
      `${database} = host=127.0.0.1 port=${serverPort} dbname=${database}`,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${port}`,
      'auth_type = trust',
      `auth_file = ${path.join(dir, 'users.txt')}`,
      `pool_mode = ${mode}`,
      `default_pool_size = ${poolSize}`,
      'max_client_conn = 200',
      'unix_socket_dir =',
      `pidfile = ${path.join(dir, 'pgbouncer.pid')}`,
      `logfile = ${path.join(dir, 'pgbouncer.log')}`,
      '',
    ].join('\n'),
  );
  asPostgres('pgbouncer', ['-d', ini]);
  return {
    port,
    stop() {
      try {
        const pid = Number(fs.readFileSync(path.join(dir, 'pgbouncer.pid'), 'utf8'));
        if (pid > 0) process.kill(pid, 'SIGTERM');
      } catch {
        // not running
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Waits until `port` accepts TCP connections. */
export async function waitForPort(port, ms = 10_000) {
  const net = await import('node:net');
  const end = Date.now() + ms;
  for (;;) {
    const ok = await new Promise((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.destroy();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > end) throw new Error(`nothing listens on 127.0.0.1:${port}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
