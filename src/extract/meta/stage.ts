// Stage "meta": the article's metadata, read from its newsroom furniture (src/nlp/newsroom.ts):
// publisher ("(Bloomberg) --", "LONDON (Reuters) -", "(AP) —", else the copyright holder),
// dateline ("LONDON", "KYIV, Ukraine"), byline ("By …" near the top), contributors ("--With
// assistance from A and B.", "Reporting by …", "… contributed to this report"), update notices
// as spans, and the copyright line ("©2024 Bloomberg L.P."). Fills only what is still empty.

import type { Doc } from '../../core/doc.js';
import type { Stage } from '../../core/pipeline.js';
import { trimSpan, trimSpanBy } from '../../core/span.js';
import { classifyParagraphs, readOpener, TOP_PARAGRAPHS as TOP } from '../../nlp/newsroom.js';

export const metaStage: Stage = {
  name: 'meta',
  requires: ['paragraphs'],
  provides: ['meta'],
  run(doc: Doc) {
    const meta = doc.meta;
    let copyrightHolder: string | null = null;
    const contributors: string[] = [];
    const furnitures = classifyParagraphs(doc.text, doc.paragraphs);
    doc.paragraphs.forEach((p, i) => {
      const text = doc.slice(p);
      if (i < TOP && meta.publisher === null && meta.dateline === null) {
        const opener = readOpener(text);
        if (opener) {
          meta.publisher = opener.publisher;
          meta.dateline = opener.dateline;
        }
      }
      const furniture = furnitures[i];
      if (!furniture) return;
      switch (furniture.kind) {
        case 'byline':
          if (meta.byline === null) meta.byline = (furniture.names ?? []).join(', ') || null;
          break;
        case 'contributors':
          for (const name of furniture.names ?? []) if (!contributors.includes(name)) contributors.push(name);
          break;
        case 'update':
          if (furniture.note) meta.updates.push(trimSpanBy(doc.text, { start: p.start + furniture.note.start, end: p.start + furniture.note.end }, /[\s.]/u));
          else meta.updates.push(trimSpan(doc.text, p));
          break;
        case 'copyright':
          if (meta.copyright === null) {
            meta.copyright = text.trim();
            copyrightHolder = furniture.holder ?? null;
          }
          break;
        default:
          break;
      }
    });
    if (meta.contributors.length === 0) meta.contributors = contributors;
    if (meta.publisher === null && copyrightHolder) meta.publisher = copyrightHolder;
  },
};
