// What a Pongo user does, run against one database (PostgreSQL or SQLite): the
// document API, optimistic concurrency, sessions and transactions, schema migration and
// the MongoDB shim, all through Pongo 0.17.0-beta.47 unchanged, on the Dumbo under test.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { importPongo } from './pongo.mjs';

/**
 * `db`: { name, driverEntry ('./pg' | './sqlite3'), setup() -> connectionString,
 * teardown(), tableNames(client) -> Promise<string[]> }.
 */
// countDocuments() gives a bigint on PostgreSQL and a number on SQLite (as on upstream
// Dumbo): the counts are compared as numbers.
export function pongoScenario(db) {
  describe(`Pongo on ${db.name}`, () => {
    let pongo;
    let driver;
    let client;
    let connectionString;

    before(async () => {
      connectionString = await db.setup();
      pongo = await importPongo('.');
      driver = (await importPongo(db.driverEntry)).pongoDriver;
      client = pongo.pongoClient({ driver, connectionString });
      await client.connect();
    });
    after(async () => {
      await client?.close();
      await db.teardown();
    });

    const collection = (name) => client.db().collection(name);

    it('inserts and finds documents with query operators', async () => {
      const users = collection('users');
      const one = await users.insertOne({ name: 'Ada', age: 36, tags: ['math'], address: { city: 'London' } });
      assert.equal(one.successful, true);
      assert.equal(typeof one.insertedId, 'string');
      assert.equal(one.nextExpectedVersion, 1n);
      const many = await users.insertMany([
        { name: 'Alan', age: 41, tags: ['crypto', 'math'], address: { city: 'Wilmslow' } },
        { name: 'Grace', age: 85, tags: ['navy'], address: { city: 'Arlington' } },
      ]);
      assert.equal(many.insertedCount, 2);

      const ada = await users.findOne({ _id: one.insertedId });
      assert.deepEqual(
        { name: ada.name, age: ada.age, _id: ada._id, _version: ada._version },
        { name: 'Ada', age: 36, _id: one.insertedId, _version: 1n },
      );
      const names = async (filter) => (await users.find(filter)).map((u) => u.name).sort();
      assert.deepEqual(await names({ age: { $gt: 40 } }), ['Alan', 'Grace']);
      assert.deepEqual(await names({ age: { $gte: 36, $lt: 85 } }), ['Ada', 'Alan']);
      assert.deepEqual(await names({ name: { $in: ['Ada', 'Grace', 'Nobody'] } }), ['Ada', 'Grace']);
      assert.deepEqual(await names({ name: { $ne: 'Ada' } }), ['Alan', 'Grace']);
      assert.deepEqual(await names({ 'address.city': 'London' }), ['Ada']);
      assert.deepEqual(await names({ tags: 'math' }), ['Ada', 'Alan']);
      assert.deepEqual(await names({ tags: { $all: ['crypto', 'math'] } }), ['Alan']);
      assert.equal(await users.findOne({ name: 'Nobody' }), null);
      assert.equal(Number(await users.countDocuments()), 3);
      assert.equal(Number(await users.countDocuments({ age: { $lte: 41 } })), 2);
    });

    it('updates, replaces and deletes with operators', async () => {
      const items = collection('items');
      const { insertedId } = await items.insertOne({ name: 'pen', stock: 10, colors: ['blue'] });
      const updated = await items.updateOne({ _id: insertedId }, { $inc: { stock: -3 }, $set: { price: 2 } });
      assert.equal(updated.modifiedCount, 1);
      await items.updateOne({ _id: insertedId }, { $push: { colors: 'red' }, $unset: { price: '' } });
      let pen = await items.findOne({ _id: insertedId });
      assert.equal(pen.stock, 7);
      assert.deepEqual(pen.colors, ['blue', 'red']);
      assert.equal('price' in pen, false);
      assert.equal(pen._version, 3n);

      const replaced = await items.replaceOne({ _id: insertedId }, { name: 'pencil', stock: 1 });
      assert.equal(replaced.modifiedCount, 1);
      pen = await items.findOne({ _id: insertedId });
      assert.equal(pen.name, 'pencil');
      assert.equal('colors' in pen, false);

      await items.insertMany([{ name: 'a', stock: 0 }, { name: 'b', stock: 0 }, { name: 'c', stock: 5 }]);
      const many = await items.updateMany({ stock: 0 }, { $set: { soldOut: true } });
      assert.equal(many.modifiedCount, 2);
      assert.equal(Number(await items.countDocuments({ soldOut: true })), 2);
      const deleted = await items.deleteMany({ soldOut: true });
      assert.equal(deleted.deletedCount, 2);
      const one = await items.deleteOne({ _id: insertedId });
      assert.equal(one.deletedCount, 1);
      assert.deepEqual((await items.find()).map((i) => i.name), ['c']);
    });

    it('optimistic concurrency: a stale expectedVersion changes nothing', async () => {
      const docs = collection('versioned');
      const { insertedId } = await docs.insertOne({ value: 1 });
      const first = await docs.updateOne({ _id: insertedId }, { $set: { value: 2 } }, { expectedVersion: 1n });
      assert.equal(first.successful, true);
      assert.equal(first.nextExpectedVersion, 2n);
      const stale = await docs.updateOne({ _id: insertedId }, { $set: { value: 3 } }, { expectedVersion: 1n });
      assert.equal(stale.successful, false);
      assert.equal(stale.modifiedCount, 0);
      assert.throws(() => stale.assertSuccessful(), /Expected document state does not match current one/);
      const staleReplace = await docs.replaceOne({ _id: insertedId }, { value: 9 }, { expectedVersion: 5n });
      assert.equal(staleReplace.successful, false);
      const doc = await docs.findOne({ _id: insertedId });
      assert.equal(doc.value, 2);
      assert.equal(doc._version, 2n);
      // insertOne with an existing id is a failed operation, not a second document.
      const again = await docs.insertOne({ _id: insertedId, value: 7 });
      assert.equal(again.successful, false);
      assert.equal(Number(await docs.countDocuments()), 1);
    });

    it('a session transaction commits on success and rolls back on error', async () => {
      const accounts = collection('accounts');
      const session = client.startSession();
      try {
        await session.withTransaction(async () => {
          await accounts.insertOne({ owner: 'committed' }, { session });
          await accounts.insertOne({ owner: 'also committed' }, { session });
        });
      } finally {
        await session.endSession();
      }
      await assert.rejects(
        client.withSession((s) =>
          s.withTransaction(async () => {
            await accounts.insertOne({ owner: 'rolled back' }, { session: s });
            throw new Error('abort this transaction');
          }),
        ),
        /abort this transaction/,
      );
      const manual = client.startSession();
      manual.startTransaction();
      await accounts.insertOne({ owner: 'aborted' }, { session: manual });
      await manual.abortTransaction();
      await manual.endSession();
      assert.deepEqual((await accounts.find()).map((a) => a.owner).sort(), ['also committed', 'committed']);
    });

    it('db.schema.migrate() creates the collections of a typed schema, idempotently', async () => {
      const schema = pongo.pongoSchema.client({
        database: pongo.pongoSchema.db({ orders: pongo.pongoSchema.collection('orders') }),
      });
      const typed = pongo.pongoClient({ driver, connectionString, schema: { definition: schema } });
      try {
        assert.ok(!(await db.tableNames(typed)).includes('orders'), 'no table before the migration');
        const first = await typed.database.schema.migrate();
        assert.ok(first.applied.length > 0, 'the first migrate() applies the collection migration');
        assert.ok((await db.tableNames(typed)).includes('orders'));
        const second = await typed.database.schema.migrate();
        assert.equal(second.applied.length, 0, 'a second migrate() applies nothing');
        await typed.database.orders.insertOne({ total: 12 });
        assert.equal(Number(await typed.database.orders.countDocuments()), 1);
      } finally {
        await typed.close();
      }
    });

    it('collection.schema.migrate() creates one collection before its first use', async () => {
      const events = collection('events');
      assert.ok(!(await db.tableNames(client)).includes('events'), 'no table before the migration');
      const result = await events.schema.migrate();
      assert.ok(result.applied.length > 0, 'the first migrate() applies the collection migration');
      assert.ok(Array.isArray(result.applied), 'migrate() reports the applied migrations');
      assert.ok((await db.tableNames(client)).includes('events'));
      assert.equal((await events.schema.migrate()).applied.length, 0, 'a second migrate() applies nothing');
      assert.equal(Number(await events.countDocuments()), 0);
    });

    it('the /shim MongoClient works like MongoDB’s', async () => {
      const { MongoClient } = await importPongo('./shim');
      const mongo = new MongoClient({ driver, connectionString });
      await mongo.connect();
      try {
        const pets = mongo.db().collection('pets');
        const { insertedId } = await pets.insertOne({ name: 'Rex', kind: 'dog' });
        await pets.insertMany([{ name: 'Tom', kind: 'cat' }, { name: 'Fido', kind: 'dog' }]);
        assert.equal((await pets.findOne({ _id: insertedId })).name, 'Rex');
        const dogs = await pets.find({ kind: 'dog' }).toArray();
        assert.deepEqual(dogs.map((d) => d.name).sort(), ['Fido', 'Rex']);
        await pets.updateOne({ name: 'Tom' }, { $set: { kind: 'lion' } });
        assert.equal(Number(await pets.countDocuments({ kind: 'lion' })), 1);
        await pets.deleteOne({ name: 'Rex' });
        assert.equal(Number(await pets.countDocuments()), 2);
        await mongo.withSession(async (session) =>
          session.withTransaction(async () => {
            await pets.insertOne({ name: 'Nemo', kind: 'fish' }, { session });
          }),
        );
        assert.equal(Number(await pets.countDocuments({ kind: 'fish' })), 1);
      } finally {
        await mongo.close();
      }
    });
  });
}
