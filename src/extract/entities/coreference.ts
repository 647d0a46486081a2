// Coreference: groups mentions into entities across the article. Names link by exact match, by
// contiguous part ("Putin" ← "Vladimir Putin", "Kim" ← "Kim Jong Un") and by acronym; descriptions
// ("the Russian leader", "the intelligence service") link by role and word evidence, nationality
// agreement and salience; pronouns link to the most salient compatible antecedent nearby (gender,
// number, person or not; recency, subject position, frequency). Every lookup goes through maps or
// a bounded window of recent mentions, so the cost grows linearly with the article.

import type { EntityType } from '../../core/model.js';
import type { Span } from '../../core/span.js';
import type { Mention } from './mentions.js';
import { GENERIC_ORGANIZATION_HEADS, LEADER_ROLES, ORGANIZATION_SUFFIXES, sameRole, type Gender } from './vocabulary.js';

export interface Cluster {
  index: number;
  type: EntityType | null;
  /** Words of the fullest name so far (lower case), or of the founding description. */
  nameWords: string[];
  /** nameKey(nameWords), folded when first asked and kept until the name changes (null before). */
  nameKey: string[] | null;
  /** The mention whose text is the entity's name. */
  nameMention: Mention;
  mentions: Mention[];
  descriptors: Span[];
  roles: Set<string>;
  /** Head words of the descriptions among its mentions ("spokesman", "accord"). */
  heads: Set<string>;
  nationality: Set<string>;
  gender: Gender;
  /** The gender rests on a title or a pronoun, not only on a first name. */
  genderStrong: boolean;
  plural: boolean;
  lastSentence: number;
  /** Some mention of it is the source of a statement. */
  speaker: boolean;
}

/** How many sentences back a pronoun looks for its antecedent. */
const PRONOUN_WINDOW = 3;
/** How many recent linked mentions a pronoun considers at most. */
const RECENT_LIMIT = 60;
/** Names that open with a compass word are places or regions ("Eastern Mediterranean"), not people. */
const COMPASS = new Set(['eastern', 'western', 'northern', 'southern', 'central', 'east', 'west', 'north', 'south', 'upper', 'lower', 'greater']);
/** How many of the latest entities a description is compared with. */
const DESCRIPTION_WINDOW = 300;
/** Description heads that fit any person ("the official", "the man"). */
const GENERIC_PERSON_HEADS = new Set(['official', 'man', 'woman', 'person', 'member', 'officer', 'source']);

/** Folds case-insensitive words further: curly apostrophes, diacritics ("Erdoğan" = "Erdogan"), a final full stop. */
const fold = (w: string): string => {
  const plain = isAscii(w) ? w : w.normalize('NFD').replace(/\p{M}/gu, '').replace(/[’‘]/g, "'");
  return plain.endsWith('.') ? plain.slice(0, -1) : plain;
};

/** No character past U+007F: a loop over the character codes, cheaper than a regular expression test per word. */
function isAscii(w: string): boolean {
  for (let i = 0; i < w.length; i++) if (w.charCodeAt(i) > 0x7f) return false;
  return true;
}

/**
 * Every word folded. A loop, not `words.map(fold)`: the arrays Array.prototype.map returns change
 * elements kind once map is optimised, which deoptimised their readers here ('wrong map' in
 * nameKey, index, linkNominal).
 */
function foldAll(words: readonly string[]): string[] {
  const folded: string[] = [];
  for (const w of words) folded.push(fold(w));
  return folded;
}

/** Words joined by single spaces (what `join(' ')` gives). */
function joined(words: readonly string[]): string {
  let text = words.length ? words[0]! : '';
  for (let i = 1; i < words.length; i++) text += ' ' + words[i]!;
  return text;
}

/** A name's words for matching: folded, without a company-form suffix ("Bloomberg L.P."). */
function nameKey(words: string[]): string[] {
  const folded = foldAll(words);
  if (folded.length > 1 && ORGANIZATION_SUFFIXES.has(words[words.length - 1]!)) folded.pop();
  return folded;
}

