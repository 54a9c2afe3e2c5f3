import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const {
  JSONSerializer,
  jsonSerializer,
  JSONCodec,
  JSONReplacer,
  JSONReplacers,
  JSONReviver,
  JSONRevivers,
  composeJSONReplacers,
  composeJSONRevivers,
} = require('../../lib/serializer.cjs');

const UNSAFE_INTEGER = Number.MAX_SAFE_INTEGER + 2; // 9007199254740992 after rounding
const UNSAFE_INTEGER_STR = '9007199254740993';
const UNSAFE_BIGINT = 9007199254740993n;

// JSON.parse passes context.source from Node 21; Node 20 does not.
const supportsSource = (() => {
  let seen = false;
  JSON.parse('1', (_key, value, context) => {
    seen = context?.source !== undefined;
    return value;
  });
  return seen;
})();

describe('JSONReplacers', () => {
  it('bigInt turns bigint into a decimal string, other values pass', () => {
    assert.equal(JSONReplacers.bigInt('k', UNSAFE_BIGINT), UNSAFE_INTEGER_STR);
    assert.equal(JSONReplacers.bigInt('k', -5n), '-5');
    assert.equal(JSONReplacers.bigInt('k', 42), 42);
    const obj = { a: 1 };
    assert.equal(JSONReplacers.bigInt('k', obj), obj);
  });

  it('date turns Date into ISO text, other values pass', () => {
    assert.equal(JSONReplacers.date('k', new Date('2024-01-15T10:30:00.000Z')), '2024-01-15T10:30:00.000Z');
    assert.equal(JSONReplacers.date('k', '2024-01-15'), '2024-01-15');
    assert.equal(JSONReplacers.date('k', 123), 123);
  });
});

describe('JSONRevivers', () => {
  describe('bigInt', () => {
    it('uses context.source for unsafe integers', () => {
      assert.equal(JSONRevivers.bigInt('k', UNSAFE_INTEGER, { source: UNSAFE_INTEGER_STR }), UNSAFE_BIGINT);
    });

    it('falls back to the number text without context', () => {
      assert.equal(JSONRevivers.bigInt('k', UNSAFE_INTEGER, undefined), 9007199254740992n);
    });

    it('keeps the number when the text is not BigInt syntax', () => {
      assert.equal(JSONRevivers.bigInt('k', 1e21, undefined), 1e21);
      assert.equal(JSONRevivers.bigInt('k', 1e20, { source: '1e20' }), 1e20);
    });

    it('keeps safe integers and floats', () => {
      for (const [value, source] of [[42, '42'], [0, '0'], [-500, '-500'], [Number.MAX_SAFE_INTEGER, '9007199254740991'], [Number.MIN_SAFE_INTEGER, '-9007199254740991'], [3.14159, '3.14159'], [-0.5, '-0.5']]) {
        assert.equal(JSONRevivers.bigInt('k', value, { source }), value);
      }
    });

    it('revives long numeric strings holding unsafe integers', () => {
      assert.equal(JSONRevivers.bigInt('k', UNSAFE_INTEGER_STR, { source: `"${UNSAFE_INTEGER_STR}"` }), UNSAFE_BIGINT);
      assert.equal(JSONRevivers.bigInt('k', '-9007199254740993', undefined), -9007199254740993n);
    });

    it('keeps short, safe, float, or non-numeric strings', () => {
      for (const value of ['42', '123456789012345', '9007199254740991', '12345678901234567.5', 'abcdefghijklmnopq', ' 9007199254740993', '9007199254740993x']) {
        assert.equal(JSONRevivers.bigInt('k', value, undefined), value);
      }
    });

    it('keeps other types', () => {
      const obj = {};
      assert.equal(JSONRevivers.bigInt('k', obj, undefined), obj);
      assert.equal(JSONRevivers.bigInt('k', null, undefined), null);
    });
  });

  describe('date', () => {
    it('revives exactly toISOString-shaped strings', () => {
      const revived = JSONRevivers.date('k', '2024-01-15T10:30:00.000Z');
      assert.ok(revived instanceof Date);
      assert.equal(revived.toISOString(), '2024-01-15T10:30:00.000Z');
    });

    it('keeps anything else', () => {
      for (const value of [
        '2024-01-15T10:30:00Z', // 20 chars
        '2024-01-15 10:30:00.000Z', // no T
        '2024-01-15T10:30:00.000+', // no Z
        'x024-01-15T10:30:00.000Z', // not digit first
        '2024-13-45T10:30:00.000Z', // invalid date
        123,
        null,
      ]) {
        assert.equal(JSONRevivers.date('k', value), value);
      }
    });
  });
});

