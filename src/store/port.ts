// The store port: the one small interface the ledger talks to, whatever database sits behind it.
// SQLite (./sqlite/) is the embedded default; a PostgreSQL adapter implements the same interface
// and must pass the same contract suite (./contract.ts). Every method is async so that a network
// database fits; positions are never computed in SQL (databases count code points, hearsay counts
// UTF-16 code units), so spans travel as JSON and texts as whole strings.

import type { ArticleJson, StatementJson } from '../core/format.js';
import type { Act, EntityType, StatementKind } from '../core/model.js';

/** An extraction result without its text (the text is stored once, by hash). */
export type Analysis = Omit<ArticleJson, 'text'>;

export interface LatestVersion {
  articleId: number;
  key: string;
  versionId: number;
  seq: number;
  textHash: string;
  storyGroup: number;
  /** The extractor fingerprint of the latest text's stored analysis (null: unknown, stored before it was recorded). */
  extractor: string | null;
}

export interface ArticleRow {
  id: number;
  /** The identity under which revisions accumulate: `url:<url>`, `id:<id>` or `hash:<sha256>`. */
  key: string;
  externalId: string | null;
  url: string | null;
  title: string | null;
  publisher: string | null;
  /** ISO 8601 date or date-time, as given by the source; null when unknown. */
  published: string | null;
  /** Articles with the same story group carry one story (exact or near duplicates). */
  storyGroup: number;
  latestVersion: number;
  versionCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface ArticleWrite {
  key: string;
  externalId: string | null;
  url: string | null;
  title: string | null;
  publisher: string | null;
  published: string | null;
}

export interface VersionRow {
  id: number;
  articleId: number;
  seq: number;
  textHash: string;
  title: string | null;
  byline: string | null;
  published: string | null;
  canonicalUrl: string | null;
  /** Where this version came from: a file path, a URL, `feed:<url>`, `jsonl:<file>:<line>`. */
  origin: string | null;
  ingestedAt: string;
  statementCount: number;
  /** Which extractor analysed this version's text (its stored analysis's fingerprint; null: unknown). */
  extractor: string | null;
}

export type VersionWrite = Omit<VersionRow, 'id' | 'seq' | 'statementCount' | 'extractor'>;

export interface TextRow {
  hash: string;
  text: string;
  analysis: Analysis;
  minhash: Uint32Array | null;
  /**
   * The fingerprint of the extractor that wrote `analysis` (src/ledger/extractor-identity.ts);
   * null when unknown (stored before the ledger recorded extractors), which counts as stale.
   */
  extractor: string | null;
}

/** How many stored texts one extractor analysed, and what hangs on them. */
export interface ExtractorCensus {
  /** The fingerprint; null for texts stored before extractors were recorded. */
  extractor: string | null;
  texts: number;
  /** Versions (of any article) carrying those texts. */
  versions: number;
  /** Statement rows of those versions. */
  statements: number;
}

export interface StatementWrite {
  versionId: number;
  articleId: number;
  /** The statement's id inside its analysis ("s3"). */
  localId: string;
  ordinal: number;
  kind: StatementKind;
  act: Act;
  source: string | null;
  cue: string;
  content: string;
  speakerId: number | null;
  /** Confidence of the link from the article's entity to the ledger speaker (0..1). */
  linkConfidence: number | null;
  /** The normalised name the link was made from (manual splits move statements by it). */
  speakerNorm: string | null;
  channel: string | null;
  confidence: number;
  /** The date the statement is dated by: the version's or article's publish date, else ingest time. */
  date: string;
  json: StatementJson;
}

export interface StatementRow extends StatementWrite {
  id: number;
  speakerName: string | null;
}

export interface SpeakerRow {
  id: number;
  name: string;
  type: EntityType;
  mergedInto: number | null;
  createdAt: string;
}

export interface SpeakerSummary extends SpeakerRow {
  aliases: string[];
  statements: number;
  articles: number;
  /** Distinct story groups: a wire story carried by many outlets counts once. */
  stories: number;
  firstSeen: string | null;
  lastSeen: string | null;
}

export interface AliasMatch {
  speakerId: number;
  norm: string;
  name: string;
  type: EntityType;
  /** Pinned by a manual merge or split: later ingests must link this alias here. */
  pinned: boolean;
  statements: number;
}

export interface DescriptorRow {
  speakerId: number;
  text: string;
  firstSeen: string;
  lastSeen: string;
  count: number;
}

export interface RevisionWrite {
  articleId: number;
  fromVersion: number;
  toVersion: number;
  /** Statement-level changes (see src/ledger/revisions.ts), stored as JSON. */
  changes: unknown[];
  /** Update and correction notes of the new version. */
  notes: unknown[];
  createdAt: string;
}

export interface RevisionRow extends RevisionWrite {
  id: number;
}

export interface AuditWrite {
  action: 'merge' | 'split' | 'rename';
  detail: Record<string, unknown>;
  at: string;
}

export interface AuditRow extends AuditWrite {
  id: number;
}

export interface StatementFilter {
  speakerIds?: number[];
  acts?: Act[];
  kinds?: StatementKind[];
  /** Inclusive lower bound (ISO date) on the statement's date. */
  from?: string;
  /** Inclusive upper bound (ISO date; a bare date covers the whole day). */
  to?: string;
  publishers?: string[];
  /** Only statements of the latest version of each article (default true). */
  latestOnly?: boolean;
  limit?: number;
  offset?: number;
}

export interface SearchQuery extends StatementFilter {
  /** An FTS5 query (the ledger's search module builds it from the user's words). */
  match: string;
}

export interface StatementHit extends StatementRow {
  articleKey: string;
  articleTitle: string | null;
  publisher: string | null;
  storyGroup: number;
  rank: number;
}

export interface ArticleHit {
  articleId: number;
  key: string;
  title: string | null;
  publisher: string | null;
  published: string | null;
  storyGroup: number;
  rank: number;
}

export interface SpeakerHit {
  speakerId: number;
  name: string;
  type: EntityType;
  rank: number;
}

export interface NearCandidate {
  articleId: number;
  storyGroup: number;
  minhash: Uint32Array;
}

/** Every operation of the store. Inside `transaction`, the same operations run atomically. */
export interface StoreOps {
  // articles and versions
  latestVersions(keys: string[]): Promise<Map<string, LatestVersion>>;
  findArticle(ref: string): Promise<ArticleRow | null>;
  getArticle(id: number): Promise<ArticleRow | null>;
  insertArticle(a: ArticleWrite, createdAt: string): Promise<number>;
  updateArticle(id: number, patch: Partial<Pick<ArticleRow, 'title' | 'publisher' | 'published' | 'url' | 'externalId' | 'storyGroup' | 'latestVersion'>>, updatedAt: string): Promise<void>;
  insertVersion(v: VersionWrite): Promise<{ id: number; seq: number }>;
  versions(articleId: number): Promise<VersionRow[]>;
  getVersion(id: number): Promise<VersionRow | null>;
  /** Articles (latest versions) in id order, for exports: `afterId` pages through them. */
  listArticles(afterId: number, limit: number, filter?: Pick<StatementFilter, 'from' | 'to' | 'publishers'>): Promise<ArticleRow[]>;
  articleCount(): Promise<number>;
  // texts (stored once per hash, with their analysis)
  hasText(hash: string): Promise<boolean>;
  getText(hash: string): Promise<TextRow | null>;
  /** Stores a text once: true when it was stored now, false when the ledger held it already (then nothing changes). */
  putText(t: TextRow): Promise<boolean>;
  /** Story group of any article whose latest or earlier version has exactly this text. */
  groupOfText(hash: string, exceptArticle: number): Promise<number | null>;
  /** The extractor of each stored text among `hashes` (a hash the ledger does not hold is absent from the map). */
  textExtractors(hashes: string[]): Promise<Map<string, string | null>>;
  /** Replaces a stored text's analysis and its extractor (the text and its signature stay). */
  replaceAnalysis(hash: string, analysis: Analysis, extractor: string): Promise<void>;
  /**
   * Hashes of stored texts after `after` in hash order, at most `limit`: those whose extractor is
   * not `staleFor` (unknown included), or every text when `staleFor` is undefined.
   */
  textHashes(after: string, limit: number, staleFor?: string): Promise<string[]>;
  /** Stored texts, versions and statements by the extractor that analysed them. */
  extractorCensus(): Promise<ExtractorCensus[]>;
  /** Every version (of any article) whose text is this one, in id order. */
  versionsOfText(hash: string): Promise<VersionRow[]>;
  // statements
  insertStatements(rows: StatementWrite[]): Promise<void>;
  /** Deletes a version's statements and their search rows; returns how many there were. */
  deleteStatementsOfVersion(versionId: number): Promise<number>;
  statementsOfVersion(versionId: number): Promise<StatementRow[]>;
  statements(filter: StatementFilter): Promise<StatementRow[]>;
  /** Statements of the latest versions. */
  statementCount(): Promise<number>;
  // revisions
  insertRevision(r: RevisionWrite): Promise<number>;
  revisions(articleId: number): Promise<RevisionRow[]>;
  /** Revisions from or to any of these versions, in id order. */
  revisionsOfVersions(versionIds: number[]): Promise<RevisionRow[]>;
  /** Replaces a revision's changes and notes (after its versions' analyses were replaced). */
  updateRevision(id: number, changes: unknown[], notes: unknown[]): Promise<void>;
  // speakers
  aliasMatches(norms: string[]): Promise<AliasMatch[]>;
  /** Speakers with an alias whose last word is `surname` (normalised). */
  surnameMatches(surname: string): Promise<AliasMatch[]>;
  createSpeaker(name: string, type: EntityType, createdAt: string): Promise<number>;
  getSpeaker(id: number): Promise<SpeakerRow | null>;
  renameSpeaker(id: number, name: string): Promise<void>;
  addAlias(speakerId: number, alias: string, norm: string, seen: string, pinned?: boolean): Promise<void>;
  addDescriptor(speakerId: number, text: string, norm: string, seen: string): Promise<void>;
  /** Undoes one addAlias: the count falls by one, and an alias no longer seen and not pinned is removed. */
  releaseAlias(speakerId: number, norm: string): Promise<void>;
  /** Undoes one addDescriptor: the count falls by one, and a descriptor no longer seen is removed. */
  releaseDescriptor(speakerId: number, norm: string): Promise<void>;
  speakerSummaries(opts: { limit?: number; minStatements?: number; query?: string }): Promise<SpeakerSummary[]>;
  speakerSummary(id: number): Promise<SpeakerSummary | null>;
  descriptors(speakerId: number): Promise<DescriptorRow[]>;
  /** Moves everything of `from` to `into` and pins from's aliases to `into`. */
  mergeSpeakers(into: number, from: number): Promise<void>;
  /** Moves the given aliases (norms) and the statements linked through them to `to`, pinned. */
  moveAliases(from: number, to: number, norms: string[]): Promise<number>;
  audit(entry: AuditWrite): Promise<number>;
  auditLog(speakerId?: number): Promise<AuditRow[]>;
  // syndication
  nearCandidates(bands: number[], exceptArticle: number): Promise<NearCandidate[]>;
  /** Sets an article's band keys; `replace` false skips removing old ones (a new article has none). */
  putBands(articleId: number, bands: number[], replace?: boolean): Promise<void>;
  storyGroups(minSize: number): Promise<{ storyGroup: number; articles: number[] }[]>;
  // search
  searchStatements(q: SearchQuery): Promise<StatementHit[]>;
  searchArticles(match: string, filter: StatementFilter): Promise<ArticleHit[]>;
  searchSpeakers(match: string, limit: number): Promise<SpeakerHit[]>;
}

export interface Store extends StoreOps {
  /** "sqlite", "postgres", ... */
  readonly kind: string;
  /** Where the store lives (a path or a connection string without secrets). */
  readonly location: string;
  /** The schema version after migrations. */
  schemaVersion(): Promise<number>;
  /** Runs fn atomically: every write in it lands, or none does. Not re-entrant. */
  transaction<T>(fn: (tx: StoreOps) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
