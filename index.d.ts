// Public types of @event-driven-io/dumbo (hand-maintained; the generated
// binding.d.cts is internal).
export * from './types/core';
export * from './types/pool';
export * from './types/schema';
export * from './types/connections';
export * from './types/drivers';
export * from './types/sql';
export * from './types/schemaKeyed';
export * from './types/tracing';
export * from './types/upstreamTypeLevel';
