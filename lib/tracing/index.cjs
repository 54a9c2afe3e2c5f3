'use strict';
// Root exports of tracing: tracer, LogLevel, LogStyle, color, prettyJson.
const { tracer, LogLevel, LogStyle } = require('./tracer.cjs');
const { color } = require('./color.cjs');
const { prettyJson } = require('./pretty.cjs');

module.exports = { tracer, LogLevel, LogStyle, color, prettyJson };
