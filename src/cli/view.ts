// The readable view of an analysed article (`hearsay extract FILE`, `hearsay start`): a header,
// the statements one by one (id, kind, act, speaker, source, cue, content, channel, setting,
// addressee), then entities, notes, relations and metadata, whatever the article has; optionally
// the article text with every statement's source, cue and content marked. It reads only the
// hearsay/1 JSON object, so it shows exactly what --json would print.

import type { ArticleJson, EntityJson, StatementJson } from '../core/format.js';
import type { TextSpan } from '../core/span.js';
import type { Palette } from './colour.js';

export interface ViewOptions {
  palette: Palette;
  /** Terminal width for wrapping (default 100). */
  width?: number;
  /** Also print the article text with the statements marked. */
  showText?: boolean;
  /** A title for the header (file name); defaults to the article id. */
  title?: string;
}

/** Collapses runs of white space (line breaks in a quote that runs over paragraphs) for display. */
const flat = (s: string): string => s.replace(/\s+/gu, ' ').trim();

function wrap(text: string, width: number, indent: string, firstIndent = indent): string {
  const words = flat(text).split(' ');
  const lines: string[] = [];
  let line = firstIndent;
  let lineHasWord = false;
  for (const word of words) {
    if (lineHasWord && line.length + 1 + word.length > width) {
      lines.push(line);
      line = indent + word;
    } else {
      line += (lineHasWord ? ' ' : '') + word;
    }
    lineHasWord = true;
  }
  lines.push(line);
  return lines.join('\n');
}

function entityLabel(e: EntityJson | undefined): string {
  return e ? `${e.name} (${e.type}, ${e.id})` : '';
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function renderStatement(s: StatementJson, article: ArticleJson, o: ViewOptions): string {
  const p = o.palette;
  const width = o.width ?? 100;
  const entities = new Map(article.entities.map((e) => [e.id, e]));
  const lines: string[] = [];
  lines.push(`${p.heading(s.id)}  ${s.kind} · ${s.act} · confidence ${s.confidence}`);
  const field = (name: string, value: string): void => {
    lines.push(`    ${p.label(name.padEnd(9))} ${value}`);
  };
  const speaker = s.speaker ? entities.get(s.speaker) : undefined;
  if (s.source) field('source', `${p.source(flat(s.source.text))}${speaker ? `  → ${entityLabel(speaker)}` : ''}`);
  else field('source', p.dim(speaker ? `(none written) → ${entityLabel(speaker)}` : '(none)'));
  field('cue', p.cue(flat(s.cue.text)));
  s.content.forEach((c: TextSpan, i: number) => {
    const name = i === 0 ? 'content' : '';
    const body = wrap(c.text, width, ' '.repeat(14), '');
    lines.push(`    ${p.label(name.padEnd(9))} ${p.content(body)}`);
  });
  if (s.channel) field('channel', flat(s.channel.text));
  if (s.setting) field('setting', flat(s.setting.text));
  if (s.addressee) field('addressee', flat(s.addressee.text));
  return lines.join('\n');
}

/** The article text with statements marked: colour on a terminal, [source] <cue> {content} in plain text. */
export function renderMarkedText(article: ArticleJson, p: Palette): string {
  const text = article.text;
  // role per UTF-16 offset: 3 cue, 2 source, 1 content (a later statement never hides a cue)
  const role = new Uint8Array(text.length);
  const mark = (s: TextSpan | null, r: number): void => {
    if (!s) return;
    for (let i = Math.max(0, s.start); i < Math.min(text.length, s.end); i++) if (role[i]! < r) role[i] = r;
  };
  for (const s of article.statements) {
    s.content.forEach((c) => mark(c, 1));
    mark(s.source, 2);
    mark(s.cue, 3);
  }
  const style = [(x: string) => x, p.content, p.source, p.cue];
  const open = ['', '{', '[', '<'];
  const close = ['', '}', ']', '>'];
  let out = '';
  let i = 0;
  while (i < text.length) {
    const r = role[i]!;
    let j = i + 1;
    while (j < text.length && role[j] === r) j++;
    const piece = text.slice(i, j);
    out += r === 0 ? piece : p.enabled ? style[r]!(piece) : `${open[r]}${piece}${close[r]}`;
    i = j;
  }
  return out;
}

export function renderArticle(article: ArticleJson, o: ViewOptions): string {
  const p = o.palette;
  const parts: string[] = [];
  const title = o.title ?? article.id ?? 'article';
  const counts = [
    plural(article.statements.length, 'statement'),
    plural(article.entities.length, 'entity').replace('entitys', 'entities'),
    plural(article.notes.length, 'note'),
    plural(article.relations.length, 'relation'),
  ].join(' · ');
  parts.push(`${p.heading(`== ${title} ==`)}  ${p.dim(counts)}`);

  const m = article.meta;
  const meta: string[] = [];
  if (m.publisher) meta.push(`publisher ${m.publisher}`);
  if (m.dateline) meta.push(`dateline ${m.dateline}`);
  if (m.byline) meta.push(`byline ${m.byline}`);
  if (m.contributors.length) meta.push(`contributors ${m.contributors.join(', ')}`);
  if (m.copyright) meta.push(`copyright ${m.copyright}`);
  for (const u of m.updates) meta.push(`update "${flat(u.text)}"`);
  if (meta.length) parts.push(`${p.label('meta')}  ${meta.join(' · ')}`);

  if (o.showText) parts.push('', renderMarkedText(article, p));

  parts.push('');
  if (!article.statements.length) parts.push(p.dim('No attributed statements found.'));
  for (const s of article.statements) parts.push(renderStatement(s, article, o), '');

  if (article.entities.length) {
    parts.push(p.heading('Entities'));
    for (const e of article.entities) {
      const mentions = [...new Set(e.mentions.map((x) => flat(x.text)))];
      const descriptors = [...new Set(e.descriptors.map((x) => flat(x.text)))];
      let line = `  ${e.id.padEnd(5)} ${p.source(e.name)} (${e.type})  ${p.dim(`mentions: ${mentions.join(', ') || '-'}`)}`;
      if (descriptors.length) line += `  ${p.dim(`descriptors: ${descriptors.join('; ')}`)}`;
      parts.push(line);
    }
    parts.push('');
  }
  if (article.notes.length) {
    parts.push(p.heading('Notes'));
    for (const n of article.notes) {
      const targets = n.targets.length ? ` → ${n.targets.join(', ')}` : '';
      parts.push(`  ${n.id.padEnd(5)} ${n.kind}: "${flat(n.span.text)}"${targets}${n.by ? ` (by ${n.by})` : ''}`);
    }
    parts.push('');
  }
  if (article.relations.length) {
    parts.push(p.heading('Relations'));
    for (const r of article.relations) parts.push(`  ${r.from} ${r.kind} ${r.to}${r.evidence ? `  evidence: "${flat(r.evidence.text)}"` : ''}`);
    parts.push('');
  }
  if (article.diagnostics?.length) {
    parts.push(p.heading('Diagnostics'));
    for (const d of article.diagnostics) parts.push(`  ${p.warn(d.stage)}: ${d.message}`);
    parts.push('');
  }
  return parts.join('\n');
}
