// Proof by installation (issue 6): the packed main package plus the linux-x64-gnu
// platform package, installed into a new project outside the repository with no
// Rust toolchain on PATH, work from ESM, CJS, TypeScript and an esbuild bundle.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { platformKey } from '../../lib/loadBinding.cjs';
import { pgTestUrl } from '../support/postgres.mjs';
import { withOptionalDependencies } from '../../scripts/platform-packages.mjs';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const key = platformKey();
const tsc = path.join(repo, 'node_modules/typescript/bin/tsc');
const esbuild = path.join(repo, 'node_modules/esbuild/bin/esbuild');
// PATH without any Rust toolchain: a consumer never needs cargo.
const PATH = (process.env.PATH ?? '')
  .split(path.delimiter)
  .filter((dir) => !/cargo|rustup/.test(dir) && !fs.existsSync(path.join(dir, 'cargo')))
  .join(path.delimiter);

let tmp;
let app;

function run(command, args, options = {}) {
  try {
    return runRaw(command, args, options);
  } catch (error) {
    error.message += `\n--- stdout\n${error.stdout ?? ''}\n--- stderr\n${error.stderr ?? ''}`;
    throw error;
  }
}

function runRaw(command, args, options = {}) {
  return execFileSync(command, args, {
    encoding: 'utf8',
    timeout: 180_000,
    stdio: ['ignore', 'pipe', 'pipe'],
    ...options,
    env: { ...process.env, PATH, npm_config_audit: 'false', npm_config_fund: 'false', ...options.env },
  });
}

function pack(dir) {
  const out = run('npm', ['pack', '--json', '--pack-destination', tmp], { cwd: dir });
  const [info] = JSON.parse(out);
  return { file: path.join(tmp, info.filename), files: info.files.map((f) => f.path) };
}

const consumerScript = (moduleKind) => {
  const load = moduleKind === 'esm'
    ? `import * as root from '@event-driven-io/dumbo';
       import * as sqlite3 from '@event-driven-io/dumbo/sqlite3';
       import * as sqlite from '@event-driven-io/dumbo/sqlite/sqlite3';
       import * as pg from '@event-driven-io/dumbo/pg';
       import * as postgresql from '@event-driven-io/dumbo/postgresql';
       import * as pgAlias from '@event-driven-io/dumbo/postgresql/pg';`
    : `const root = require('@event-driven-io/dumbo');
       const sqlite3 = require('@event-driven-io/dumbo/sqlite3');
       const sqlite = require('@event-driven-io/dumbo/sqlite/sqlite3');
       const pg = require('@event-driven-io/dumbo/pg');
       const postgresql = require('@event-driven-io/dumbo/postgresql');
       const pgAlias = require('@event-driven-io/dumbo/postgresql/pg');`;
  return `${load}
  const { SQL, dumbo, pluginRegistry, single } = root;
  const out = {};
  async function main() {
    // automatic mode on SQLite (deferred until first use)
    const auto = dumbo({ connectionString: ':memory:' });
    out.auto = (await single(auto.execute.query(SQL\`SELECT \${20} + \${22} AS v\`))).v;
    await auto.close();
    // direct mode /sqlite3
    const direct = sqlite3.dumbo({ connectionString: ':memory:' });
    await direct.execute.command(SQL\`CREATE TABLE t (v TEXT)\`);
    await direct.withTransaction((tx) => tx.execute.command(SQL\`INSERT INTO t VALUES (\${'x'})\`));
    out.direct = (await direct.execute.query(SQL\`SELECT v FROM t\`)).rows;
    await direct.close();
    out.sameSqlite = sqlite.dumbo === sqlite3.dumbo;
    // direct mode /pg against the test server
    const p = pg.dumbo({ connectionString: process.env.TARGET_PG_URL });
    out.pg = (await single(p.execute.query(SQL\`SELECT \${'pg'}::text AS v, 7::int8 AS n\`)));
    out.pg.n = String(out.pg.n);
    await p.close();
    out.pgAlias = pgAlias.pgPlugin === pg.pgPlugin && typeof postgresql.pgFormatter.format === 'function';
    // a JS community plugin
    const made = { execute: {}, close: async () => {} };
    pluginRegistry.register('Acme:js', { connector: 'Acme:js', createPool: () => made, sqlFormatter: sqlite3.sqliteFormatter, defaultMigratorOptions: {} });
    out.plugin = dumbo({ connectionString: 'acme://x', connector: 'Acme:js' }) === made;
    console.log(JSON.stringify(out));
  }
  main().catch((e) => { console.error(e); process.exit(1); });`;
};

