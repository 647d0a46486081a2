// The SQLite store: the default, embedded ledger (better-sqlite3 12, WAL journal, FTS5 search).
// One connection, used by one process; transactions are BEGIN IMMEDIATE ... COMMIT around an async
// callback that must not interleave with other work on the same store (the ledger serialises).
// With WAL and synchronous=NORMAL a killed process never loses a committed transaction and never
// leaves half of one.

import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { StatementJson } from '../../core/format.js';
import type { Act, EntityType, StatementKind } from '../../core/model.js';
import { HearsayError } from '../../core/errors.js';
import type {
  AliasMatch,
  Analysis,
  ArticleHit,
  ArticleRow,
  ArticleWrite,
  AuditRow,
  AuditWrite,
  DescriptorRow,
  ExtractorCensus,
  LatestVersion,
  NearCandidate,
  RevisionRow,
  RevisionWrite,
  SearchQuery,
  SpeakerHit,
  SpeakerRow,
  SpeakerSummary,
  StatementFilter,
  StatementHit,
  StatementRow,
  StatementWrite,
  Store,
  StoreOps,
  TextRow,
  VersionRow,
  VersionWrite,
} from '../port.js';
import { migrate, currentVersion } from './migrate.js';

type Row = Record<string, unknown>;

const ARTICLE_COLUMNS = `a.id, a.key, a.external_id, a.url, a.title, a.publisher, a.published, a.story_group,
  a.latest_version, a.created_at, a.updated_at, (SELECT COUNT(*) FROM versions v WHERE v.article_id = a.id) AS version_count`;

function toArticle(r: Row): ArticleRow {
  return {
    id: r.id as number,
    key: r.key as string,
    externalId: (r.external_id as string | null) ?? null,
    url: (r.url as string | null) ?? null,
    title: (r.title as string | null) ?? null,
    publisher: (r.publisher as string | null) ?? null,
    published: (r.published as string | null) ?? null,
    storyGroup: r.story_group as number,
    latestVersion: r.latest_version as number,
    versionCount: r.version_count as number,
    createdAt: r.created_at as string,
    updatedAt: r.updated_at as string,
  };
}

function toVersion(r: Row): VersionRow {
  return {
    id: r.id as number,
    articleId: r.article_id as number,
    seq: r.seq as number,
    textHash: r.text_hash as string,
    title: (r.title as string | null) ?? null,
    byline: (r.byline as string | null) ?? null,
    published: (r.published as string | null) ?? null,
    canonicalUrl: (r.canonical_url as string | null) ?? null,
    origin: (r.origin as string | null) ?? null,
    ingestedAt: r.ingested_at as string,
    statementCount: (r.statement_count as number) ?? 0,
    extractor: (r.extractor as string | null) ?? null,
  };
}

function toStatement(r: Row): StatementRow {
  return {
    id: r.id as number,
    versionId: r.version_id as number,
    articleId: r.article_id as number,
    localId: r.local_id as string,
    ordinal: r.ordinal as number,
    kind: r.kind as StatementKind,
    act: r.act as Act,
    source: (r.source as string | null) ?? null,
    cue: r.cue as string,
    content: r.content as string,
    speakerId: (r.speaker_id as number | null) ?? null,
    speakerName: (r.speaker_name as string | null) ?? null,
    linkConfidence: (r.link_confidence as number | null) ?? null,
    speakerNorm: (r.speaker_norm as string | null) ?? null,
    channel: (r.channel as string | null) ?? null,
    confidence: r.confidence as number,
    date: r.date as string,
    json: JSON.parse(r.json as string) as StatementJson,
  };
}

function toSpeaker(r: Row): SpeakerRow {
  return {
    id: r.id as number,
    name: r.name as string,
    type: r.type as EntityType,
    mergedInto: (r.merged_into as number | null) ?? null,
    createdAt: r.created_at as string,
  };
}

function toRevision(r: Row): RevisionRow {
  return {
    id: r.id as number,
    articleId: r.article_id as number,
    fromVersion: r.from_version as number,
    toVersion: r.to_version as number,
    changes: JSON.parse(r.changes as string) as unknown[],
    notes: JSON.parse(r.notes as string) as unknown[],
    createdAt: r.created_at as string,
  };
}

/** Version columns with the statement count and the extractor of the version's text. */
const VERSION_COLUMNS = `v.*, t.extractor, (SELECT COUNT(*) FROM statements s WHERE s.version_id = v.id) AS statement_count`;

function toMinhash(blob: unknown): Uint32Array | null {
  if (!blob || !(blob instanceof Uint8Array) || blob.byteLength % 4 !== 0) return null;
  const copy = new Uint8Array(blob.byteLength);
  copy.set(blob);
  return new Uint32Array(copy.buffer);
}

/** A bare date as an upper bound covers its whole day. */
function upperBound(to: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(to) ? `${to}T99` : to;
}

/** Statements per multi-row INSERT (17 values each; SQLite allows 32,766 per statement). */
const STATEMENT_CHUNK = 32;

/** `(?, ?), (?, ?)` for `rows` rows of `columns` values. */
function placeholders(rows: number, columns: number): string {
  const row = `(${new Array(columns).fill('?').join(', ')})`;
  return new Array(rows).fill(row).join(', ');
}

function surnameOf(norm: string): string {
  const words = norm.split(' ');
  return words[words.length - 1] ?? norm;
}

export interface SqliteStoreOptions {
  /** Open read-only (queries only; no migrations are applied). */
  readonly?: boolean;
}

