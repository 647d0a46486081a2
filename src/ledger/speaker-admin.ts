// Manual corrections to speakers: merge two records into one, or split aliases off into a new
// record. Each is one transaction, written to the audit log, and pins the aliases involved so that
// later ingests link those names where the person said, with confidence 1.

import { HearsayError } from '../core/errors.js';
import type { Store, SpeakerRow } from '../store/port.js';
import { normalizeName, personNameNorm } from './speakers.js';
import { speakerIdsByName } from './search.js';

/** One speaker by id (#12 or 12) or by name; ambiguous or unknown names are errors that list the choices. */
export async function resolveSpeaker(store: Store, ref: string): Promise<SpeakerRow> {
  const ids = await speakerIdsByName(store, ref);
  if (!ids.length) throw new HearsayError('NOT_FOUND', `No speaker matches "${ref}".`);
  if (ids.length > 1) {
    const names: string[] = [];
    for (const id of ids.slice(0, 10)) {
      const sp = await store.getSpeaker(id);
      if (sp) names.push(`#${sp.id} ${sp.name}`);
    }
    throw new HearsayError('USAGE', `"${ref}" matches ${ids.length} speakers: ${names.join(', ')}.`, { ids }, 'Name the speaker by its number, e.g. #12.');
  }
  const sp = await store.getSpeaker(ids[0]!);
  if (!sp) throw new HearsayError('NOT_FOUND', `No speaker matches "${ref}".`);
  return sp;
}

export async function mergeSpeakers(store: Store, intoRef: string, fromRef: string, note?: string): Promise<{ into: SpeakerRow; from: SpeakerRow }> {
  const into = await resolveSpeaker(store, intoRef);
  const from = await resolveSpeaker(store, fromRef);
  if (into.id === from.id) throw new HearsayError('USAGE', `"${intoRef}" and "${fromRef}" are already the same speaker (#${into.id}).`);
  await store.transaction(async (tx) => {
    await tx.mergeSpeakers(into.id, from.id);
    await tx.audit({ action: 'merge', at: new Date().toISOString(), detail: { into: into.id, from: from.id, intoName: into.name, fromName: from.name, ...(note ? { note } : {}) } });
  });
  return { into, from };
}

/** Moves the named aliases (and the statements linked through them) to a new speaker record. */
export async function splitSpeaker(store: Store, ref: string, aliases: string[], name?: string, note?: string): Promise<{ from: SpeakerRow; to: number; moved: number }> {
  const from = await resolveSpeaker(store, ref);
  if (!aliases.length) throw new HearsayError('USAGE', 'split: name at least one alias to move (--alias NAME).');
  const norms = [...new Set(aliases.flatMap((a) => [normalizeName(a), personNameNorm(a)]))];
  const known = (await store.aliasMatches(norms)).filter((m) => m.speakerId === from.id).map((m) => m.norm);
  if (!known.length) throw new HearsayError('NOT_FOUND', `Speaker #${from.id} ${from.name} has none of the aliases ${aliases.map((a) => `"${a}"`).join(', ')}.`);
  let to = 0;
  let moved = 0;
  await store.transaction(async (tx) => {
    to = await tx.createSpeaker(name ?? aliases[0]!, from.type, new Date().toISOString());
    moved = await tx.moveAliases(from.id, to, known);
    await tx.audit({ action: 'split', at: new Date().toISOString(), detail: { from: from.id, to, aliases: known, moved, ...(note ? { note } : {}) } });
  });
  return { from, to, moved };
}
