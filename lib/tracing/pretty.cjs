'use strict';
// Upstream's prettyJson: coloured, indented JSON-like
// output for the PRETTY log style and the Pongo shell. Functions and symbols are left
// out, an Error prints its own properties (message, stack, ...), multi-line strings
// print one line per line when `handleMultiline` is set.
const { color } = require('./color.cjs');

const TWO_SPACES = '  ';
const COLOR_STRING = color.hex('#98c379');
const COLOR_KEY = color.hex('#61afef');
const COLOR_NUMBER_OR_DATE = color.hex('#d19a66');
const COLOR_BOOLEAN = color.hex('#c678dd');
const COLOR_NULL_OR_UNDEFINED = color.hex('#c678dd');
const COLOR_BRACKETS = color.hex('#abb2bf');

function processString(str, indent, handleMultiline) {
  if (handleMultiline && str.includes('\n')) {
    const lines = str.split('\n').map((line) => indent + TWO_SPACES + COLOR_STRING(line));
    return COLOR_STRING('"') + '\n' + lines.join('\n') + '\n' + indent + COLOR_STRING('"');
  }
  return COLOR_STRING(`"${str}"`);
}

const shouldPrint = (value) => typeof value !== 'function' && typeof value !== 'symbol';

function formatJson(obj, indentLevel = 0, handleMultiline = false) {
  const indent = TWO_SPACES.repeat(indentLevel);
  if (obj === null) return COLOR_NULL_OR_UNDEFINED('null');
  if (obj === undefined) return COLOR_NULL_OR_UNDEFINED('undefined');
  if (typeof obj === 'string') return processString(obj, indent, handleMultiline);
  if (typeof obj === 'number' || typeof obj === 'bigint' || obj instanceof Date)
    return COLOR_NUMBER_OR_DATE(String(obj));
  if (typeof obj === 'boolean') return COLOR_BOOLEAN(String(obj));
  if (obj instanceof Error) {
    const errorObj = {};
    for (const key of Object.getOwnPropertyNames(obj)) errorObj[key] = obj[key];
    return formatJson(errorObj, indentLevel, handleMultiline);
  }
  if (obj instanceof Promise) return COLOR_STRING('Promise {pending}');
  if (Array.isArray(obj)) {
    const items = obj.map((item) => formatJson(item, indentLevel + 1, handleMultiline));
    return `${COLOR_BRACKETS('[')}\n${indent}  ${items.join(`,\n${indent}  `)}\n${indent}${COLOR_BRACKETS(']')}`;
  }
  const entries = Object.entries(obj)
    .filter(([, value]) => shouldPrint(value))
    .map(([key, value]) => `${COLOR_KEY(`"${key}"`)}: ${formatJson(value, indentLevel + 1, handleMultiline)}`);
  return `${COLOR_BRACKETS('{')}\n${indent}  ${entries.join(`,\n${indent}  `)}\n${indent}${COLOR_BRACKETS('}')}`;
}

/** `prettyJson(value, { handleMultiline? })`. */
const prettyJson = (obj, options) => formatJson(obj, 0, options?.handleMultiline);

module.exports = { prettyJson };
