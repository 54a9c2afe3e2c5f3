// Where the CPU time goes, from `perf record -e cpu-clock -g` of bench/profile/loop.mjs
// (with node --perf-basic-prof): each sample is put in the first category whose pattern
// matches a frame of the native part of its stack at the leaf (priority order), and reported as CPU µs per unit of work.
//   perf script -i perf.data | node bench/profile/perf-categories.mjs <units> [hotFramePattern]
// Only samples between the first and last sample whose stack contains the hot frame
// (default: loop.mjs, the measured loop) count, on every thread of the process.
import { createInterface } from 'node:readline';

const units = Number(process.argv[2] ?? 1);
const hot = new RegExp(process.argv[3] ?? 'loop\\.mjs');

// [category, regex on any frame] in priority order; `leaf:` tests the leaf frame only.
const RULES = [
  ['SQLite engine (step/prepare/reset, its locks and syscalls)', /sqlite3_step|sqlite3_prepare|sqlite3LockAndPrepare|sqlite3_reset|sqlite3_finalize|sqlite3_exec\b|sqlite3_open|sqlite3_close|sqlite3VdbeExec|sqlite3_bind|sqlite3_column/],
  ['kernel: thread wake-ups, sleeps and context switches (futex, eventfd, epoll, scheduler)', { kernel: /futex|try_to_wake_up|schedule|ep_poll|eventfd|finish_task_switch|do_epoll_wait|__x64_sys_epoll|wake_up|sys_write\b|ksys_write|ksys_read/ }],
  ['kernel: TCP send/receive (loopback)', { kernel: /tcp_|sock_|__sys_sendto|__sys_recvfrom|inet_|__x64_sys_sendto|__x64_sys_recvfrom|writev|__x64_sys_read|net_rx|__netif|ip_/ }],
  ['JSON.parse of the rows (V8)', /JsonParser|Builtin_JsonParse/],
  ['Rust: decoding PostgreSQL values', /dumbo_pg::decode/],
  ['napi: creating JS values (strings, dates, numbers, objects)', /napi_create_|NewFromUtf8|napi_set_element|napi_set_named_property|create_string|create_date/],
  ['Rust: rows → JSON text (+specials)', /dumbo_core::json|JsonRowWriter|dumbo_core::rows|dumbo_sqlite::read|dumbo_napi::rows|write_json/],
  ['Rust: SQL formatting (dumbo_sql)', /dumbo_sql::/],
  ['napi: reading the SQL template and params', /read_tokenized|sql_input|ValueReader|values::|napi_get_|napi_typeof|napi_is_array|napi_get_value/],
  ['tokio-postgres / protocol', /tokio_postgres|postgres_protocol|postgres_types|deadpool/],
  ['thread hops: TSFN / uv_async / tokio wake & park', /ThreadsafeFunction|threadsafe_function|uv__async|uv_async_send|spawn_future|tokio::runtime|tokio::sync|mio::|futex|epoll_wait|epoll_pwait|parking_lot|std::thread::park|__lll_lock/],
  ['napi: call and return (napi-rs borrow scope, unwrap, callback wrapper)', { leaf: /napi::bindgen_runtime|native_borrow|FunctionCallbackWrapper|v8impl|napi_unwrap|napi_env|napi_call_function|PropertyKey|CallApiCallback/ }],
  ['rusqlite (statement cache, binding, columns)', { leaf: /rusqlite::/ }],
  ['better-sqlite3 / sqlite3 addon (binding, row objects)', /better_sqlite3\.node|node_sqlite3\.node/],
  ['Rust: other addon code (drops, dispatch)', { leaf: /\(.*dumbo\.linux-x64-gnu\.node\)$/ }],
  ['V8 GC', /Heap::|Scavenge|MarkCompact|GCTracer|ConcurrentMarking|MinorMC|Sweeper|heap::/],
  ['promises / microtasks / async functions', { leaf: /Promise|Microtask|AsyncFunction|Await|ResolveClosure|RunMicrotasks/ }],
  ['JS (lib/, bench, builtins)', { leaf: /\[JIT\]|JS:|Builtins_|Builtin_|\(\/tmp\/perf-\d+\.map\)/ }],
  ['libc malloc/free (other callers)', { leaf: /malloc|_int_free|cfree|realloc|free@|\bfree\b/ }],
  ['kernel (other)', { leaf: /\[kernel\.kallsyms\]/ }],
  ['V8 / node (other)', { leaf: /\(.*\/node\)$|\(.*bin\/node\)$/ }],
];

const samples = [];
let cur = null;
const rl = createInterface({ input: process.stdin });
for await (const line of rl) {
  if (!line.startsWith('\t') && !line.startsWith(' ') && line.trim()) {
    const m = line.match(/\s(\d+\.\d+):\s+(\d+)\s+cpu-clock/);
    cur = { t: m ? Number(m[1]) : 0, period: m ? Number(m[2]) : 0, frames: [] };
    samples.push(cur);
  } else if (line.trim() && cur) {
    cur.frames.push(line.trim().replace(/^[0-9a-f]+\s+/, ''));
  }
}
const hits = samples.filter((s) => s.frames.some((f) => hot.test(f)));
const t0 = hits[0]?.t ?? 0;
const t1 = hits.at(-1)?.t ?? Infinity;
const window = samples.filter((s) => s.t >= t0 && s.t <= t1);
const totals = new Map();
const details = new Map();
let total = 0;
for (const s of window) {
  let cat = 'other';
  // The native part of the stack at the leaf: up to the first JS or builtin frame.
  const cut = s.frames.findIndex((f) => /JS:|Builtins_|\(\/tmp\/perf-\d+\.map\)/.test(f));
  const native = cut < 0 ? s.frames : s.frames.slice(0, Math.max(cut, 1));
  for (const [name, rule] of RULES) {
    const ok =
      rule instanceof RegExp
        ? native.some((f) => rule.test(f))
        : rule.kernel
          ? /\[kernel\.kallsyms\]/.test(s.frames[0] ?? '') && native.some((f) => rule.kernel.test(f))
          : rule.leaf.test(s.frames[0] ?? '');
    if (ok) {
      cat = name;
      break;
    }
  }
  totals.set(cat, (totals.get(cat) ?? 0) + s.period);
  if (process.env.DETAIL) {
    const leaf = (s.frames[0] ?? '?').replace(/\+0x[0-9a-f]+/, '');
    const d = details.get(cat) ?? new Map();
    d.set(leaf, (d.get(leaf) ?? 0) + s.period);
    details.set(cat, d);
  }
  total += s.period;
}
const wall = t1 - t0;
console.log(`window ${wall.toFixed(3)} s wall, ${(total / 1e9).toFixed(3)} s CPU (all threads), ${units} units: ${((total / 1e3) / units).toFixed(2)} CPU µs/unit, ${((wall * 1e6) / units).toFixed(2)} wall µs/unit`);
console.log('| where | share of CPU | CPU µs per unit |');
console.log('|---|---:|---:|');
for (const [k, v] of [...totals.entries()].sort((a, b) => b[1] - a[1])) {
  console.log(`| ${k} | ${((v / total) * 100).toFixed(1)}% | ${(v / 1e3 / units).toFixed(2)} |`);
}
if (process.env.DETAIL) {
  for (const [cat, d] of details) {
    console.log(`\n${cat}`);
    for (const [leaf, v] of [...d.entries()].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.DETAIL) || 8)) {
      console.log(`  ${(v / 1e3 / units).toFixed(3)} µs  ${leaf.slice(0, 160)}`);
    }
  }
}