describe('composition', () => {
  it('composeJSONReplacers runs left to right and drops undefined', () => {
    const prefix = (_k, v) => (typeof v === 'string' ? `prefix_${v}` : v);
    const suffix = (_k, v) => (typeof v === 'string' ? `${v}_suffix` : v);
    assert.equal(composeJSONReplacers(prefix, undefined, suffix)('k', 'test'), 'prefix_test_suffix');
    const double = (_k, v) => (typeof v === 'number' ? v * 2 : v);
    const increment = (_k, v) => (typeof v === 'number' ? v + 1 : v);
    assert.equal(composeJSONReplacers(double, increment)('k', 5), 11);
    assert.equal(composeJSONReplacers(increment, double)('k', 5), 12);
    assert.equal(composeJSONReplacers(undefined, undefined), undefined);
    assert.equal(composeJSONReplacers(), undefined);
    assert.equal(composeJSONReplacers(undefined, prefix, undefined), prefix);
  });

  it('composeJSONRevivers runs left to right and passes context to each', () => {
    const upper = (_k, v) => (typeof v === 'string' ? v.toUpperCase() : v);
    const brackets = (_k, v, context) => (typeof v === 'string' ? `[${v}:${context.source}]` : v);
    assert.equal(composeJSONRevivers(upper, brackets)('k', 'test', { source: '"test"' }), '[TEST:"test"]');
    assert.equal(composeJSONRevivers(undefined, undefined), undefined);
  });

  it('composed functions keep the holder as this', () => {
    const seen = [];
    const record = function (key, value) {
      if (key === 'a') seen.push(this);
      return value;
    };
    const holder = { a: 1 };
    JSON.stringify(holder, composeJSONReplacers(record, record));
    assert.deepEqual(seen, [holder, holder]);
    seen.length = 0;
    JSON.parse('{"a":1}', composeJSONRevivers(record, record));
    assert.equal(seen.length, 2);
    assert.equal(seen[0], seen[1]);
    assert.deepEqual(seen[0], { a: 1 });
  });

  it('JSONReplacer: user replacer first, then bigint, then date', () => {
    const calls = [];
    const user = (_k, v) => {
      calls.push(typeof v);
      return typeof v === 'bigint' ? v * 2n : v;
    };
    const replacer = JSONReplacer({ replacer: user });
    assert.equal(replacer('k', 21n), '42');
    assert.deepEqual(calls, ['bigint']);
    const upper = JSONReplacer({ replacer: (_k, v) => (typeof v === 'string' ? v.toUpperCase() : v) });
    assert.equal(upper('k', 'abc'), 'ABC');
  });

  it('JSONReplacer: built-ins can be switched off', () => {
    assert.equal(JSONReplacer({ failOnBigIntSerialization: true })('k', 1n), 1n);
    const date = new Date(0);
    assert.equal(JSONReplacer({ useDefaultDateSerialization: true })('k', date), date);
    assert.equal(JSONReplacer({ failOnBigIntSerialization: true, useDefaultDateSerialization: true }), undefined);
    assert.notEqual(JSONReplacer({}), undefined);
    assert.notEqual(JSONReplacer(), undefined);
  });

  it('JSONReviver: user reviver first, then bigint, then date; off by default', () => {
    assert.equal(JSONReviver({}), undefined);
    assert.equal(JSONReviver(), undefined);
    const reviver = JSONReviver({
      parseBigInts: true,
      parseDates: true,
      reviver: (_k, v) => (v === 'BIG' ? UNSAFE_INTEGER_STR : v === 'DATE' ? '2024-01-15T10:30:00.000Z' : v),
    });
    assert.equal(reviver('k', 'BIG', undefined), UNSAFE_BIGINT);
    assert.ok(reviver('k', 'DATE', undefined) instanceof Date);
    assert.equal(reviver('k', UNSAFE_INTEGER, { source: UNSAFE_INTEGER_STR }), UNSAFE_BIGINT);
  });
});