/** Some role of the set is the same office as `role` (sameRole is symmetric); the set is walked, not copied. */
function hasSameRole(roles: ReadonlySet<string>, role: string): boolean {
  for (const x of roles) if (sameRole(x, role)) return true;
  return false;
}

function hasLeaderRole(roles: ReadonlySet<string>): boolean {
  for (const x of roles) if (LEADER_ROLES.has(x)) return true;
  return false;
}

const ARTICLES = new Set(['the', 'a', 'an']);

/** A description's words without articles, folded: what it shares with an organisation's name. */
function descriptionWords(words: readonly string[]): string[] {
  const out: string[] = [];
  for (const w of words) if (!ARTICLES.has(w)) out.push(fold(w));
  return out;
}

/** Words that an acronym skips ("Organisation of Islamic Cooperation" → "OIC"). */
const ACRONYM_SKIPS = new Set(['of', 'for', 'on', 'and', 'the', '&', "'s", '-']);

export class Coreference {
  readonly clusters: Cluster[] = [];
  private readonly byName = new Map<string, Cluster>();
  private readonly byWord = new Map<string, Cluster[]>();
  private readonly byAcronym = new Map<string, Cluster>();
  private readonly recent: Mention[] = [];

  /**
   * @param isSource whether a mention is the source of some statement.
   * @param ownWords the mentions inside the content of the statements a source mention speaks
   *   (names, and third-person pronouns of quoted words): a speaker does not name or call himself
   *   "he" in his own words, so a pronoun source refers to none of them ("'I've had a word with
   *   Olof,' he said" is not Olof).
   */
  constructor(
    private readonly isSource: (m: Mention) => boolean,
    private readonly ownWords: (m: Mention) => readonly Mention[] | undefined = () => undefined,
    private readonly previousSource: (m: Mention) => Mention | undefined = () => undefined,
  ) {}

  /** Links every mention, in text order. Unresolved descriptions and pronouns stay unlinked. */
  run(mentions: Mention[]): void {
    for (const m of mentions) {
      if (m.kind === 'name') this.linkName(m);
      else if (m.kind === 'nominal') this.linkNominal(m);
      else this.linkPronoun(m);
      if (m.entity >= 0) this.remember(m);
    }
  }

  cluster(m: Mention): Cluster | null {
    return m.entity >= 0 ? this.clusters[m.entity]! : null;
  }

  /** Adds a mention to a cluster, updating its evidence. */
  attach(m: Mention, c: Cluster, keepType = false): void {
    if (keepType) m.type = c.type;
    m.entity = c.index;
    c.mentions.push(m);
    c.lastSentence = Math.max(c.lastSentence, m.sentence);
    for (const r of m.roles) c.roles.add(r);
    if (m.kind === 'nominal') c.heads.add(m.head);
    if (m.nationality && m.kind !== 'pronoun') c.nationality.add(m.nationality);
    if (m.kind !== 'pronoun' && m.gender && (!c.gender || (!c.genderStrong && !m.genderFromName))) {
      c.gender = m.gender;
      c.genderStrong = !m.genderFromName;
    }
    // A subject pronoun ("she said") is good evidence of gender; an object or possessive one,
    // which may refer to someone else in the clause, is not.
    if (m.kind === 'pronoun' && m.pronoun?.case === 'subject' && m.gender && !c.genderStrong && (c.type === 'person' || c.type === null) && (!c.gender || c.gender === m.gender)) {
      c.gender = m.gender;
      c.genderStrong = true;
    }
    if (!c.type && m.type && m.kind !== 'pronoun') c.type = m.type;
    for (const d of m.descriptors) c.descriptors.push(d);
    if (this.isSource(m)) c.speaker = true;
    if (m.kind === 'name' && (m.words.length > c.nameMention.words.length || c.nameMention.kind !== 'name')) this.rename(c, m);
  }

