// Feature hashing: strings and small integers to 32-bit feature ids, with no allocation in the hot
// loops. Strings are hashed once per token (FNV-1a); a conjunction of ids is one multiply per
// part, XORed, and one avalanche step, so a cue-relative feature costs a handful of operations.
// Written by hand: a few lines, and the model file format depends on these exact numbers, so no
// library version bump may change them.

/** FNV-1a over UTF-16 code units, as an unsigned 32-bit integer. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** hashString(s.slice(-k)) (the whole string when it is shorter), without building the slice. */
export function hashSuffix(s: string, k: number): number {
  let h = 0x811c9dc5;
  for (let i = s.length > k ? s.length - k : 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Final avalanche so that the low bits (the hash-table index) depend on every input bit. */
export function finish(h: number): number {
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  h = Math.imul(h, 0x297a2d39);
  return (h ^ (h >>> 15)) >>> 0;
}

/** Combines two 32-bit values into one (order matters: each position has its own multiplier). */
export function mix(a: number, b: number): number {
  return finish(Math.imul(a, 0x9e3779b1) ^ Math.imul(b ^ 0x7f4a7c15, 0x85ebca77));
}

export function mix3(a: number, b: number, c: number): number {
  return finish(Math.imul(a, 0x9e3779b1) ^ Math.imul(b ^ 0x7f4a7c15, 0x85ebca77) ^ Math.imul(c ^ 0x165667b1, 0xc2b2ae3d));
}

export function mix4(a: number, b: number, c: number, d: number): number {
  return finish(
    Math.imul(a, 0x9e3779b1) ^ Math.imul(b ^ 0x7f4a7c15, 0x85ebca77) ^ Math.imul(c ^ 0x165667b1, 0xc2b2ae3d) ^ Math.imul(d ^ 0x27d4eb2f, 0x27d4eb2d),
  );
}

// The parts of mix3 / mix4, for loops that hash many ids sharing their first two parts or a later
// part: mix4(a, b, c, d) === finish(mixHead(a, b) ^ mixThird(c) ^ mixFourth(d)) and
// mix3(a, b, c) === finish(mixHead(a, b) ^ mixThird(c)), bit for bit (hashing.test.ts checks it).
export function mixHead(a: number, b: number): number {
  return Math.imul(a, 0x9e3779b1) ^ Math.imul(b ^ 0x7f4a7c15, 0x85ebca77);
}

export function mixThird(c: number): number {
  return Math.imul(c ^ 0x165667b1, 0xc2b2ae3d);
}

export function mixFourth(d: number): number {
  return Math.imul(d ^ 0x27d4eb2f, 0x27d4eb2d);
}