describe('jsonSerializer', () => {
  it('serialises bigint and Date by default', () => {
    const serializer = jsonSerializer();
    assert.equal(serializer.serialize({ value: 123n }), '{"value":"123"}');
    assert.equal(serializer.serialize({ at: new Date('2024-01-15T10:30:00.000Z') }), '{"at":"2024-01-15T10:30:00.000Z"}');
    assert.equal(serializer.serialize({ name: 'test' }), '{"name":"test"}');
    assert.equal(serializer.serialize(5n), '"5"');
  });

  it('failOnBigIntSerialization makes bigint throw', () => {
    assert.throws(() => jsonSerializer({ failOnBigIntSerialization: true }).serialize({ v: 1n }), TypeError);
  });

  it('revives nothing by default', () => {
    const parsed = jsonSerializer().deserialize(`{"n":${UNSAFE_INTEGER_STR},"s":"42","d":"2024-01-15T10:30:00.000Z"}`);
    assert.equal(parsed.n, 9007199254740992);
    assert.equal(parsed.s, '42');
    assert.equal(parsed.d, '2024-01-15T10:30:00.000Z');
  });

  it('parseBigInts keeps safe numbers and revives unsafe ones', () => {
    const serializer = jsonSerializer({ parseBigInts: true });
    const parsed = serializer.deserialize(`{"a":42,"b":3.5,"c":-7,"d":${Number.MAX_SAFE_INTEGER},"e":"${UNSAFE_INTEGER_STR}","f":[1,${UNSAFE_INTEGER_STR}]}`);
    assert.equal(parsed.a, 42);
    assert.equal(parsed.b, 3.5);
    assert.equal(parsed.c, -7);
    assert.equal(parsed.d, Number.MAX_SAFE_INTEGER);
    assert.equal(parsed.e, UNSAFE_BIGINT);
    assert.equal(parsed.f[0], 1);
    assert.equal(typeof parsed.f[1], 'bigint');
    // Exact digits need context.source (Node 21+); Node 20 sees the rounded number.
    assert.equal(parsed.f[1], supportsSource ? UNSAFE_BIGINT : 9007199254740992n);
  });

  it('parseDates revives ISO dates', () => {
    const parsed = jsonSerializer({ parseDates: true }).deserialize('{"date":"2024-01-15T10:30:00.000Z","other":"2024-01-15"}');
    assert.ok(parsed.date instanceof Date);
    assert.equal(parsed.date.toISOString(), '2024-01-15T10:30:00.000Z');
    assert.equal(parsed.other, '2024-01-15');
  });

  it('per-call options replace the defaults', () => {
    const serializer = jsonSerializer({ parseDates: true, parseBigInts: true });
    const json = `{"d":"2024-01-15T10:30:00.000Z","n":"${UNSAFE_INTEGER_STR}"}`;
    const replaced = serializer.deserialize(json, { reviver: (_k, v) => v });
    assert.equal(replaced.d, '2024-01-15T10:30:00.000Z');
    assert.equal(replaced.n, UNSAFE_INTEGER_STR);
    const bigOnly = serializer.deserialize(json, { parseBigInts: true });
    assert.equal(bigOnly.d, '2024-01-15T10:30:00.000Z');
    assert.equal(bigOnly.n, UNSAFE_BIGINT);

    const custom = (_k, v) => (typeof v === 'bigint' ? `BIGINT:${v}` : v);
    assert.equal(serializer.serialize({ v: 456n }, { replacer: custom }), '{"v":"BIGINT:456"}');
    assert.throws(() => serializer.serialize({ v: 1n }, { failOnBigIntSerialization: true }), TypeError);
    // Empty per-call options still replace: built-in replacers stay on by default.
    assert.equal(serializer.serialize({ v: 1n }, {}), '{"v":"1"}');
  });
});

