// The scorer as a library: read PolNeAR-format gold and predictions, score them, format the report.
// Used by `hearsay eval`, the CI quality gate and the model trainer.
export * from './positions.js';
export * from './records.js';
export * from './score.js';
export * from './predict.js';
export * from './format.js';
