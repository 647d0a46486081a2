// The dependency direction of docs/architecture.md, checked on the sources (the "small script"
// the design asks for): core imports nothing but core (no node:*, no packages); the analysis
// layers (core, nlp, model, extract, eval) never import the edges (cli, store, ledger, ingest,
// server, web); pipeline stages never import each other.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const SRC = join(import.meta.dirname, '..', 'src');
const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) sources(path, out);
    else if (name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

interface Edge {
  from: string; // path relative to src, e.g. extract/quotes/stage.ts
  to: string; // relative to src for local imports, else the specifier (node:fs, wink-nlp)
  local: boolean;
}

function edges(): Edge[] {
  const out: Edge[] = [];
  for (const file of sources(SRC)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(IMPORT)) {
      const spec = m[1] ?? m[2]!;
      const local = spec.startsWith('.');
      out.push({ from: relative(SRC, file), to: local ? relative(SRC, resolve(dirname(file), spec)) : spec, local });
    }
  }
  return out;
}

const layer = (path: string): string => path.split(/[\\/]/)[0]!;
const ANALYSIS = new Set(['core', 'nlp', 'model', 'extract', 'eval']);
const EDGES = new Set(['cli', 'store', 'ledger', 'ingest', 'server', 'web']);

test('core imports only core: no node:*, no packages', () => {
  const bad = edges().filter((e) => layer(e.from) === 'core' && (!e.local || layer(e.to) !== 'core'));
  assert.deepEqual(bad.map((e) => `${e.from} -> ${e.to}`), []);
});

test('the analysis layers never import the edges (cli, store, ledger, ingest, server, web)', () => {
  const bad = edges().filter((e) => e.local && ANALYSIS.has(layer(e.from)) && EDGES.has(layer(e.to)));
  assert.deepEqual(bad.map((e) => `${e.from} -> ${e.to}`), []);
});

test('pipeline stages never import each other', () => {
  const stageOf = (p: string): string | null => {
    const parts = p.split(/[\\/]/);
    // src/extract/test-support holds test helpers (left out of the build), not a stage.
    return parts[0] === 'extract' && parts.length > 2 && parts[1] !== 'test-support' ? parts[1]! : null;
  };
  const bad = edges().filter((e) => {
    if (!e.local) return false;
    const a = stageOf(e.from);
    const b = stageOf(e.to);
    return a !== null && b !== null && a !== b;
  });
  assert.deepEqual(bad.map((e) => `${e.from} -> ${e.to}`), []);
});