const expected = {
  auto: 42,
  direct: [{ v: 'x' }],
  sameSqlite: true,
  pg: { v: 'pg', n: '7' },
  pgAlias: true,
  plugin: true,
};

describe('installed from packed tarballs', { timeout: 600_000 }, () => {
  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dumbo-pack-'));
    app = path.join(tmp, 'app');
    fs.mkdirSync(app);
  });
  after(() => {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('packs the main package without binaries and the platform package with one; installs both offline from the tarballs', () => {
    const built = path.join(repo, `dumbo.${key}.node`);
    assert.ok(fs.existsSync(built), `build the addon first (npm run build): ${built} is missing`);
    // The release adds the platform packages as optionalDependencies right before
    // publishing (scripts/platform-packages.mjs --write): pack a staged copy the same way.
    const staged = path.join(tmp, 'main');
    const listed = JSON.parse(run('npm', ['pack', '--dry-run', '--json'], { cwd: repo }))[0].files.map((f) => f.path);
    for (const file of listed) {
      fs.mkdirSync(path.dirname(path.join(staged, file)), { recursive: true });
      fs.copyFileSync(path.join(repo, file), path.join(staged, file));
    }
    const manifest = JSON.parse(withOptionalDependencies(fs.readFileSync(path.join(repo, 'package.json'), 'utf8')));
    delete manifest.workspaces; // the examples are not part of the published package
    fs.writeFileSync(path.join(staged, 'package.json'), JSON.stringify(manifest, null, 2));
    assert.equal(manifest.optionalDependencies[`@event-driven-io/dumbo-${key}`], manifest.version);
    const main = pack(staged);
    assert.ok(!main.files.some((f) => f.endsWith('.node')), 'the main package ships no binary');
    assert.ok(!main.files.some((f) => f.startsWith('crates/') || f.startsWith('__test__/')), 'no sources or tests');
    for (const f of ['index.cjs', 'index.mjs', 'index.d.ts', 'binding.cjs', 'entry/pg.mjs', 'entry/sqlite3.d.ts', 'lib/native.cjs']) {
      assert.ok(main.files.includes(f), `main package contains ${f}`);
    }
    const platformDir = path.join(tmp, 'platform');
    fs.mkdirSync(platformDir);
    fs.copyFileSync(path.join(repo, `npm/${key}/package.json`), path.join(platformDir, 'package.json'));
    fs.copyFileSync(built, path.join(platformDir, `dumbo.${key}.node`));
    const platform = pack(platformDir);
    assert.deepEqual(platform.files.sort(), [`dumbo.${key}.node`, 'package.json'].sort());

    fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }));
    run('npm', ['install', '--no-package-lock', main.file, platform.file], { cwd: app });
    assert.throws(() => run('cargo', ['--version'], { cwd: app }), 'no Rust toolchain is reachable from the consumer');
    assert.ok(fs.existsSync(path.join(app, `node_modules/@event-driven-io/dumbo-${key}/dumbo.${key}.node`)));
  });

  for (const kind of ['esm', 'cjs']) {
    it(`a ${kind.toUpperCase()} consumer: automatic SQLite, direct /sqlite3, direct /pg, a JS plugin`, () => {
      const file = path.join(app, kind === 'esm' ? 'consumer.mjs' : 'consumer.cjs');
      fs.writeFileSync(file, consumerScript(kind));
      const out = run(process.execPath, [file], { cwd: app, env: { TARGET_PG_URL: pgTestUrl() } });
      assert.deepEqual(JSON.parse(out.trim().split('\n').pop()), expected);
    });
  }

  it('tsc --noEmit accepts a TypeScript consumer of every entry point', () => {
    fs.writeFileSync(
      path.join(app, 'consumer.ts'),
      `import { dumbo, SQL, pluginRegistry, type StoragePlugin } from '@event-driven-io/dumbo';
       import { dumbo as sqlite3, type SQLitePool } from '@event-driven-io/dumbo/sqlite3';
       import { sqliteFormatter } from '@event-driven-io/dumbo/sqlite';
       import { dumbo as sqliteAlias } from '@event-driven-io/dumbo/sqlite/sqlite3';
       import { dumbo as pg, type PgPool } from '@event-driven-io/dumbo/pg';
       import { pgFormatter } from '@event-driven-io/dumbo/postgresql';
       import { pgPlugin } from '@event-driven-io/dumbo/postgresql/pg';
       export async function f(): Promise<number> {
         const a: SQLitePool = sqlite3({ connectionString: ':memory:' });
         const b: PgPool = pg({ connectionString: 'postgresql://localhost/x', max: 2 });
         const plugin: StoragePlugin<'Acme:ts'> = { connector: 'Acme:ts', createPool: () => a, sqlFormatter: sqliteFormatter, defaultMigratorOptions: {} };
         pluginRegistry.register('Acme:ts', plugin);
         void sqliteAlias; void pgFormatter; void pgPlugin; void b;
         const r = await dumbo({ connectionString: ':memory:' }).execute.query<{ v: number }>(SQL\`SELECT 1 AS v\`);
         return r.rows[0]!.v;
       }`,
    );
    fs.writeFileSync(
      path.join(app, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { strict: true, noEmit: true, module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', skipLibCheck: false, types: [] }, files: ['consumer.ts'] }),
    );
    run(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: app });
  });

  it('an esbuild bundle of the ESM consumer (native package external) runs', () => {
    const bundle = path.join(app, 'dist/bundle.mjs');
    run(
      esbuild,
      [
        'consumer.mjs',
        '--bundle',
        '--platform=node',
        '--format=esm',
        `--outfile=${bundle}`,
        '--external:@event-driven-io/dumbo-*',
        '--external:*.node',
        // CommonJS inside an ESM bundle needs a real require (esbuild's documented banner).
        "--banner:js=import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
      ],
      { cwd: app },
    );
    const text = fs.readFileSync(bundle, 'utf8');
    assert.ok(text.includes('pluginRegistry'), 'the package JS is inside the bundle');
    const out = run(process.execPath, [bundle], { cwd: app, env: { TARGET_PG_URL: pgTestUrl() } });
    assert.deepEqual(JSON.parse(out.trim().split('\n').pop()), expected);
  });

  it('without the platform package, loading fails with an error naming the platform, the package and the way to build', () => {
    const bare = path.join(tmp, 'bare');
    fs.mkdirSync(bare);
    fs.writeFileSync(path.join(bare, 'package.json'), JSON.stringify({ name: 'bare', version: '1.0.0', private: true }));
    const main = fs.readdirSync(tmp).find((f) => f.startsWith('event-driven-io-dumbo-0') && f.endsWith('.tgz'));
    // The platform packages are not on the registry here: the optional dependency is
    // skipped, as when npm skips one for any other reason.
    run('npm', ['install', '--no-package-lock', path.join(tmp, main)], { cwd: bare });
    const error = (() => {
      try {
        run(process.execPath, ['-e', "require('@event-driven-io/dumbo')"], { cwd: bare });
      } catch (e) {
        return e;
      }
      return null;
    })();
    assert.ok(error, 'loading must fail without a binary');
    assert.match(error.stderr, new RegExp(`no native binary could be loaded for this platform \\(${key}`));
    assert.match(error.stderr, new RegExp(`@event-driven-io/dumbo-${key}`));
    assert.match(error.stderr, /npm run build/);
    // The loader's generic message survives only as the `cause`, not as what users read first.
    const ours = error.stderr.split('\n  cause: ')[0];
    assert.doesNotMatch(ours, /npm has a bug related to optional dependencies/);
  });
});