  /** Starts a new entity founded by a mention. */
  found(m: Mention, type: EntityType | null = m.type): Cluster {
    const c: Cluster = {
      index: this.clusters.length,
      type,
      nameWords: m.words,
      nameKey: null,
      nameMention: m,
      mentions: [],
      descriptors: [],
      roles: new Set(),
      heads: new Set(),
      nationality: new Set(),
      gender: '',
      genderStrong: false,
      plural: m.plural,
      lastSentence: m.sentence,
      speaker: false,
    };
    this.clusters.push(c);
    this.index(c, m);
    this.attach(m, c);
    return c;
  }

  private rename(c: Cluster, m: Mention): void {
    c.nameMention = m;
    c.nameWords = m.words;
    c.nameKey = null;
    this.index(c, m);
  }

  /** The cluster's name words for matching (nameKey of its nameWords), folded once per name. */
  private keyOf(c: Cluster): string[] {
    return (c.nameKey ??= nameKey(c.nameWords));
  }

  /** Indexes the cluster under the words of m, its name mention (found and rename set it so). */
  private index(c: Cluster, m: Mention): void {
    const words = m.kind === 'name' ? this.keyOf(c) : foldAll(m.words);
    const key = joined(words);
    if (!this.byName.has(key)) this.byName.set(key, c);
    if (m.kind !== 'name') return;
    // A word twice in the name finds the cluster in its list already the second time.
    for (const w of words) {
      const list = this.byWord.get(w);
      if (!list) this.byWord.set(w, [c]);
      else if (!list.includes(c)) list.push(c);
    }
    let acronym = '';
    let capitals = 0;
    for (const w of m.words) {
      if (ACRONYM_SKIPS.has(w)) continue;
      acronym += w.charAt(0); // '' for an empty word, as join('') made of undefined
      capitals++;
    }
    if (capitals >= 2) this.byAcronym.set(acronym, c);
  }

  private remember(m: Mention): void {
    this.recent.push(m);
    if (this.recent.length > RECENT_LIMIT * 2) this.recent.splice(0, this.recent.length - RECENT_LIMIT);
  }

  private compatible(type: EntityType | null, c: Cluster): boolean {
    return !type || !c.type || type === c.type || (type === 'person' && c.type === 'other') || (type === 'other' && c.type === 'person');
  }

  private linkName(m: Mention): void {
    const words = nameKey(m.words);
    const key = joined(words);
    const named = m.aliasOf ? this.cluster(m.aliasOf) : null;
    if (named) {
      this.linkAlias(m, named, key);
      return;
    }
    const exact = this.byName.get(key);
    if (exact && this.compatible(m.type, exact)) return this.attach(m, exact);
    // The rarer links are methods of their own, so that reaching one for the first time does not
    // deoptimise linkName (it was recompiled 3 times over the BBC set).
    const earlier = this.earlierNameFor(m, words, key);
    // A place name linked to a person ("Amman" after "Sudesh Amman") takes the person's type.
    if (earlier) return this.attach(m, earlier, m.type === 'place' && earlier.type === 'person');
    const announced = m.type === 'person' || m.type === null ? this.announcedBy(m) : null;
    if (announced) return this.attach(m, announced, true);
    this.found(m);
  }

  /** The bracketed short form names the same entity from now on. */
  private linkAlias(m: Mention, named: Cluster, key: string): void {
    this.attach(m, named, true);
    if (!this.byName.has(key)) this.byName.set(key, named);
    this.byAcronym.set(key, named);
  }

