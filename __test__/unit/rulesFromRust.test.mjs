// Tables the JS layer reads from the native crates instead of keeping its own copy.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { PREBUILT, platformKeyOfTarget } = require('../../lib/loadBinding.cjs');
const { DEFAULT_SQLITE_PRAGMA_OPTIONS } = require('@event-driven-io/dumbo/sqlite');

describe('prebuilt targets', () => {
  it('are the per-platform packages napi-rs generates from package.json napi.targets', () => {
    const packages = readdirSync(new URL('../../npm/', import.meta.url)).sort();
    assert.deepEqual([...PREBUILT].sort(), packages);
  });

  it('name Rust targets the way the napi-rs loader names packages', () => {
    assert.equal(platformKeyOfTarget('x86_64-unknown-linux-gnu'), 'linux-x64-gnu');
    assert.equal(platformKeyOfTarget('aarch64-unknown-linux-musl'), 'linux-arm64-musl');
    assert.equal(platformKeyOfTarget('aarch64-apple-darwin'), 'darwin-arm64');
    assert.equal(platformKeyOfTarget('x86_64-pc-windows-msvc'), 'win32-x64-msvc');
  });
});

describe('SQLite defaults from the driver', () => {
  it('DEFAULT_SQLITE_PRAGMA_OPTIONS is upstream\'s, frozen', () => {
    assert.deepEqual(DEFAULT_SQLITE_PRAGMA_OPTIONS, {
      journal_mode: 'WAL',
      synchronous: 'NORMAL',
      cache_size: -1000000,
      foreign_keys: true,
      temp_store: 'MEMORY',
      busy_timeout: 5000,
      mmap_size: 268435456,
    });
    assert.ok(Object.isFrozen(DEFAULT_SQLITE_PRAGMA_OPTIONS));
  });
});
