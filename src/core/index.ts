// The core's public surface: pure types and helpers, no I/O.
export * from './span.js';
export * from './model.js';
export * from './doc.js';
export * from './pipeline.js';
export * from './invariants.js';
export * from './format.js';
export * from './errors.js';
