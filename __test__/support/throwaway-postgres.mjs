// A PostgreSQL of the test's own that it may stop and start (pg-server-child.mjs,
// in a child process), so that restart tests never touch the run's shared server
// (other test files use it in parallel) or the machine's cluster.
//
//   const server = await startThrowawayPostgres();   // { url, stop(mode), start(), close() }
//   await server.stop('fast' | 'immediate');  await server.start();  await server.close();
import { spawn } from 'node:child_process';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';

const CHILD = fileURLToPath(new URL('./pg-server-child.mjs', import.meta.url));
const COMMAND_TIMEOUT_MS = 120_000;

export async function startThrowawayPostgres() {
  const child = spawn(process.execPath, [CHILD], {
    cwd: fileURLToPath(new URL('../../', import.meta.url)),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const replies = [];
  const waiting = [];
  readline.createInterface({ input: child.stdout }).on('line', (line) => {
    const waiter = waiting.shift();
    if (waiter) waiter.resolve(line);
    else replies.push(line);
  });
  exited.then(({ code, signal }) => {
    for (const waiter of waiting.splice(0)) {
      waiter.reject(new Error(`throwaway PostgreSQL helper exited (${code ?? signal}): ${stderr.trim()}`));
    }
  });

  let busy = Promise.resolve();
  /** Sends one command and waits (bounded) for its one-line reply. */
  const send = (command) => {
    const run = busy.then(
      () =>
        new Promise((resolve, reject) => {
          const timer = setTimeout(() => {
            const i = waiting.findIndex((w) => w.resolve === settle);
            if (i >= 0) waiting.splice(i, 1);
            reject(new Error(`throwaway PostgreSQL: '${command}' got no reply within ${COMMAND_TIMEOUT_MS} ms`));
          }, COMMAND_TIMEOUT_MS);
          const settle = (line) => {
            clearTimeout(timer);
            if (line.startsWith('error ')) reject(new Error(`throwaway PostgreSQL: '${command}' failed: ${line.slice(6)}`));
            else resolve(line);
          };
          if (replies.length > 0) settle(replies.shift());
          else waiting.push({ resolve: settle, reject: (e) => (clearTimeout(timer), reject(e)) });
          child.stdin.write(`${command}\n`);
        }),
    );
    busy = run.catch(() => {});
    return run;
  };

  const ready = await send('start').catch(async (error) => {
    child.kill('SIGKILL');
    throw error;
  });
  if (!ready.startsWith('ready ')) throw new Error(`throwaway PostgreSQL: unexpected reply '${ready}'`);
  let closed = false;
  return {
    url: ready.slice(6),
    stop: (mode = 'fast') => send(`stop ${mode}`),
    start: () => send('start'),
    async close() {
      if (closed) return;
      closed = true;
      try {
        await send('quit');
      } catch {
        child.kill('SIGKILL');
      }
      child.stdin.end();
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 30_000).unref())]);
    },
  };
}
