'use strict';

// JSON serializer with composable replacers/revivers.

const bigIntReplacer = (_key, value) =>
  typeof value === 'bigint' ? value.toString() : value;

// JSON.stringify calls Date#toJSON before the replacer, so this only sees a
// Date when toJSON was removed or the replacer is called directly (upstream
// behaves the same; invalid dates therefore still serialise as null).
const dateReplacer = (_key, value) =>
  value instanceof Date ? value.toISOString() : value;

const isDigit = (code) => code >= 48 && code <= 57;

// Unsafe integers become BigInt, built from the exact source text when the
// runtime passes `context.source` (JSON.parse with source, Node 21+).
// Long numeric strings that only fit a BigInt are revived too.
const bigIntReviver = (_key, value, context) => {
  if (
    typeof value === 'number' &&
    Number.isInteger(value) &&
    !Number.isSafeInteger(value)
  ) {
    try {
      return BigInt(context?.source ?? value.toString());
    } catch {
      return value; // e.g. source '1e20' or '1e+21' is not BigInt syntax
    }
  }
  if (typeof value === 'string' && value.length > 15) {
    const first = value.charCodeAt(0);
    if (isDigit(first) || first === 45 /* - */) {
      const num = Number(value);
      if (Number.isFinite(num) && !Number.isSafeInteger(num)) {
        try {
          return BigInt(value);
        } catch {
          // a float such as '12345678901234567.5' stays a string
        }
      }
    }
  }
  return value;
};

// Only the exact toISOString() shape: 24 chars, digit first, T and Z in place.
const dateReviver = (_key, value) => {
  if (
    typeof value === 'string' &&
    value.length === 24 &&
    isDigit(value.charCodeAt(0)) &&
    value[10] === 'T' &&
    value[23] === 'Z'
  ) {
    const date = new Date(value);
    if (!Number.isNaN(date.getTime())) return date;
  }
  return value;
};

const defined = (fns) => fns.filter((fn) => fn !== undefined);

// Left to right; `this` (the holder object) is passed on to every function.
const composeJSONReplacers = (...replacers) => {
  const fns = defined(replacers);
  if (fns.length === 0) return undefined;
  if (fns.length === 1) return fns[0];
  /** @this {unknown} the holder object JSON.stringify passes */
  return function composedReplacer(key, value) {
    let result = value;
    for (let i = 0; i < fns.length; i++) result = fns[i].call(this, key, result);
    return result;
  };
};

const composeJSONRevivers = (...revivers) => {
  const fns = defined(revivers);
  if (fns.length === 0) return undefined;
  if (fns.length === 1) return fns[0];
  /** @this {unknown} the holder object JSON.parse passes */
  return function composedReviver(key, value, context) {
    let result = value;
    for (let i = 0; i < fns.length; i++)
      result = fns[i].call(this, key, result, context);
    return result;
  };
};

const JSONReplacers = { bigInt: bigIntReplacer, date: dateReplacer };
const JSONRevivers = { bigInt: bigIntReviver, date: dateReviver };

// User replacer first, then the built-ins unless switched off.
const JSONReplacer = (options) =>
  composeJSONReplacers(
    options?.replacer,
    options?.failOnBigIntSerialization !== true
      ? JSONReplacers.bigInt
      : undefined,
    options?.useDefaultDateSerialization !== true
      ? JSONReplacers.date
      : undefined,
  );

// User reviver first, then the built-ins that were switched on.
const JSONReviver = (options) =>
  composeJSONRevivers(
    options?.reviver,
    options?.parseBigInts === true ? JSONRevivers.bigInt : undefined,
    options?.parseDates === true ? JSONRevivers.date : undefined,
  );

// Per-call options replace the serializer's defaults; they do not merge.
const jsonSerializer = (options) => {
  const defaultReplacer = JSONReplacer(options);
  const defaultReviver = JSONReviver(options);
  return {
    serialize: (object, callOptions) =>
      JSON.stringify(
        object,
        callOptions ? JSONReplacer(callOptions) : defaultReplacer,
      ),
    deserialize: (payload, callOptions) =>
      JSON.parse(
        payload,
        callOptions ? JSONReviver(callOptions) : defaultReviver,
      ),
  };
};

const JSONSerializer = jsonSerializer();

// { serialization: { serializer?, options? } } -> a serializer.
JSONSerializer.from = (options) => {
  const serialization = options?.serialization;
  if (serialization?.serializer) return serialization.serializer;
  return serialization?.options
    ? jsonSerializer(serialization.options)
    : JSONSerializer;
};

const identity = (value) => value;

const JSONCodec = (options) => {
  const serializer =
    options?.serializer ?? jsonSerializer(options?.serializerOptions);
  const upcast = options?.upcast ?? identity;
  const downcast = options?.downcast ?? identity;
  return {
    decode: (payload, decodeOptions) =>
      upcast(
        decodeOptions
          ? serializer.deserialize(payload, decodeOptions)
          : serializer.deserialize(payload),
      ),
    encode: (object, encodeOptions) => {
      const downcasted = downcast(object);
      return encodeOptions
        ? serializer.serialize(downcasted, encodeOptions)
        : serializer.serialize(downcasted);
    },
  };
};

module.exports = {
  JSONSerializer,
  jsonSerializer,
  JSONCodec,
  JSONReplacer,
  JSONReplacers,
  JSONReviver,
  JSONRevivers,
  composeJSONReplacers,
  composeJSONRevivers,
};