  /**
   * The entity a name refers to when it is no exact repetition: an acronym of an organisation,
   * a person's surname that is also a place, a part of a longer name, or a fuller form of a
   * shorter one; null when there is none.
   */
  private earlierNameFor(m: Mention, words: string[], key: string): Cluster | null {
    // An acronym of an organisation named earlier ("FSB" ← "Federal Security Service").
    if (words.length === 1 && /^[A-Z]{2,6}$/.test(m.words[0]!.toUpperCase()) && m.words[0] === m.words[0]!.toLowerCase()) {
      const acronym = this.byAcronym.get(key);
      if (acronym && (acronym.type === 'organization' || acronym.type === 'group')) return acronym;
    }
    if (m.type === 'place') return words.length === 1 ? this.personNamedLike(words[0]!) : null;
    return this.partOfLongerName(m, words) ?? this.shorterNameOf(m, words);
  }

  /** "Amman" after "Sudesh Amman": a person's surname before a city of the same name (the caller keeps the person's type). */
  private personNamedLike(word: string): Cluster | null {
    for (const c of this.byWord.get(word) ?? []) {
      if (c.type !== 'person') continue;
      const n = this.keyOf(c);
      if (n.length > 0 && n[n.length - 1] === word) return c;
    }
    return null;
  }

  /** A part of a longer name seen earlier: surname, first name, family name first. */
  private partOfLongerName(m: Mention, words: string[]): Cluster | null {
    let best: Cluster | null = null;
    for (const c of this.byWord.get(words[0]!) ?? []) {
      if (c.type === 'place' || !this.compatible(m.type, c) || c.nameMention.kind !== 'name') continue;
      const n = this.keyOf(c);
      if (n.length <= words.length) continue;
      const prefix = words.every((w, i) => n[i] === w);
      const suffix = words.every((w, i) => n[n.length - words.length + i] === w);
      if (!prefix && !suffix) continue;
      if (!best || c.lastSentence > best.lastSentence) best = c;
    }
    return best;
  }

  /** A fuller form of a name seen earlier ("Trump" then "Donald Trump"). */
  private shorterNameOf(m: Mention, words: string[]): Cluster | null {
    for (const w of [words[words.length - 1]!, words[0]!]) {
      for (const c of this.byWord.get(w) ?? []) {
        if (c.type === 'place' || !this.compatible(m.type, c) || c.nameMention.kind !== 'name') continue;
        const n = this.keyOf(c);
        if (n.length >= words.length) continue;
        const prefix = n.every((x, i) => words[i] === x);
        const suffix = n.every((x, i) => words[words.length - n.length + i] === x);
        if (prefix || suffix) return c;
      }
    }
    return null;
  }

  /**
   * "… should be in Labour's manifesto, the Trade and Industry Secretary has said. Patricia Hewitt
   * said …": a news lead that opens with a titled speaker and names her in the next sentence. The
   * entity of a definite, titled description that spoke in the article's first two sentences and
   * has no name yet takes the first new name, in subject position, within the two sentences after
   * it, when no title or gender of the name disagrees and the name reads as a person's: it has a
   * known first name, or it speaks itself ("Labour has other plans", "Commons debates follow",
   * "Trump leads" are no such names; on the BBC set they made "the chancellor" Labour and "the
   * prime minister" Commons).
   */
  private announcedBy(m: Mention): Cluster | null {
    if (m.aliasOf) return null;
    // "India's finance minister, lashed out … Palaniappan Chidambaram, India's finance minister,
    // argued": a name whose own title matches an unnamed titled entity's, nationality agreeing.
    if (m.roles.length) {
      for (const c of this.candidates()) {
        const founder = c.nameMention;
        if (founder.kind !== 'nominal' || c.type !== 'person' || c.plural || !c.roles.size || c.mentions.some((x) => x.kind === 'name')) continue;
        if (!m.roles.some((r) => hasSameRole(c.roles, r))) continue;
        if (m.nationality && c.nationality.size && !c.nationality.has(m.nationality)) continue;
        if (!m.nationality && c.nationality.size) continue;
        if (m.gender && c.gender && m.gender !== c.gender && !m.genderFromName) continue;
        return c;
      }
    }
    if (!m.subject || m.sentence > 3 || !(m.genderFromName || this.isSource(m))) return null;
    for (const c of this.clusters) {
      const founder = c.nameMention;
      if (founder.kind !== 'nominal' || !founder.definite || c.type !== 'person' || !c.speaker || c.plural || !c.roles.size) continue;
      if (founder.sentence > 1 || m.sentence <= founder.sentence || m.sentence - founder.sentence > 2) continue;
      if (c.mentions.some((x) => x.kind === 'name')) continue;
      if (m.gender && c.gender && m.gender !== c.gender && !m.genderFromName) continue;
      if (m.roles.length && !m.roles.some((r) => hasSameRole(c.roles, r))) continue;
      return c;
    }
    return null;
  }

