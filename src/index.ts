// hearsay's library entry point.
export * from './core/index.js';
export { analyse, extract, getPipeline, DEFAULT_STAGES } from './extract/pipeline.js';
