// Single words and marks that hot functions test token strings against, kept as sets rather than
// `===` comparisons. Token strings are internalized or not depending on the word (wink-nlp builds
// some, slices others), and a string comparison V8 compiled for the one kind fails on the other
// ('wrong instance type'), deoptimising the function it sits in; Set.has treats both alike.
// Measured in docs/benchmarks.md, sessions 7 and 10. One table here, so that each word has one set.

export const COMMA: ReadonlySet<string> = new Set([',']);
export const COLON: ReadonlySet<string> = new Set([':']);
export const OPENING_PARENTHESIS: ReadonlySet<string> = new Set(['(']);
export const CLOSING_PARENTHESIS: ReadonlySet<string> = new Set([')']);
export const AND: ReadonlySet<string> = new Set(['and']);
export const OF: ReadonlySet<string> = new Set(['of']);
export const THE: ReadonlySet<string> = new Set(['the']);
/** The possessive ending as its own token, straight or curly. */
export const APOSTROPHE_S: ReadonlySet<string> = new Set(["'s", '’s']);
export const COMMA_OR_AMPERSAND: ReadonlySet<string> = new Set([',', '&']);
