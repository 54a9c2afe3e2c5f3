// A client process for pg-deploy-pgbouncer: runs `rounds` × `concurrency` queries
// (and some transactions) whose every result is checked, then prints one JSON line
// { ok, wrong, errors: [messages] }. argv: url offset prepare(true|false|default) rounds concurrency
import { dumbo, SQL } from '@event-driven-io/dumbo';

const [url, offsetText, prepareText, roundsText, concurrencyText] = process.argv.slice(2);
const offset = Number(offsetText);
const options = { connectionString: url, max: 10 };
if (prepareText !== 'default') options.prepare = prepareText === 'true';
const pool = dumbo(options);
// Same parameter count, different SQL per process: a statement crossing processes
// would return the other process's numbers.
if (offset !== 0 && offset !== 1000) throw new Error('offset is 0 or 1000');
const query = (n) => (offset === 0 ? SQL`select ${n}::int as v` : SQL`select ${n}::int + 1000 as v`);
const summary = { ok: 0, wrong: 0, errors: [] };
const check = (rows, n) => {
  if (rows.length === 1 && rows[0].v === n + offset) summary.ok++;
  else summary.wrong++;
};
let n = 0;
for (let round = 0; round < Number(roundsText); round++) {
  const calls = [];
  for (let i = 0; i < Number(concurrencyText); i++) {
    const value = n++;
    const call =
      i % 5 === 0
        ? pool.withTransaction(async (tx) => {
            check((await tx.execute.query(query(value))).rows, value);
            check((await tx.execute.query(query(value + 1))).rows, value + 1);
          })
        : pool.execute.query(query(value)).then(({ rows }) => check(rows, value));
    calls.push(call.catch((error) => summary.errors.push(`${error?.name}: ${error?.message}`)));
  }
  await Promise.all(calls);
}
await pool.close();
console.log(JSON.stringify(summary));
