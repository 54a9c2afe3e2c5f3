// Public types of @event-driven-io/dumbo (hand-maintained; the generated
// binding.d.cts is internal).
export * from './types/core';
export * from './types/pool';
