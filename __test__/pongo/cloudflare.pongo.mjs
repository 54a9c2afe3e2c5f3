// The Pongo lane on Cloudflare D1: Pongo 0.17.0-beta.47's `@event-driven-io/pongo/cloudflare`
// (its d1 driver calls this package's `/cloudflare` d1Pool) on Miniflare's D1. Node 22+.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Miniflare } from 'miniflare';
import { EXPECTED_DUMBO_DIR, PONGO_DIR, importPongo } from './pongo.mjs';

describe('Pongo on Cloudflare D1 (Miniflare)', () => {
  let mf;
  let database;
  let pongo;
  let d1Driver;

  before(async () => {
    mf = new Miniflare({
      modules: true,
      script: 'export default { fetch() { return new Response("") } }',
      d1Databases: ['DB'],
    });
    database = await mf.getD1Database('DB');
    pongo = await importPongo('.');
    ({ d1Driver } = await importPongo('./cloudflare'));
  });
  after(async () => {
    await mf?.dispose();
  });

  const client = (options = {}) => pongo.pongoClient({ driver: d1Driver, database, ...options });

  it("Pongo's /cloudflare runs on this package's /cloudflare", () => {
    const pongoRequire = createRequire(path.join(PONGO_DIR, 'package.json'));
    const resolved = fs.realpathSync(pongoRequire.resolve('@event-driven-io/dumbo/cloudflare'));
    assert.ok(resolved.startsWith(fs.realpathSync(EXPECTED_DUMBO_DIR) + path.sep), resolved);
  });

  it('inserts, finds, updates, replaces, deletes and counts documents', async () => {
    const pongoClient = client();
    try {
      const users = pongoClient.db().collection('users');
      const one = await users.insertOne({ name: 'Ada', age: 36, address: { city: 'London' } });
      assert.equal(one.successful, true);
      assert.equal(one.nextExpectedVersion, 1n);
      await users.insertMany([
        { name: 'Alan', age: 41, address: { city: 'Wilmslow' } },
        { name: 'Grace', age: 85, address: { city: 'Arlington' } },
      ]);
      const ada = await users.findOne({ _id: one.insertedId });
      assert.deepEqual({ name: ada.name, _version: ada._version }, { name: 'Ada', _version: 1n });
      const names = async (filter) => (await users.find(filter)).map((u) => u.name).sort();
      assert.deepEqual(await names({ age: { $gt: 40 } }), ['Alan', 'Grace']);
      assert.deepEqual(await names({ 'address.city': 'London' }), ['Ada']);

      const updated = await users.updateOne({ _id: one.insertedId }, { $inc: { age: 1 }, $set: { title: 'Countess' } });
      assert.equal(updated.modifiedCount, 1);
      assert.equal(updated.nextExpectedVersion, 2n);
      const replaced = await users.replaceOne({ name: 'Grace' }, { name: 'Grace Hopper', age: 85 });
      assert.equal(replaced.modifiedCount, 1);
      const deleted = await users.deleteOne({ name: 'Alan' });
      assert.equal(deleted.deletedCount, 1);
      assert.deepEqual(await names({}), ['Ada', 'Grace Hopper']);
      assert.equal(Number(await users.countDocuments()), 2);
      assert.equal((await users.findOne({ _id: one.insertedId })).age, 37);
    } finally {
      await pongoClient.close();
    }
  });

  it('optimistic concurrency: an update with a stale expected version changes nothing', async () => {
    const pongoClient = client();
    try {
      const docs = pongoClient.db().collection('versioned');
      const { insertedId } = await docs.insertOne({ n: 1 });
      await docs.updateOne({ _id: insertedId }, { $set: { n: 2 } }, { expectedVersion: 1n });
      const stale = await docs.updateOne({ _id: insertedId }, { $set: { n: 3 } }, { expectedVersion: 1n });
      assert.equal(stale.successful, false);
      assert.equal((await docs.findOne({ _id: insertedId })).n, 2);
    } finally {
      await pongoClient.close();
    }
  });

  it("session transactions: D1TransactionNotSupportedError by default, a D1 session with mode: 'session_based'", async () => {
    const strict = client();
    try {
      const docs = strict.db().collection('tx_strict');
      await assert.rejects(
        strict.withSession((session) =>
          session.withTransaction(() => docs.insertOne({ n: 1 }, { session })),
        ),
        (error) => error.name === 'D1TransactionNotSupportedError',
      );
    } finally {
      await strict.close();
    }

    const sessions = client({ transactionOptions: { mode: 'session_based' } });
    try {
      const docs = sessions.db().collection('tx_session');
      await sessions.withSession((session) =>
        session.withTransaction(async () => {
          await docs.insertOne({ n: 1 }, { session });
          await docs.insertOne({ n: 2 }, { session });
        }),
      );
      assert.equal(Number(await docs.countDocuments()), 2);
    } finally {
      await sessions.close();
    }
  });

  it("db.schema.migrate() needs mode: 'session_based' (a migration runs in a transaction), as on upstream", async () => {
    const strict = client();
    try {
      await assert.rejects(strict.db().schema.migrate(), (error) => error.name === 'D1TransactionNotSupportedError');
    } finally {
      await strict.close();
    }
    const sessions = client({ transactionOptions: { mode: 'session_based' } });
    try {
      await sessions.db().schema.migrate();
      const { results } = await database.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all();
      assert.ok(results.some((row) => row.name === 'dmb_migrations'), JSON.stringify(results));
    } finally {
      await sessions.close();
    }
  });
});