  private linkNominal(m: Mention): void {
    // Only a definite or anchored description refers back ("the spokesman"); a bare one
    // ("has been mayor since 1998") predicates.
    const refers = m.definite || m.anchored || this.isSource(m);
    if (!refers) return;
    if (m.indefinite) {
      if (this.isSource(m)) this.found(m);
      return;
    }
    // One method per kind of description: as one function linkNominal was recompiled 5 times
    // over the BBC set, each time a kind first reached one of its rarer branches.
    let best: Cluster | null = null;
    if (m.type === 'person' && m.roles.length) best = this.titledPersonFor(m);
    else if (m.type === 'organization') best = this.organizationFor(m);
    else if (m.type === 'document' || m.type === 'group') best = this.sameDescriptionFor(m);
    if (best) return this.attach(m, best);
    if (m.anchored || this.isSource(m)) {
      const c = this.found(m);
      this.byName.set(joined(descriptionWords(m.words)), c);
    }
  }

  /** The person a titled description ("the Russian leader", "the spokesman") refers to, or null. */
  private titledPersonFor(m: Mention): Cluster | null {
    let best: Cluster | null = null;
    let bestScore = 0;
    const role = m.roles[0]!;
    for (const c of this.candidates()) {
      if (c.type !== 'person' && !(c.type === null && c.nameMention.kind === 'name' && (c.speaker || !!c.gender))) continue;
      if (c.plural) continue;
      if (m.nationality && c.nationality.size && !c.nationality.has(m.nationality)) continue;
      if (m.gender && c.gender && m.gender !== c.gender) continue;
      let score = 0;
      if (c.roles.has(role)) score = 2;
      else if (hasSameRole(c.roles, role)) score = 1.8;
      else if (role === 'leader' && hasLeaderRole(c.roles)) score = 1.5;
      else if (GENERIC_PERSON_HEADS.has(role) && c.heads.has(m.head)) score = 0.5;
      if (score === 0) continue;
      // Added on every candidate (0 or 1; score + 0 is score), not under a test: the addition first
      // reached with a fractional score after V8 had optimised this function deoptimised it
      // ('lost precision').
      score += m.nationality && c.nationality.has(m.nationality) ? 1 : 0;
      score += this.salience(c, m.sentence);
      if (score > bestScore) {
        best = c;
        bestScore = score;
      }
    }
    if (!best && m.definite && (m.subject || this.isSource(m)) && !GENERIC_PERSON_HEADS.has(role)) best = this.untitledSpeaker(m);
    return best;
  }

