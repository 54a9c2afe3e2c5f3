// The shared behaviour suite on PostgreSQL's threaded I/O path (DUMBO_PG_IO=threads:
// napi's tokio runtime, the path Bun, Deno and Windows take), so that both I/O paths
// keep one behaviour under Node. The variable is read when the first pool opens.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { sharedBehaviourTests } from '../shared/behaviour.mjs';
import { postgresTarget } from '../support/databases.mjs';
import { pgTestUrl } from '../support/postgres.mjs';

process.env.DUMBO_PG_IO = 'threads';
const { binding } = createRequire(import.meta.url)('../../lib/native.cjs');

it('pools of this process take the threaded path', () => {
  const native = binding.PgPool.open(pgTestUrl());
  try {
    assert.equal(native.ioPath, 'threads');
  } finally {
    native.close();
  }
});

sharedBehaviourTests(postgresTarget('shared_threads'));
