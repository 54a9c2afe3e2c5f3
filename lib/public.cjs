'use strict';
// Everything the root entry exports besides dumbo() and the registry.
module.exports = {
  ...require('./errors.cjs'),
  ...require('./errorMappers.cjs'),
  ...require('./sql/index.cjs'),
  ...require('./query.cjs'),
  ...require('./serializer.cjs'),
  ...require('./core/transaction.cjs'),
  sqlExecutor: require('./core/executor.cjs').sqlExecutor,
  Abort: require('./core/abort.cjs').Abort,
  ...require('./core/connections/index.cjs'),
  ...require('./schema/index.cjs'),
  ...require('./capabilities.cjs'),
  ...require('./tracing/index.cjs'),
};