  /** The organisation a description ("the intelligence service", "the company") refers to, or null. */
  private organizationFor(m: Mention): Cluster | null {
    let best: Cluster | null = null;
    let bestScore = 0;
    const words = new Set(descriptionWords(m.words));
    for (const c of this.candidates()) {
      // A name with nothing of a person about it ("UK Coal") may be the organisation meant.
      // One capitalised word may be a common noun opening a sentence ("Shares in UK Coal …").
      const unknown = c.type === null && c.nameMention.kind === 'name' && c.nameWords.length >= 2 && !c.gender && !c.roles.size && !c.plural && m.definite && GENERIC_ORGANIZATION_HEADS.has(m.head);
      if (c.type !== 'organization' && !unknown) continue;
      if (m.nationality && c.nationality.size && !c.nationality.has(m.nationality)) continue;
      let overlap = 0;
      for (const w of c.nameWords) if (words.has(fold(w))) overlap++;
      if (overlap === 0 && c.heads.has(m.head)) overlap = 1;
      // "The industry publication said": with no shared word, a definite description may still
      // mean the organisation that has just been speaking.
      // "The company said", "the mining group reported" (after "Shares in UK Coal …"): with no
      // shared word, a definite description of a generic kind may still mean an organisation
      // named in the last two sentences, the more likely the more it has spoken or been a subject.
      const generic = overlap === 0 && m.definite && GENERIC_ORGANIZATION_HEADS.has(m.head) && m.sentence - c.lastSentence <= 2;
      if (overlap === 0 && !generic) continue;
      const last = c.mentions[c.mentions.length - 1]!;
      const score = overlap + this.salience(c, m.sentence) + (generic && last.subject ? 0.5 : 0);
      if (score > bestScore) {
        best = c;
        bestScore = score;
      }
    }
    return best;
  }

  /** The same document or group description again ("the accord", "officials"), or null. */
  private sameDescriptionFor(m: Mention): Cluster | null {
    const key = joined(descriptionWords(m.words));
    const same = this.byName.get(key);
    if (same && same.type === m.type) return same;
    let best: Cluster | null = null;
    if (m.type === 'document' && m.definite && m.words.length <= 2) {
      // "the accord" after "The defense accord"; groups link only by the same words ("local
      // media" is not "State media").
      for (const c of this.candidates()) {
        if (c.type !== m.type) continue;
        if (c.heads.has(m.head) && (!best || c.lastSentence > best.lastSentence)) best = c;
      }
    }
    return best;
  }

  /**
   * "Gordon Brown has issued a rallying cry … The chancellor said …": a definite title that fits
   * nobody with a title refers to the one named person who has spoken in the last two sentences
   * and whose title the article has not given; null when there is none or more than one.
   */
  private untitledSpeaker(m: Mention): Cluster | null {
    let found: Cluster | null = null;
    for (const c of this.candidates()) {
      if (c.plural || c.roles.size || !c.speaker || c.nameMention.kind !== 'name') continue;
      if (c.type !== 'person' && !(c.type === null && (c.gender || c.nameWords.length >= 2))) continue;
      if (m.sentence - c.lastSentence > 2 || c.lastSentence > m.sentence) continue;
      if (m.gender && c.gender && m.gender !== c.gender) continue;
      if (m.nationality && c.nationality.size && !c.nationality.has(m.nationality)) continue;
      if (found) return null;
      found = c;
    }
    return found;
  }

  /** The entities a description may refer back to: the most recently founded ones, so that the
   * cost per description stays bounded on huge texts. */
  private candidates(): Cluster[] {
    return this.clusters.length > DESCRIPTION_WINDOW ? this.clusters.slice(-DESCRIPTION_WINDOW) : this.clusters;
  }

  /** Frequency, recency and having spoken make an entity more likely to be meant. */
  private salience(c: Cluster, sentence: number): number {
    const distance = Math.max(0, sentence - c.lastSentence);
    return 0.15 * Math.min(c.mentions.length, 10) + 1 / (1 + distance) + (c.speaker ? 0.3 : 0);
  }

