// Exports: W3C Web Annotations whose selectors re-anchor every statement in the article (code-point
// positions, emoji included), CSV that round-trips quotes, commas and newlines, Citron quote JSON,
// and the JSON export carrying the hearsay/1 analysis with its text.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { codePointToUtf16Offset } from '../core/span.js';
import { contractAnalysis, CONTRACT_TEXT } from '../store/contract.js';
import { SqliteStore } from '../store/sqlite/store.js';
import { ingest } from '../ingest/ingester.js';
import { normalizeText } from '../ingest/normalize.js';
import { csvField, exportLedger } from './export.js';

const dir = mkdtempSync(join(tmpdir(), 'hearsay-export-'));
after(() => rmSync(dir, { recursive: true, force: true }));

async function ledger(): Promise<SqliteStore> {
  const store = new SqliteStore(join(dir, `x-${Math.random().toString(36).slice(2)}.db`));
  const text = normalizeText(CONTRACT_TEXT);
  await ingest(store, [{ item: { origin: 't', id: 'a/1', url: 'https://news.example.org/a1', title: 'Prices, "soon"', published: '2024-10-24', text } }], {
    analyse: (t) => ({ ...contractAnalysis(t), text: t }),
  });
  return store;
}

async function collect(gen: AsyncGenerator<string>): Promise<string> {
  let s = '';
  for await (const c of gen) s += c;
  return s;
}

/** A tiny RFC 4180 reader for the test. */
function parseCsv(s: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && s[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  return rows;
}

test('web annotations re-anchor each statement by quote and by position (code points)', async () => {
  const store = await ledger();
  try {
    const json = JSON.parse(await collect(exportLedger(store, 'webannotation')));
    assert.equal(json['@context'], 'http://www.w3.org/ns/anno.jsonld');
    assert.equal(json.type, 'AnnotationCollection');
    const items = json.first.items as { type: string; target: { source: string; selector: Record<string, unknown>[] }[] }[];
    assert.equal(items.length, 2);
    const text = normalizeText(CONTRACT_TEXT);
    for (const a of items) {
      assert.equal(a.type, 'Annotation');
      for (const t of a.target) {
        assert.equal(t.source, 'https://news.example.org/a1');
        const quote = t.selector.find((s) => s.type === 'TextQuoteSelector') as { exact: string; prefix: string; suffix: string };
        const pos = t.selector.find((s) => s.type === 'TextPositionSelector') as { start: number; end: number };
        const start = codePointToUtf16Offset(text, pos.start);
        const end = codePointToUtf16Offset(text, pos.end);
        assert.equal(text.slice(start, end), quote.exact);
        assert.equal(text.indexOf(quote.prefix + quote.exact + quote.suffix), start - quote.prefix.length);
      }
    }
    const emoji = items[0]!.target[0]!.selector.find((s) => s.type === 'TextQuoteSelector') as { exact: string };
    assert.equal(emoji.exact, '“Prices will fall 😀,”');
  } finally {
    await store.close();
  }
});

test('CSV: one row per statement, quoting that round-trips', async () => {
  assert.equal(csvField('a,"b"\nc'), '"a,""b""\nc"');
  assert.equal(csvField(null), '');
  const store = await ledger();
  try {
    const rows = parseCsv(await collect(exportLedger(store, 'csv')));
    assert.equal(rows.length, 3);
    const header = rows[0]!;
    const first = Object.fromEntries(header.map((h, i) => [h, rows[1]![i]]));
    assert.equal(first.title, 'Prices, "soon"');
    assert.equal(first.content, '“Prices will fall 😀,”');
    assert.equal(first.speaker, 'Jane Roe');
    assert.equal(first.act, 'assert');
    assert.equal(Object.fromEntries(header.map((h, i) => [h, rows[2]![i]])).act, 'deny');
  } finally {
    await store.close();
  }
});

test('Citron quote JSON and the JSON export', async () => {
  const store = await ledger();
  try {
    const line = JSON.parse((await collect(exportLedger(store, 'citron'))).trim());
    assert.equal(line.id, 'a/1');
    const chars = [...line.text];
    for (const q of line.quotes) {
      for (const s of [q.cue, ...q.sources, ...q.contents]) assert.equal(chars.slice(s.start, s.end).join(''), s.text, 'code-point offsets, as Python counts');
    }
    assert.deepEqual(Object.keys(line.quotes[0]).sort(), ['confidence', 'contents', 'coreferences', 'cue', 'id', 'sources']);
    const all = JSON.parse(await collect(exportLedger(store, 'json')));
    assert.equal(all.length, 1);
    assert.equal(all[0].analysis.format, 'hearsay/1');
    assert.equal(all[0].analysis.text, normalizeText(CONTRACT_TEXT));
    assert.equal(all[0].speakers.s1.name, 'Jane Roe');
    const none = JSON.parse(await collect(exportLedger(store, 'json', { filter: { from: '2030-01-01' } })));
    assert.deepEqual(none, []);
  } finally {
    await store.close();
  }
});