describe('JSONSerializer (default instance)', () => {
  it('has bigint/date replacers and no revivers', () => {
    assert.equal(JSONSerializer.serialize({ value: 1n }), '{"value":"1"}');
    assert.equal(JSONSerializer.deserialize(`{"value":${UNSAFE_INTEGER_STR}}`).value, 9007199254740992);
    assert.equal(JSONSerializer.deserialize('{"value":"42"}').value, '42');
    assert.equal(JSONSerializer.serialize({ name: 'test', count: 42 }), '{"name":"test","count":42}');
  });

  it('keeps special characters byte-identical', () => {
    const value = { s: `Robert'); DROP TABLE users; --`, q: 'say "hi"', b: 'back\\slash', u: 'żółw 🐢', c: '\u0001' };
    assert.equal(JSONSerializer.serialize(value), JSON.stringify(value));
  });

  it('from() picks the given serializer, builds one from options, or returns the default', () => {
    const custom = jsonSerializer();
    assert.equal(JSONSerializer.from({ serialization: { serializer: custom } }), custom);
    assert.equal(JSONSerializer.from(), JSONSerializer);
    assert.equal(JSONSerializer.from({}), JSONSerializer);
    assert.equal(JSONSerializer.from({ serialization: undefined }), JSONSerializer);
    const built = JSONSerializer.from({ serialization: { options: { parseDates: true } } });
    assert.notEqual(built, JSONSerializer);
    assert.ok(built.deserialize('"2024-01-15T10:30:00.000Z"') instanceof Date);
  });
});

describe('JSONCodec', () => {
  it('uses the given serializer or builds one from serializerOptions', () => {
    const serializer = { serialize: () => 'S', deserialize: () => 'D' };
    const codec = JSONCodec({ serializer });
    assert.equal(codec.encode({}), 'S');
    assert.equal(codec.decode('{}'), 'D');
    const dated = JSONCodec({ serializerOptions: { parseDates: true } });
    assert.ok(dated.decode('"2024-01-15T10:30:00.000Z"') instanceof Date);
    assert.equal(JSONCodec({}).encode({ n: 1n }), '{"n":"1"}');
    assert.equal(JSONCodec().encode({ n: 1 }), '{"n":1}');
  });

  it('passes per-call options through', () => {
    const codec = JSONCodec({});
    assert.equal(codec.encode({ name: 'test' }, { replacer: (_k, v) => (typeof v === 'string' ? v.toUpperCase() : v) }), '{"name":"TEST"}');
    assert.equal(codec.decode('{"name":"TEST"}', { reviver: (_k, v) => (typeof v === 'string' ? v.toLowerCase() : v) }).name, 'test');
  });

  it('decode runs upcast(deserialize(s)); encode runs serialize(downcast(x))', () => {
    const codec = JSONCodec({
      upcast: (doc) => ({ profile: { name: doc.name }, version: 2 }),
      downcast: (doc) => ({ name: doc.profile.name }),
    });
    const decoded = codec.decode('{"name":"Ann"}');
    assert.deepEqual(decoded, { profile: { name: 'Ann' }, version: 2 });
    assert.equal(codec.encode(decoded), '{"name":"Ann"}');
    assert.deepEqual(codec.decode(codec.encode(decoded)), decoded);
  });
});