  private linkPronoun(m: Mention): void {
    const p = m.pronoun;
    // "I", "we", "you" have no antecedent in the text: first-person.ts links "I" and "we" to the
    // speaker of the quoted words that hold them.
    if (!p || p.person !== 'third') return;
    // "it" and "they" are resolved only where a statement rests on them: elsewhere they too
    // often refer to events and unnamed things.
    if (p.kind !== 'person' && !this.isSource(m)) return;
    const scores = new Map<Cluster, number>();
    const own = this.ownWords(m);
    // "Southcorp said … However, it said": the speaker of the statement just before is the
    // likeliest referent of a pronoun that speaks next.
    const previous = this.previousSource(m);
    const continuing = previous && previous.entity >= 0 && m.sentence - previous.sentence <= 1 ? this.clusters[previous.entity]! : null;
    for (let i = this.recent.length - 1; i >= 0 && i >= this.recent.length - RECENT_LIMIT; i--) {
      const a = this.recent[i]!;
      if (a.sentence < m.sentence - PRONOUN_WINDOW) break;
      if (a.span.start >= m.span.start) continue;
      const c = this.clusters[a.entity]!;
      const agreement = this.agreement(m, c);
      if (agreement === null) continue;
      if (own && this.namedIn(own, c)) continue;
      const distance = m.sentence - a.sentence;
      let score = agreement + (distance === 0 ? 3 : distance === 1 ? 2 : distance === 2 ? 0.8 : 0.3);
      // Subjects are likelier antecedents, the more so for a subject pronoun ("He said …").
      if (a.subject) score += p.case === 'subject' ? 1.75 : 1;
      if (a.kind === 'pronoun') score += 0.5;
      // A new paragraph often brings a new subject: antecedents from earlier ones weigh less.
      if (a.paragraph !== m.paragraph) score -= 1;
      score += 0.12 * Math.min(c.mentions.length, 8);
      if (c.speaker) score += 0.5;
      if (c === continuing) score += 1;
      if ((scores.get(c) ?? -1) < score) scores.set(c, score);
    }
    let best: Cluster | null = null;
    let bestScore = -1;
    for (const [c, s] of scores) {
      if (s > bestScore) {
        best = c;
        bestScore = s;
      }
    }
    if (best) this.attach(m, best);
  }

  /** Whether one of `own` refers to the entity: linked to it already, or a name that is a part of its name. */
  private namedIn(own: readonly Mention[], c: Cluster): boolean {
    for (const o of own) {
      if (o.entity === c.index) return true;
      if (o.entity >= 0 || o.kind !== 'name' || c.nameMention.kind !== 'name') continue;
      const words = nameKey(o.words);
      const n = this.keyOf(c);
      if (words.length > n.length) continue;
      if (words.every((w, i) => n[i] === w) || words.every((w, i) => n[n.length - words.length + i] === w)) return true;
    }
    return false;
  }

  /** How well a pronoun fits an entity: null when it cannot refer to it, else a score bonus. */
  private agreement(m: Mention, c: Cluster): number | null {
    const p = m.pronoun!;
    if (p.kind === 'person') {
      if (p.number === 'sg' && c.plural) return null;
      const personLike = c.type === 'person' || (c.type === null && c.nameMention.kind === 'name' && !!c.gender);
      // A name that has spoken, or of two or more words, with nothing against a person ("Mufti
      // Abdul Qawi") may be one; evidence of a person (a title, a first name, a pronoun) counts more.
      const maybePerson = c.type === null && c.nameMention.kind === 'name' && (c.speaker || c.nameWords.length >= 2) && !COMPASS.has(c.nameWords[0]!);
      if (!personLike && !maybePerson) return null;
      if (!personLike) return -1;
      if (!p.gender || !c.gender) return 0;
      if (p.gender === c.gender) return 0.5;
      // Titles and earlier pronouns are strong evidence of gender; a first name's usual gender
      // ("Kim", "Xi") is weak, so it only lowers the score.
      return c.genderStrong ? null : -1;
    }
    if (p.number === 'pl') return c.type === 'group' || c.type === 'organization' || c.plural ? 0 : null;
    if (c.plural) return null;
    // "In August it had warned …": a place seldom speaks as "it".
    if (c.type === 'place') return this.isSource(m) ? -1.5 : 0;
    return c.type === 'organization' || c.type === 'document' || c.type === 'other' ? 0 : null;
  }
}
