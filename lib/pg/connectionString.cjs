'use strict';
module.exports = require('../postgresqlConnectionString.cjs');