export class SqliteStore implements Store {
  readonly kind = 'sqlite';
  readonly location: string;
  private readonly db: Database.Database;
  private readonly cache = new Map<string, Database.Statement>();
  private inTransaction = false;
  /** Speakers whose search row must be rebuilt before the transaction commits. */
  private readonly dirtySpeakers = new Set<number>();
  /**
   * Within a transaction: the texts stored in it (by hash) and the articles created in it that
   * have no search row yet, so that an article's search row is written from the text in memory
   * instead of being read back, and no row that cannot exist is deleted first.
   */
  private readonly textsWritten = new Map<string, string>();
  private readonly articlesWithoutFts = new Set<number>();
  private readonly articlesWithoutVersion = new Set<number>();
  private readonly speakerStatementCounts = new Map<number, number>();
  /** JSON of statement objects already serialised by putText, reused by insertStatements. */
  private statementJson = new WeakMap<object, string>();

  constructor(path: string, options: SqliteStoreOptions = {}) {
    this.location = path;
    try {
      if (path !== ':memory:' && !options.readonly) mkdirSync(dirname(path), { recursive: true });
      this.db = new Database(path, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
      if (!options.readonly) {
        this.db.pragma('journal_mode = WAL');
        this.db.pragma('synchronous = NORMAL');
      }
      this.db.pragma('foreign_keys = ON');
      this.db.pragma('busy_timeout = 5000');
      if (!options.readonly) migrate(this.db);
    } catch (error) {
      if (error instanceof HearsayError) throw error;
      throw new HearsayError('STORE', `Cannot open the ledger at ${path}: ${error instanceof Error ? error.message : String(error)}`, { path });
    }
  }

  private q(sql: string): Database.Statement {
    let s = this.cache.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.cache.set(sql, s);
    }
    return s;
  }

  async schemaVersion(): Promise<number> {
    return currentVersion(this.db);
  }

