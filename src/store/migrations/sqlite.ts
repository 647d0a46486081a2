// The SQLite schema as a list of versioned migrations. They are applied in order when a store is
// opened (src/store/sqlite/migrate.ts); the applied version is kept in PRAGMA user_version. Never
// edit a migration that has shipped: add the next one.

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const SQLITE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'ledger: articles, versions, texts, statements, speakers, revisions, syndication, search',
    sql: `
CREATE TABLE texts (
  hash TEXT PRIMARY KEY,
  text TEXT NOT NULL,
  analysis TEXT NOT NULL,
  minhash BLOB
) WITHOUT ROWID;

CREATE TABLE articles (
  id INTEGER PRIMARY KEY,
  key TEXT NOT NULL UNIQUE,
  external_id TEXT,
  url TEXT,
  title TEXT,
  publisher TEXT,
  published TEXT,
  story_group INTEGER NOT NULL DEFAULT 0,
  latest_version INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX articles_external_id ON articles(external_id);
CREATE INDEX articles_url ON articles(url);
CREATE INDEX articles_story_group ON articles(story_group);

CREATE TABLE versions (
  id INTEGER PRIMARY KEY,
  article_id INTEGER NOT NULL REFERENCES articles(id),
  seq INTEGER NOT NULL,
  text_hash TEXT NOT NULL REFERENCES texts(hash),
  title TEXT,
  byline TEXT,
  published TEXT,
  canonical_url TEXT,
  origin TEXT,
  ingested_at TEXT NOT NULL,
  UNIQUE (article_id, seq)
);
CREATE INDEX versions_text_hash ON versions(text_hash);
CREATE INDEX versions_canonical_url ON versions(canonical_url);

CREATE TABLE speakers (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  type TEXT NOT NULL,
  merged_into INTEGER REFERENCES speakers(id),
  created_at TEXT NOT NULL
);

CREATE TABLE speaker_aliases (
  speaker_id INTEGER NOT NULL REFERENCES speakers(id),
  norm TEXT NOT NULL,
  alias TEXT NOT NULL,
  surname TEXT NOT NULL,
  count INTEGER NOT NULL DEFAULT 1,
  pinned INTEGER NOT NULL DEFAULT 0,
  first_seen TEXT NOT NULL,
  last_seen TEXT NOT NULL,
  PRIMARY KEY (norm, speaker_id)
) WITHOUT ROWID;
CREATE INDEX speaker_aliases_surname ON speaker_aliases(surname);
CREATE INDEX speaker_aliases_speaker ON speaker_aliases(speaker_id);

CREATE TABLE speaker_descriptors (
  speaker_id INTEGER NOT NULL REFERENCES speakers(id),
  norm TEXT NOT NULL,
  text TEXT NOT NULL,
  count INTEGER NOT NULL DEFAULT 1,
  first_seen TEXT NOT NULL,
  last_seen TEXT NOT NULL,
  PRIMARY KEY (speaker_id, norm)
) WITHOUT ROWID;

CREATE TABLE statements (
  id INTEGER PRIMARY KEY,
  version_id INTEGER NOT NULL REFERENCES versions(id),
  article_id INTEGER NOT NULL REFERENCES articles(id),
  local_id TEXT NOT NULL,
  ordinal INTEGER NOT NULL,
  kind TEXT NOT NULL,
  act TEXT NOT NULL,
  source TEXT,
  cue TEXT NOT NULL,
  content TEXT NOT NULL,
  speaker_id INTEGER REFERENCES speakers(id),
  link_confidence REAL,
  speaker_norm TEXT,
  channel TEXT,
  confidence REAL NOT NULL,
  date TEXT NOT NULL,
  json TEXT NOT NULL,
  UNIQUE (version_id, local_id)
);
CREATE INDEX statements_speaker ON statements(speaker_id, date);
CREATE INDEX statements_article ON statements(article_id);

CREATE TABLE revisions (
  id INTEGER PRIMARY KEY,
  article_id INTEGER NOT NULL REFERENCES articles(id),
  from_version INTEGER NOT NULL REFERENCES versions(id),
  to_version INTEGER NOT NULL REFERENCES versions(id),
  changes TEXT NOT NULL,
  notes TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX revisions_article ON revisions(article_id);

CREATE TABLE speaker_audit (
  id INTEGER PRIMARY KEY,
  action TEXT NOT NULL,
  detail TEXT NOT NULL,
  at TEXT NOT NULL
);

CREATE TABLE minhash_bands (
  band INTEGER NOT NULL,
  article_id INTEGER NOT NULL REFERENCES articles(id),
  PRIMARY KEY (band, article_id)
) WITHOUT ROWID;
CREATE INDEX minhash_bands_article ON minhash_bands(article_id);

CREATE VIRTUAL TABLE statements_fts USING fts5(content, source, cue, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE articles_fts USING fts5(title, body, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE speakers_fts USING fts5(names, tokenize='unicode61 remove_diacritics 2');
`,
  },
  {
    version: 2,
    name: 'texts.extractor: the fingerprint of the extractor that wrote each stored analysis (NULL: written before, unknown)',
    sql: `
ALTER TABLE texts ADD COLUMN extractor TEXT;
CREATE INDEX texts_extractor ON texts(extractor);
`,
  },
];
