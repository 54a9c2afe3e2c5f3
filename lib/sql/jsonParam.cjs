'use strict';

// Helpers that turn JSON values into bound string parameters.

const { JSONSerializer } = require('../serializer.cjs');

const value = (jsonValue, serializer = JSONSerializer) =>
  serializer.serialize(jsonValue);

const document = (doc, serializer = JSONSerializer) =>
  serializer.serialize(doc);

// For containment checks (e.g. PostgreSQL `@>`): serialises `[jsonValue]`.
const arrayContaining = (jsonValue, serializer = JSONSerializer) =>
  serializer.serialize([jsonValue]);

const JSONParam = Object.freeze({ arrayContaining, document, value });

module.exports = { JSONParam };