  async transaction<T>(fn: (tx: StoreOps) => Promise<T>): Promise<T> {
    if (this.inTransaction) throw new HearsayError('INTERNAL', 'Nested ledger transactions are not supported.');
    this.inTransaction = true;
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const result = await fn(this);
      for (const id of this.dirtySpeakers) this.rebuildSpeakerFts(id);
      this.dirtySpeakers.clear();
      this.db.exec('COMMIT');
      return result;
    } catch (error) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      throw error;
    } finally {
      this.dirtySpeakers.clear();
      this.textsWritten.clear();
      this.articlesWithoutFts.clear();
      this.articlesWithoutVersion.clear();
      this.speakerStatementCounts.clear();
      this.statementJson = new WeakMap();
      this.inTransaction = false;
    }
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  // ---- articles and versions

  async latestVersions(keys: string[]): Promise<Map<string, LatestVersion>> {
    const out = new Map<string, LatestVersion>();
    const stmt = this.q(`SELECT a.id, a.key, a.story_group, v.id AS version_id, v.seq, v.text_hash, t.extractor
      FROM articles a JOIN versions v ON v.id = a.latest_version LEFT JOIN texts t ON t.hash = v.text_hash WHERE a.key = ?`);
    for (const key of new Set(keys)) {
      const r = stmt.get(key) as Row | undefined;
      if (r) {
        out.set(key, {
          articleId: r.id as number,
          key,
          versionId: r.version_id as number,
          seq: r.seq as number,
          textHash: r.text_hash as string,
          storyGroup: r.story_group as number,
          extractor: (r.extractor as string | null) ?? null,
        });
      }
    }
    return out;
  }

  async findArticle(ref: string): Promise<ArticleRow | null> {
    const tries: [string, unknown][] = [
      [`SELECT ${ARTICLE_COLUMNS} FROM articles a WHERE a.key = ?`, ref],
      [`SELECT ${ARTICLE_COLUMNS} FROM articles a WHERE a.key = ?`, `url:${ref}`],
      [`SELECT ${ARTICLE_COLUMNS} FROM articles a WHERE a.key = ?`, `id:${ref}`],
      [`SELECT ${ARTICLE_COLUMNS} FROM articles a WHERE a.external_id = ? ORDER BY a.id LIMIT 1`, ref],
      [`SELECT ${ARTICLE_COLUMNS} FROM articles a WHERE a.url = ? ORDER BY a.id LIMIT 1`, ref],
      [`SELECT ${ARTICLE_COLUMNS} FROM articles a WHERE a.id = (SELECT article_id FROM versions WHERE canonical_url = ? ORDER BY id DESC LIMIT 1)`, ref],
    ];
    if (/^\d+$/.test(ref)) tries.push([`SELECT ${ARTICLE_COLUMNS} FROM articles a WHERE a.id = ?`, Number(ref)]);
    for (const [sql, arg] of tries) {
      const r = this.q(sql).get(arg) as Row | undefined;
      if (r) return toArticle(r);
    }
    return null;
  }

  async getArticle(id: number): Promise<ArticleRow | null> {
    const r = this.q(`SELECT ${ARTICLE_COLUMNS} FROM articles a WHERE a.id = ?`).get(id) as Row | undefined;
    return r ? toArticle(r) : null;
  }

  async insertArticle(a: ArticleWrite, createdAt: string): Promise<number> {
    // The id given explicitly (the next after the largest, as SQLite would choose it), so that the
    // article starts as its own story group in one statement.
    const id = (((this.q(`SELECT MAX(id) AS m FROM articles`).get() as Row).m as number | null) ?? 0) + 1;
    this.q(
      `INSERT INTO articles (id, key, external_id, url, title, publisher, published, story_group, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(id, a.key, a.externalId, a.url, a.title, a.publisher, a.published, id, createdAt, createdAt);
    if (this.inTransaction) {
      this.articlesWithoutFts.add(id);
      this.articlesWithoutVersion.add(id);
    }
    return id;
  }

  async updateArticle(id: number, patch: Parameters<StoreOps['updateArticle']>[1], updatedAt: string): Promise<void> {
    const columns: Record<string, string> = {
      title: 'title',
      publisher: 'publisher',
      published: 'published',
      url: 'url',
      externalId: 'external_id',
      storyGroup: 'story_group',
      latestVersion: 'latest_version',
    };
    const sets: string[] = [];
    const args: unknown[] = [];
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || !columns[k]) continue;
      sets.push(`${columns[k]} = ?`);
      args.push(v);
    }
    sets.push('updated_at = ?');
    args.push(updatedAt, id);
    this.q(`UPDATE articles SET ${sets.join(', ')} WHERE id = ?`).run(...args);
    if (patch.latestVersion !== undefined || patch.title !== undefined) this.refreshArticleFts(id);
  }

  private refreshArticleFts(id: number): void {
    const r = this.q(`SELECT a.title, v.text_hash FROM articles a JOIN versions v ON v.id = a.latest_version WHERE a.id = ?`).get(id) as Row | undefined;
    if (this.articlesWithoutFts.delete(id)) {
      // Created in this transaction and never indexed: there is no row to delete.
    } else {
      this.q(`DELETE FROM articles_fts WHERE rowid = ?`).run(id);
    }
    if (!r) return;
    const hash = r.text_hash as string;
    const text = this.textsWritten.get(hash) ?? ((this.q(`SELECT text FROM texts WHERE hash = ?`).get(hash) as Row | undefined)?.text as string | undefined);
    if (text !== undefined) this.q(`INSERT INTO articles_fts (rowid, title, body) VALUES (?, ?, ?)`).run(id, r.title ?? '', text);
  }

  async insertVersion(v: VersionWrite): Promise<{ id: number; seq: number }> {
    // An article created in this transaction and not yet versioned has no versions to count.
    const seq = this.articlesWithoutVersion.delete(v.articleId)
      ? 0
      : (((this.q(`SELECT MAX(seq) AS m FROM versions WHERE article_id = ?`).get(v.articleId) as Row).m as number | null) ?? 0);
    const info = this.q(
      `INSERT INTO versions (article_id, seq, text_hash, title, byline, published, canonical_url, origin, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(v.articleId, seq + 1, v.textHash, v.title, v.byline, v.published, v.canonicalUrl, v.origin, v.ingestedAt);
    return { id: Number(info.lastInsertRowid), seq: seq + 1 };
  }

  async versions(articleId: number): Promise<VersionRow[]> {
    const rows = this.q(`SELECT ${VERSION_COLUMNS} FROM versions v LEFT JOIN texts t ON t.hash = v.text_hash WHERE v.article_id = ? ORDER BY v.seq`).all(articleId) as Row[];
    return rows.map(toVersion);
  }

  async getVersion(id: number): Promise<VersionRow | null> {
    const r = this.q(`SELECT ${VERSION_COLUMNS} FROM versions v LEFT JOIN texts t ON t.hash = v.text_hash WHERE v.id = ?`).get(id) as Row | undefined;
    return r ? toVersion(r) : null;
  }

  async versionsOfText(hash: string): Promise<VersionRow[]> {
    const rows = this.q(`SELECT ${VERSION_COLUMNS} FROM versions v LEFT JOIN texts t ON t.hash = v.text_hash WHERE v.text_hash = ? ORDER BY v.id`).all(hash) as Row[];
    return rows.map(toVersion);
  }

  async listArticles(afterId: number, limit: number, filter: Pick<StatementFilter, 'from' | 'to' | 'publishers'> = {}): Promise<ArticleRow[]> {
    const where = ['a.id > ?'];
    const args: unknown[] = [afterId];
    this.articleFilterSql(filter, where, args);
    args.push(limit);
    const rows = this.db.prepare(`SELECT ${ARTICLE_COLUMNS} FROM articles a WHERE ${where.join(' AND ')} ORDER BY a.id LIMIT ?`).all(...args) as Row[];
    return rows.map(toArticle);
  }

  async articleCount(): Promise<number> {
    return (this.q(`SELECT COUNT(*) AS n FROM articles`).get() as Row).n as number;
  }

  // ---- texts

  async hasText(hash: string): Promise<boolean> {
    return this.q(`SELECT 1 FROM texts WHERE hash = ?`).get(hash) !== undefined;
  }

  async getText(hash: string): Promise<TextRow | null> {
    const r = this.q(`SELECT * FROM texts WHERE hash = ?`).get(hash) as Row | undefined;
    if (!r) return null;
    return {
      hash,
      text: r.text as string,
      analysis: JSON.parse(r.analysis as string) as Analysis,
      minhash: toMinhash(r.minhash),
      extractor: (r.extractor as string | null) ?? null,
    };
  }

  async putText(t: TextRow): Promise<boolean> {
    if (this.textsWritten.has(t.hash)) return false;
    const blob = t.minhash ? Buffer.from(t.minhash.buffer, t.minhash.byteOffset, t.minhash.byteLength) : null;
    const info = this.q(`INSERT OR IGNORE INTO texts (hash, text, analysis, minhash, extractor) VALUES (?, ?, ?, ?, ?)`).run(
      t.hash,
      t.text,
      this.analysisJson(t.analysis),
      blob,
      t.extractor,
    );
    if (info.changes === 0) return false;
    if (this.inTransaction) this.textsWritten.set(t.hash, t.text);
    return true;
  }

  /**
   * JSON.stringify(analysis), byte for byte, with each statement serialised once and remembered
   * for insertStatements (the statements table keeps each statement's JSON too).
   */
  private analysisJson(analysis: Analysis): string {
    if (!this.inTransaction || !Array.isArray(analysis.statements)) return JSON.stringify(analysis);
    const parts: string[] = [];
    for (const [key, value] of Object.entries(analysis)) {
      if (key !== 'statements') {
        const json = JSON.stringify(value) as string | undefined;
        if (json !== undefined) parts.push(`${JSON.stringify(key)}:${json}`);
        continue;
      }
      const items: string[] = [];
      for (const st of value as StatementJson[]) {
        const json = JSON.stringify(st) as string | undefined;
        if (json !== undefined && st !== null && typeof st === 'object') this.statementJson.set(st, json);
        items.push(json ?? 'null');
      }
      parts.push(`"statements":[${items.join(',')}]`);
    }
    return `{${parts.join(',')}}`;
  }

  async textExtractors(hashes: string[]): Promise<Map<string, string | null>> {
    const out = new Map<string, string | null>();
    const stmt = this.q(`SELECT extractor FROM texts WHERE hash = ?`);
    for (const hash of new Set(hashes)) {
      const r = stmt.get(hash) as Row | undefined;
      if (r) out.set(hash, (r.extractor as string | null) ?? null);
    }
    return out;
  }

  async replaceAnalysis(hash: string, analysis: Analysis, extractor: string): Promise<void> {
    this.q(`UPDATE texts SET analysis = ?, extractor = ? WHERE hash = ?`).run(this.analysisJson(analysis), extractor, hash);
  }

  async textHashes(after: string, limit: number, staleFor?: string): Promise<string[]> {
    const rows = (
      staleFor === undefined
        ? this.q(`SELECT hash FROM texts WHERE hash > ? ORDER BY hash LIMIT ?`).all(after, limit)
        : this.q(`SELECT hash FROM texts WHERE hash > ? AND extractor IS NOT ? ORDER BY hash LIMIT ?`).all(after, staleFor, limit)
    ) as Row[];
    return rows.map((r) => r.hash as string);
  }

  async extractorCensus(): Promise<ExtractorCensus[]> {
    const rows = this.q(
      `SELECT t.extractor, COUNT(DISTINCT t.hash) AS texts, COUNT(DISTINCT v.id) AS versions,
         COALESCE(SUM((SELECT COUNT(*) FROM statements s WHERE s.version_id = v.id)), 0) AS statements
       FROM texts t LEFT JOIN versions v ON v.text_hash = t.hash GROUP BY t.extractor ORDER BY texts DESC, t.extractor`,
    ).all() as Row[];
    return rows.map((r) => ({
      extractor: (r.extractor as string | null) ?? null,
      texts: r.texts as number,
      versions: r.versions as number,
      statements: r.statements as number,
    }));
  }

  async groupOfText(hash: string, exceptArticle: number): Promise<number | null> {
    const r = this.q(
      `SELECT a.story_group FROM versions v JOIN articles a ON a.id = v.article_id WHERE v.text_hash = ? AND v.article_id <> ? ORDER BY a.id LIMIT 1`,
    ).get(hash, exceptArticle) as Row | undefined;
    return r ? (r.story_group as number) : null;
  }

  // ---- statements

  async insertStatements(rows: StatementWrite[]): Promise<void> {
    // Multi-row INSERTs (a few statements per call into SQLite instead of two calls per statement)
    // with the ids given explicitly: the next ids after the largest, as SQLite would choose them,
    // so that each statement's search row can carry its id.
    if (!rows.length) return;
    let nextId = ((this.q(`SELECT MAX(id) AS m FROM statements`).get() as Row).m as number | null) ?? 0;
    for (let from = 0; from < rows.length; from += STATEMENT_CHUNK) {
      const chunk = rows.slice(from, from + STATEMENT_CHUNK);
      const values: unknown[] = [];
      const search: unknown[] = [];
      for (const s of chunk) {
        const id = ++nextId;
        values.push(
          id,
          s.versionId,
          s.articleId,
          s.localId,
          s.ordinal,
          s.kind,
          s.act,
          s.source,
          s.cue,
          s.content,
          s.speakerId,
          s.linkConfidence,
          s.speakerNorm,
          s.channel,
          s.confidence,
          s.date,
          this.statementJson.get(s.json) ?? JSON.stringify(s.json),
        );
        search.push(id, s.content, s.source ?? '', s.cue);
        if (s.speakerId !== null) {
          const n = this.speakerStatementCounts.get(s.speakerId);
          if (n !== undefined) this.speakerStatementCounts.set(s.speakerId, n + 1);
        }
      }
      this.q(
        `INSERT INTO statements (id, version_id, article_id, local_id, ordinal, kind, act, source, cue, content, speaker_id, link_confidence,
      speaker_norm, channel, confidence, date, json) VALUES ${placeholders(chunk.length, 17)}`,
      ).run(...values);
      this.q(`INSERT INTO statements_fts (rowid, content, source, cue) VALUES ${placeholders(chunk.length, 4)}`).run(...search);
    }
  }

  async deleteStatementsOfVersion(versionId: number): Promise<number> {
    const ids = (this.q(`SELECT id FROM statements WHERE version_id = ?`).all(versionId) as Row[]).map((r) => r.id as number);
    const deleteSearchRow = this.q(`DELETE FROM statements_fts WHERE rowid = ?`);
    for (const id of ids) deleteSearchRow.run(id);
    this.q(`DELETE FROM statements WHERE version_id = ?`).run(versionId);
    // Speakers' remembered statement counts no longer hold.
    this.speakerStatementCounts.clear();
    return ids.length;
  }

  async statementsOfVersion(versionId: number): Promise<StatementRow[]> {
    const rows = this.q(
      `SELECT s.*, sp.name AS speaker_name FROM statements s LEFT JOIN speakers sp ON sp.id = s.speaker_id WHERE s.version_id = ? ORDER BY s.ordinal`,
    ).all(versionId) as Row[];
    return rows.map(toStatement);
  }

  /** Date and publisher conditions on articles `a` (an article is dated by publication, else by ingest). */
  private articleFilterSql(f: Pick<StatementFilter, 'from' | 'to' | 'publishers'>, where: string[], args: unknown[]): void {
    if (f.from) {
      where.push('COALESCE(a.published, a.created_at) >= ?');
      args.push(f.from);
    }
    if (f.to) {
      where.push('COALESCE(a.published, a.created_at) <= ?');
      args.push(upperBound(f.to));
    }
    if (f.publishers?.length) {
      where.push(`a.publisher COLLATE NOCASE IN (${f.publishers.map(() => '?').join(',')})`);
      args.push(...f.publishers);
    }
  }

  private filterSql(f: StatementFilter, where: string[], args: unknown[]): void {
    if (f.latestOnly !== false) where.push('a.latest_version = s.version_id');
    if (f.speakerIds?.length) {
      where.push(`s.speaker_id IN (${f.speakerIds.map(() => '?').join(',')})`);
      args.push(...f.speakerIds);
    }
    if (f.acts?.length) {
      where.push(`s.act IN (${f.acts.map(() => '?').join(',')})`);
      args.push(...f.acts);
    }
    if (f.kinds?.length) {
      where.push(`s.kind IN (${f.kinds.map(() => '?').join(',')})`);
      args.push(...f.kinds);
    }
    if (f.from) {
      where.push('s.date >= ?');
      args.push(f.from);
    }
    if (f.to) {
      where.push('s.date <= ?');
      args.push(upperBound(f.to));
    }
    if (f.publishers?.length) {
      where.push(`a.publisher COLLATE NOCASE IN (${f.publishers.map(() => '?').join(',')})`);
      args.push(...f.publishers);
    }
  }

  async statements(filter: StatementFilter): Promise<StatementRow[]> {
    const where: string[] = ['1'];
    const args: unknown[] = [];
    this.filterSql(filter, where, args);
    args.push(filter.limit ?? -1, filter.offset ?? 0);
    const rows = this.db
      .prepare(
        `SELECT s.*, sp.name AS speaker_name FROM statements s JOIN articles a ON a.id = s.article_id LEFT JOIN speakers sp ON sp.id = s.speaker_id
         WHERE ${where.join(' AND ')} ORDER BY s.date, s.article_id, s.ordinal LIMIT ? OFFSET ?`,
      )
      .all(...args) as Row[];
    return rows.map(toStatement);
  }

  async statementCount(): Promise<number> {
    return (this.q(`SELECT COUNT(*) AS n FROM statements s JOIN articles a ON a.latest_version = s.version_id AND a.id = s.article_id`).get() as Row).n as number;
  }

  // ---- revisions

  async insertRevision(r: RevisionWrite): Promise<number> {
    const info = this.q(`INSERT INTO revisions (article_id, from_version, to_version, changes, notes, created_at) VALUES (?, ?, ?, ?, ?, ?)`).run(
      r.articleId,
      r.fromVersion,
      r.toVersion,
      JSON.stringify(r.changes),
      JSON.stringify(r.notes),
      r.createdAt,
    );
    return Number(info.lastInsertRowid);
  }

  async revisions(articleId: number): Promise<RevisionRow[]> {
    const rows = this.q(`SELECT * FROM revisions WHERE article_id = ? ORDER BY id`).all(articleId) as Row[];
    return rows.map(toRevision);
  }

  async revisionsOfVersions(versionIds: number[]): Promise<RevisionRow[]> {
    if (!versionIds.length) return [];
    const list = versionIds.map(() => '?').join(',');
    const rows = this.db.prepare(`SELECT * FROM revisions WHERE from_version IN (${list}) OR to_version IN (${list}) ORDER BY id`).all(...versionIds, ...versionIds) as Row[];
    return rows.map(toRevision);
  }

  async updateRevision(id: number, changes: unknown[], notes: unknown[]): Promise<void> {
    this.q(`UPDATE revisions SET changes = ?, notes = ? WHERE id = ?`).run(JSON.stringify(changes), JSON.stringify(notes), id);
  }

  // ---- speakers

  private toAliasMatch(r: Row): AliasMatch {
    return {
      speakerId: r.speaker_id as number,
      norm: r.norm as string,
      name: r.name as string,
      type: r.type as EntityType,
      pinned: (r.pinned as number) === 1,
      statements: this.statementCountOf(r.speaker_id as number),
    };
  }

  /**
   * How many statements a speaker has. Inside a transaction the counts are remembered and kept up
   * to date by insertStatements (the same busy speakers are looked up article after article);
   * merges and splits, and the end of the transaction, forget them.
   */
  private statementCountOf(speakerId: number): number {
    let n = this.inTransaction ? this.speakerStatementCounts.get(speakerId) : undefined;
    if (n === undefined) {
      n = (this.q(`SELECT COUNT(*) AS n FROM statements WHERE speaker_id = ?`).get(speakerId) as Row).n as number;
      if (this.inTransaction) this.speakerStatementCounts.set(speakerId, n);
    }
    return n;
  }

  async aliasMatches(norms: string[]): Promise<AliasMatch[]> {
    if (!norms.length) return [];
    const rows = this.q(
      `SELECT al.speaker_id, al.norm, al.pinned, sp.name, sp.type
         FROM speaker_aliases al JOIN speakers sp ON sp.id = al.speaker_id
         WHERE al.norm IN (${norms.map(() => '?').join(',')}) AND sp.merged_into IS NULL`,
    ).all(...norms) as Row[];
    return rows.map((r) => this.toAliasMatch(r));
  }

  async surnameMatches(surname: string): Promise<AliasMatch[]> {
    const rows = this.q(
      `SELECT al.speaker_id, al.norm, al.pinned, sp.name, sp.type
       FROM speaker_aliases al JOIN speakers sp ON sp.id = al.speaker_id WHERE al.surname = ? AND sp.merged_into IS NULL LIMIT 200`,
    ).all(surname) as Row[];
    return rows.map((r) => this.toAliasMatch(r));
  }

  async createSpeaker(name: string, type: EntityType, createdAt: string): Promise<number> {
    const info = this.q(`INSERT INTO speakers (name, type, created_at) VALUES (?, ?, ?)`).run(name, type, createdAt);
    const id = Number(info.lastInsertRowid);
    this.refreshSpeakerFts(id);
    return id;
  }

  async getSpeaker(id: number): Promise<SpeakerRow | null> {
    const r = this.q(`SELECT * FROM speakers WHERE id = ?`).get(id) as Row | undefined;
    return r ? toSpeaker(r) : null;
  }

  async renameSpeaker(id: number, name: string): Promise<void> {
    this.q(`UPDATE speakers SET name = ? WHERE id = ?`).run(name, id);
    this.refreshSpeakerFts(id);
  }

  /** Rebuilds a speaker's search row now, or at commit inside a transaction (once per speaker). */
  private refreshSpeakerFts(id: number): void {
    if (this.inTransaction) this.dirtySpeakers.add(id);
    else this.rebuildSpeakerFts(id);
  }

  private rebuildSpeakerFts(id: number): void {
    const sp = this.q(`SELECT name, merged_into FROM speakers WHERE id = ?`).get(id) as Row | undefined;
    this.q(`DELETE FROM speakers_fts WHERE rowid = ?`).run(id);
    if (!sp || sp.merged_into !== null) return;
    const aliases = (this.q(`SELECT alias FROM speaker_aliases WHERE speaker_id = ?`).all(id) as Row[]).map((r) => r.alias as string);
    this.q(`INSERT INTO speakers_fts (rowid, names) VALUES (?, ?)`).run(id, [sp.name as string, ...aliases].join(' | '));
  }

  async addAlias(speakerId: number, alias: string, norm: string, seen: string, pinned = false): Promise<void> {
    // (A single upsert with RETURNING measured no faster than this look-up and write.)
    const existing = this.q(`SELECT 1 FROM speaker_aliases WHERE norm = ? AND speaker_id = ?`).get(norm, speakerId);
    if (existing) {
      this.q(
        `UPDATE speaker_aliases SET count = count + 1, pinned = MAX(pinned, ?), first_seen = MIN(first_seen, ?), last_seen = MAX(last_seen, ?) WHERE norm = ? AND speaker_id = ?`,
      ).run(pinned ? 1 : 0, seen, seen, norm, speakerId);
      return;
    }
    this.q(`INSERT INTO speaker_aliases (speaker_id, norm, alias, surname, pinned, first_seen, last_seen) VALUES (?, ?, ?, ?, ?, ?, ?)`).run(
      speakerId,
      norm,
      alias,
      surnameOf(norm),
      pinned ? 1 : 0,
      seen,
      seen,
    );
    this.refreshSpeakerFts(speakerId);
  }

  async addDescriptor(speakerId: number, text: string, norm: string, seen: string): Promise<void> {
    this.q(
      `INSERT INTO speaker_descriptors (speaker_id, norm, text, first_seen, last_seen) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (speaker_id, norm) DO UPDATE SET count = count + 1, first_seen = MIN(first_seen, excluded.first_seen), last_seen = MAX(last_seen, excluded.last_seen)`,
    ).run(speakerId, norm, text, seen, seen);
  }

  async releaseAlias(speakerId: number, norm: string): Promise<void> {
    this.q(`UPDATE speaker_aliases SET count = count - 1 WHERE speaker_id = ? AND norm = ? AND count > 0`).run(speakerId, norm);
    const removed = this.q(`DELETE FROM speaker_aliases WHERE speaker_id = ? AND norm = ? AND count <= 0 AND pinned = 0`).run(speakerId, norm).changes;
    if (removed) this.refreshSpeakerFts(speakerId);
  }

  async releaseDescriptor(speakerId: number, norm: string): Promise<void> {
    this.q(`UPDATE speaker_descriptors SET count = count - 1 WHERE speaker_id = ? AND norm = ?`).run(speakerId, norm);
    this.q(`DELETE FROM speaker_descriptors WHERE speaker_id = ? AND norm = ? AND count <= 0`).run(speakerId, norm);
  }

  private summarySql(where: string): string {
    return `SELECT sp.*, COUNT(s.id) AS statements, COUNT(DISTINCT s.article_id) AS articles, COUNT(DISTINCT a.story_group) AS stories,
        MIN(s.date) AS first_seen, MAX(s.date) AS last_seen,
        (SELECT group_concat(alias, char(31)) FROM (SELECT alias FROM speaker_aliases al WHERE al.speaker_id = sp.id ORDER BY count DESC, alias)) AS aliases
      FROM speakers sp
      LEFT JOIN statements s ON s.speaker_id = sp.id AND s.version_id = (SELECT latest_version FROM articles WHERE id = s.article_id)
      LEFT JOIN articles a ON a.id = s.article_id
      WHERE sp.merged_into IS NULL AND ${where}
      GROUP BY sp.id`;
  }

  private toSummary(r: Row): SpeakerSummary {
    return {
      ...toSpeaker(r),
      aliases: r.aliases ? (r.aliases as string).split('\u001f') : [],
      statements: r.statements as number,
      articles: r.articles as number,
      stories: r.stories as number,
      firstSeen: (r.first_seen as string | null) ?? null,
      lastSeen: (r.last_seen as string | null) ?? null,
    };
  }

  async speakerSummaries(opts: { limit?: number; minStatements?: number; query?: string }): Promise<SpeakerSummary[]> {
    const args: unknown[] = [];
    let where = '1';
    if (opts.query) {
      where = `sp.id IN (SELECT speaker_id FROM speaker_aliases WHERE alias LIKE ? ESCAPE '\\')`;
      args.push(`%${opts.query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    }
    args.push(opts.minStatements ?? 1, opts.limit ?? -1);
    const rows = this.db.prepare(`${this.summarySql(where)} HAVING COUNT(s.id) >= ? ORDER BY stories DESC, statements DESC, sp.name LIMIT ?`).all(...args) as Row[];
    return rows.map((r) => this.toSummary(r));
  }

  async speakerSummary(id: number): Promise<SpeakerSummary | null> {
    const r = this.db.prepare(this.summarySql('sp.id = ?')).get(id) as Row | undefined;
    return r ? this.toSummary(r) : null;
  }

  async descriptors(speakerId: number): Promise<DescriptorRow[]> {
    const rows = this.q(`SELECT * FROM speaker_descriptors WHERE speaker_id = ? ORDER BY first_seen, text`).all(speakerId) as Row[];
    return rows.map((r) => ({
      speakerId,
      text: r.text as string,
      firstSeen: r.first_seen as string,
      lastSeen: r.last_seen as string,
      count: r.count as number,
    }));
  }

  private moveAliasRow(from: number, to: number, norm: string): void {
    const r = this.q(`SELECT * FROM speaker_aliases WHERE speaker_id = ? AND norm = ?`).get(from, norm) as Row | undefined;
    if (!r) return;
    this.q(`DELETE FROM speaker_aliases WHERE speaker_id = ? AND norm = ?`).run(from, norm);
    this.q(
      `INSERT INTO speaker_aliases (speaker_id, norm, alias, surname, count, pinned, first_seen, last_seen) VALUES (?, ?, ?, ?, ?, 1, ?, ?)
       ON CONFLICT (norm, speaker_id) DO UPDATE SET count = count + excluded.count, pinned = 1,
         first_seen = MIN(first_seen, excluded.first_seen), last_seen = MAX(last_seen, excluded.last_seen)`,
    ).run(to, norm, r.alias, r.surname, r.count, r.first_seen, r.last_seen);
  }

  async mergeSpeakers(into: number, from: number): Promise<void> {
    this.speakerStatementCounts.clear();
    this.q(`UPDATE statements SET speaker_id = ?, link_confidence = 1 WHERE speaker_id = ?`).run(into, from);
    const norms = (this.q(`SELECT norm FROM speaker_aliases WHERE speaker_id = ?`).all(from) as Row[]).map((r) => r.norm as string);
    for (const norm of norms) this.moveAliasRow(from, into, norm);
    this.q(`UPDATE speaker_aliases SET pinned = 1 WHERE speaker_id = ?`).run(into);
    const descriptors = this.q(`SELECT * FROM speaker_descriptors WHERE speaker_id = ?`).all(from) as Row[];
    for (const d of descriptors) {
      this.q(
        `INSERT INTO speaker_descriptors (speaker_id, norm, text, count, first_seen, last_seen) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (speaker_id, norm) DO UPDATE SET count = count + excluded.count, first_seen = MIN(first_seen, excluded.first_seen), last_seen = MAX(last_seen, excluded.last_seen)`,
      ).run(into, d.norm, d.text, d.count, d.first_seen, d.last_seen);
    }
    this.q(`DELETE FROM speaker_descriptors WHERE speaker_id = ?`).run(from);
    this.q(`UPDATE speakers SET merged_into = ? WHERE id = ?`).run(into, from);
    this.q(`UPDATE speakers SET merged_into = ? WHERE merged_into = ?`).run(into, from);
    this.refreshSpeakerFts(from);
    this.refreshSpeakerFts(into);
  }

  async moveAliases(from: number, to: number, norms: string[]): Promise<number> {
    this.speakerStatementCounts.clear();
    let moved = 0;
    for (const norm of norms) {
      this.moveAliasRow(from, to, norm);
      moved += this.q(`UPDATE statements SET speaker_id = ?, link_confidence = 1 WHERE speaker_id = ? AND speaker_norm = ?`).run(to, from, norm).changes;
    }
    this.refreshSpeakerFts(from);
    this.refreshSpeakerFts(to);
    return moved;
  }

  async audit(entry: AuditWrite): Promise<number> {
    const info = this.q(`INSERT INTO speaker_audit (action, detail, at) VALUES (?, ?, ?)`).run(entry.action, JSON.stringify(entry.detail), entry.at);
    return Number(info.lastInsertRowid);
  }

  async auditLog(speakerId?: number): Promise<AuditRow[]> {
    const rows = this.q(`SELECT * FROM speaker_audit ORDER BY id`).all() as Row[];
    const all = rows.map((r) => ({
      id: r.id as number,
      action: r.action as AuditRow['action'],
      detail: JSON.parse(r.detail as string) as Record<string, unknown>,
      at: r.at as string,
    }));
    if (speakerId === undefined) return all;
    return all.filter((e) => Object.values(e.detail).some((v) => v === speakerId || (Array.isArray(v) && v.includes(speakerId))));
  }

  // ---- syndication

  async nearCandidates(bands: number[], exceptArticle: number): Promise<NearCandidate[]> {
    if (!bands.length) return [];
    const rows = this.q(
      `SELECT DISTINCT a.id, a.story_group, t.minhash FROM minhash_bands b JOIN articles a ON a.id = b.article_id
         JOIN versions v ON v.id = a.latest_version JOIN texts t ON t.hash = v.text_hash
         WHERE b.band IN (${bands.map(() => '?').join(',')}) AND b.article_id <> ? LIMIT 500`,
    ).all(...bands, exceptArticle) as Row[];
    const out: NearCandidate[] = [];
    for (const r of rows) {
      const minhash = toMinhash(r.minhash);
      if (minhash) out.push({ articleId: r.id as number, storyGroup: r.story_group as number, minhash });
    }
    return out;
  }

  async putBands(articleId: number, bands: number[], replace = true): Promise<void> {
    if (replace) this.q(`DELETE FROM minhash_bands WHERE article_id = ?`).run(articleId);
    if (!bands.length) return;
    // One multi-row statement per article (prepared once per number of bands).
    const args: number[] = [];
    for (const b of bands) args.push(b, articleId);
    this.q(`INSERT OR IGNORE INTO minhash_bands (band, article_id) VALUES ${bands.map(() => '(?, ?)').join(', ')}`).run(...args);
  }

  async storyGroups(minSize: number): Promise<{ storyGroup: number; articles: number[] }[]> {
    const rows = this.q(
      `SELECT story_group, group_concat(id) AS ids, COUNT(*) AS n FROM articles GROUP BY story_group HAVING n >= ? ORDER BY n DESC, story_group`,
    ).all(minSize) as Row[];
    return rows.map((r) => ({ storyGroup: r.story_group as number, articles: (r.ids as string).split(',').map(Number).sort((x, y) => x - y) }));
  }

  // ---- search

  async searchStatements(q: SearchQuery): Promise<StatementHit[]> {
    const where: string[] = ['statements_fts MATCH ?'];
    const args: unknown[] = [q.match];
    this.filterSql(q, where, args);
    args.push(q.limit ?? 20, q.offset ?? 0);
    const rows = this.db
      .prepare(
        `SELECT s.*, sp.name AS speaker_name, a.key AS article_key, a.title AS article_title, a.publisher, a.story_group, f.rank AS rank
         FROM statements_fts f JOIN statements s ON s.id = f.rowid JOIN articles a ON a.id = s.article_id LEFT JOIN speakers sp ON sp.id = s.speaker_id
         WHERE ${where.join(' AND ')} ORDER BY f.rank LIMIT ? OFFSET ?`,
      )
      .all(...args) as Row[];
    return rows.map((r) => ({
      ...toStatement(r),
      articleKey: r.article_key as string,
      articleTitle: (r.article_title as string | null) ?? null,
      publisher: (r.publisher as string | null) ?? null,
      storyGroup: r.story_group as number,
      rank: r.rank as number,
    }));
  }

  async searchArticles(match: string, filter: StatementFilter): Promise<ArticleHit[]> {
    const where = ['articles_fts MATCH ?'];
    const args: unknown[] = [match];
    this.articleFilterSql(filter, where, args);
    args.push(filter.limit ?? 20, filter.offset ?? 0);
    const rows = this.db
      .prepare(
        `SELECT a.id, a.key, a.title, a.publisher, a.published, a.story_group, f.rank FROM articles_fts f JOIN articles a ON a.id = f.rowid
         WHERE ${where.join(' AND ')} ORDER BY f.rank LIMIT ? OFFSET ?`,
      )
      .all(...args) as Row[];
    return rows.map((r) => ({
      articleId: r.id as number,
      key: r.key as string,
      title: (r.title as string | null) ?? null,
      publisher: (r.publisher as string | null) ?? null,
      published: (r.published as string | null) ?? null,
      storyGroup: r.story_group as number,
      rank: r.rank as number,
    }));
  }

  async searchSpeakers(match: string, limit: number): Promise<SpeakerHit[]> {
    const rows = this.q(
      `SELECT sp.id, sp.name, sp.type, f.rank FROM speakers_fts f JOIN speakers sp ON sp.id = f.rowid WHERE speakers_fts MATCH ? AND sp.merged_into IS NULL ORDER BY f.rank LIMIT ?`,
    ).all(match, limit) as Row[];
    return rows.map((r) => ({ speakerId: r.id as number, name: r.name as string, type: r.type as EntityType, rank: r.rank as number }));
  }

  /** Raw SQL access for tests and diagnostics (read queries). */
  query(sql: string, ...args: unknown[]): Row[] {
    return this.db.prepare(sql).all(...args) as Row[];
  }
}
