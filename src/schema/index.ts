export * from './enums.js';
export * from './headers.js';
export * from './json-schema.js';
export * from './normalize.js';
export * from './tracker.js';
export * from './values.js';
