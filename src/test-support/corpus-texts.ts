// Reads a research corpus kept outside the repository (../shared/data/news/…, one {id, text} JSON
// object per line) as a map from article id to text, for the tests and scripts that score gold
// expectations against it; null when the file is not on this machine, so callers can skip plainly.

import { existsSync, readFileSync } from 'node:fs';

export function readCorpusTexts(path: string): Map<string, string> | null {
  if (!existsSync(path)) return null;
  const texts = new Map<string, string>();
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const record = JSON.parse(line) as { id: string; text: string };
    texts.set(record.id, record.text);
  }
  return texts;
}
