// W7: Pongo documents. Four operations, each its own workload (ops/s, awaited one after
// another): W7i insertOne, W7f findOne by _id, W7n find by a nested field, W7u updateOne
// with $inc. W7f/W7n/W7u work on 1,000 seeded documents (insertMany before the warm-up);
// W7n matches 20 of them (a sequential scan of the collection: Pongo creates no index on
// document fields). Every result is checked; after each round, the collection's count
// (W7i) or the sum of the counters (W7u) is checked as well.
import { idStream } from './data.mjs';

export const DOCS = 1_000;
export const CITIES = 50;
const PER_CITY = DOCS / CITIES;

const idOf = (i) => `user-${i}`;
const cityOf = (i) => `city-${i % CITIES}`;
export function documentOf(i) {
  return {
    name: `user${i}`,
    email: `user${i}@example.com`,
    age: 18 + ((i * 7) % 60),
    address: { street: `${i} Main Street`, city: cityOf(i), zip: `${10_000 + i}` },
    tags: ['customer', i % 2 ? 'odd' : 'even'],
    visits: 0,
  };
}

const show = (v) => JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? `${x}n` : x));
const check = (ok, what) => {
  if (!ok) throw new Error(`W7 check: ${what}`);
};

async function seed(c) {
  const docs = Array.from({ length: DOCS }, (_, k) => ({ _id: idOf(k + 1), ...documentOf(k + 1) }));
  const r = await c.insertMany(docs);
  check(r.successful && r.insertedCount === DOCS, `insertMany of ${DOCS} seeded documents: ${r.insertedCount} inserted`);
}

/** A pseudo-random document number in 1..DOCS (the same stream for every target). */
function docStream(seed) {
  const next = idStream(seed);
  return () => ((next() - 1) % DOCS) + 1;
}

/** The plan of a W7 workload for `t` (targets-pongo.mjs), measured by the worker's `measured`. */
export function pongoPlan(t, workload, measured) {
  const c = () => t.collection;
  const sequential = (one) => async (n) => {
    for (let i = 0; i < n; i++) await one();
  };
  const seeded = (extra) => ({
    items: 1,
    minUnits: 50,
    warmBatch: 20,
    ...extra,
    before: async (r) => {
      if (r === 'warmup') await seed(c());
    },
  });
  switch (workload) {
    case 'W7i': {
      let inserted = 0;
      return measured({
        items: 1,
        minUnits: 50,
        warmBatch: 20,
        batch: sequential(async () => {
          const r = await c().insertOne(documentOf(inserted + 1));
          check(r.successful && typeof r.insertedId === 'string', `insertOne: ${show(r)}`);
          inserted++;
        }),
        after: async () => {
          const n = Number(await c().countDocuments());
          check(n === inserted, `${inserted} documents inserted, ${n} in the collection`);
        },
      });
    }
    case 'W7f': {
      const next = docStream(0x2545f491);
      return measured(
        seeded({
          batch: sequential(async () => {
            const i = next();
            const d = await c().findOne({ _id: idOf(i) });
            check(d?._id === idOf(i) && d.name === `user${i}` && d.address?.city === cityOf(i), `findOne(${idOf(i)}): ${show(d)}`);
          }),
        }),
      );
    }
    case 'W7n': {
      const next = docStream(0x6c078965);
      return measured(
        seeded({
          batch: sequential(async () => {
            const city = cityOf(next());
            const ds = await c().find({ 'address.city': city });
            check(ds.length === PER_CITY && ds.every((d) => d.address.city === city), `find(address.city = ${city}): ${ds.length} documents, expected ${PER_CITY}`);
          }),
        }),
      );
    }
    case 'W7u': {
      const next = docStream(0x1b873593);
      let increments = 0;
      return measured(
        seeded({
          batch: sequential(async () => {
            const r = await c().updateOne({ _id: idOf(next()) }, { $inc: { visits: 1 } });
            check(r.successful && r.modifiedCount === 1, `updateOne $inc: ${show(r)}`);
            increments++;
          }),
          after: async () => {
            let sum = 0;
            for (const d of await c().find({})) sum += d.visits;
            check(sum === increments, `${increments} increments, the counters sum to ${sum}`);
          },
        }),
      );
    }
    default:
      throw new Error(`unknown W7 workload ${workload}`);
  }
}
