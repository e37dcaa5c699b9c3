import type Database from 'better-sqlite3';

type Db = Database.Database;

// Schema versions, applied in order inside one transaction each; PRAGMA user_version records
// the last one applied. Never edit a released step: add the next one.
const MIGRATIONS: string[] = [
  // 1: organizations, projects, tokens; the event queue and events; issues and their counts;
  //    releases with files and artifact bundles; counters for sessions, client reports, other items.
  `
  CREATE TABLE organizations (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    created REAL NOT NULL
  );
  CREATE TABLE projects (
    id INTEGER PRIMARY KEY,
    org_id INTEGER NOT NULL REFERENCES organizations(id),
    slug TEXT NOT NULL,
    name TEXT NOT NULL,
    public_key TEXT NOT NULL UNIQUE,
    disabled INTEGER NOT NULL DEFAULT 0,
    created REAL NOT NULL,
    UNIQUE (org_id, slug)
  );
  CREATE TABLE tokens (
    token TEXT PRIMARY KEY,
    created REAL NOT NULL
  );

  -- One row per accepted event, from its 200 on. 'queued' rows are the processing queue;
  -- payload is the SDK's JSON until processing replaces it with the processed event.
  CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    project_id INTEGER NOT NULL REFERENCES projects(id),
    event_id TEXT NOT NULL,
    received REAL NOT NULL,
    client_ip TEXT,
    state TEXT NOT NULL CHECK (state IN ('queued', 'processed', 'failed')),
    payload TEXT NOT NULL,
    error TEXT,
    issue_id INTEGER REFERENCES issues(id) ON DELETE SET NULL,
    timestamp REAL,
    release TEXT,
    environment TEXT,
    user_key TEXT,
    UNIQUE (project_id, event_id)
  );
  CREATE INDEX events_queued ON events (id) WHERE state = 'queued';
  CREATE INDEX events_issue ON events (issue_id, timestamp);
  CREATE INDEX events_received ON events (received);

  CREATE TABLE issues (
    id INTEGER PRIMARY KEY,
    project_id INTEGER NOT NULL REFERENCES projects(id),
    hash TEXT NOT NULL,
    short_number INTEGER NOT NULL,
    title TEXT NOT NULL,
    culprit TEXT NOT NULL,
    level TEXT NOT NULL,
    metadata TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'unresolved' CHECK (status IN ('unresolved', 'resolved', 'ignored')),
    substatus TEXT,
    times_seen INTEGER NOT NULL DEFAULT 0,
    user_count INTEGER NOT NULL DEFAULT 0,
    first_seen REAL NOT NULL,
    last_seen REAL NOT NULL,
    first_release TEXT,
    last_release TEXT,
    resolved_at REAL,
    UNIQUE (project_id, hash)
  );
  CREATE INDEX issues_last_seen ON issues (project_id, last_seen);
  CREATE TABLE issue_users (
    issue_id INTEGER NOT NULL REFERENCES issues(id) ON DELETE CASCADE,
    user_key TEXT NOT NULL,
    PRIMARY KEY (issue_id, user_key)
  ) WITHOUT ROWID;
  CREATE TABLE issue_hours (
    issue_id INTEGER NOT NULL REFERENCES issues(id) ON DELETE CASCADE,
    hour INTEGER NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (issue_id, hour)
  ) WITHOUT ROWID;
  CREATE TABLE issue_tags (
    issue_id INTEGER NOT NULL REFERENCES issues(id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    count INTEGER NOT NULL,
    first_seen REAL NOT NULL,
    last_seen REAL NOT NULL,
    PRIMARY KEY (issue_id, key, value)
  ) WITHOUT ROWID;

  CREATE TABLE releases (
    id INTEGER PRIMARY KEY,
    org_id INTEGER NOT NULL REFERENCES organizations(id),
    version TEXT NOT NULL,
    ref TEXT,
    url TEXT,
    created REAL NOT NULL,
    released REAL,
    UNIQUE (org_id, version)
  );
  CREATE TABLE release_projects (
    release_id INTEGER NOT NULL REFERENCES releases(id) ON DELETE CASCADE,
    project_id INTEGER NOT NULL REFERENCES projects(id),
    PRIMARY KEY (release_id, project_id)
  ) WITHOUT ROWID;
  CREATE TABLE deploys (
    id INTEGER PRIMARY KEY,
    release_id INTEGER NOT NULL REFERENCES releases(id) ON DELETE CASCADE,
    environment TEXT NOT NULL,
    name TEXT,
    url TEXT,
    started REAL,
    finished REAL NOT NULL
  );

  -- File contents, shared by release files and bundle entries with the same bytes.
  CREATE TABLE blobs (
    sha1 TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    content BLOB NOT NULL
  );
  CREATE TABLE release_files (
    id INTEGER PRIMARY KEY,
    release_id INTEGER NOT NULL REFERENCES releases(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    dist TEXT NOT NULL DEFAULT '',
    headers TEXT NOT NULL,
    sha1 TEXT NOT NULL REFERENCES blobs(sha1),
    created REAL NOT NULL,
    UNIQUE (release_id, name, dist)
  );
  CREATE TABLE chunks (
    sha1 TEXT PRIMARY KEY,
    content BLOB NOT NULL,
    created REAL NOT NULL
  );
  CREATE TABLE assemble_jobs (
    checksum TEXT NOT NULL,
    kind TEXT NOT NULL,
    state TEXT NOT NULL,
    detail TEXT,
    updated REAL NOT NULL,
    PRIMARY KEY (checksum, kind)
  );
  CREATE TABLE artifact_bundles (
    id INTEGER PRIMARY KEY,
    org_id INTEGER NOT NULL REFERENCES organizations(id),
    checksum TEXT NOT NULL,
    release TEXT NOT NULL DEFAULT '',
    dist TEXT NOT NULL DEFAULT '',
    created REAL NOT NULL
  );
  CREATE TABLE bundle_projects (
    bundle_id INTEGER NOT NULL REFERENCES artifact_bundles(id) ON DELETE CASCADE,
    project_id INTEGER NOT NULL REFERENCES projects(id),
    PRIMARY KEY (bundle_id, project_id)
  ) WITHOUT ROWID;
  CREATE TABLE bundle_files (
    id INTEGER PRIMARY KEY,
    bundle_id INTEGER NOT NULL REFERENCES artifact_bundles(id) ON DELETE CASCADE,
    url TEXT NOT NULL,
    type TEXT NOT NULL,
    debug_id TEXT,
    headers TEXT NOT NULL,
    sha1 TEXT NOT NULL REFERENCES blobs(sha1)
  );
  CREATE INDEX bundle_files_debug_id ON bundle_files (debug_id, type);
  CREATE INDEX bundle_files_url ON bundle_files (url);

  -- Counted, not stored: sessions per status, client-report drops per reason, other items per type.
  CREATE TABLE session_counts (
    project_id INTEGER NOT NULL REFERENCES projects(id),
    release TEXT NOT NULL,
    environment TEXT NOT NULL,
    status TEXT NOT NULL,
    hour INTEGER NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (project_id, release, environment, status, hour)
  ) WITHOUT ROWID;
  CREATE TABLE discarded_counts (
    project_id INTEGER NOT NULL REFERENCES projects(id),
    release TEXT NOT NULL,
    reason TEXT NOT NULL,
    category TEXT NOT NULL,
    hour INTEGER NOT NULL,
    quantity INTEGER NOT NULL,
    PRIMARY KEY (project_id, release, reason, category, hour)
  ) WITHOUT ROWID;
  CREATE TABLE item_counts (
    project_id INTEGER NOT NULL REFERENCES projects(id),
    type TEXT NOT NULL,
    hour INTEGER NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (project_id, type, hour)
  ) WITHOUT ROWID;
  `,
  // 2: a counter that every change to uploaded files moves (triggers, so no writer can forget
  //    it, in the writer's own transaction): the processing thread reads it once per batch and
  //    drops what it remembers about artifacts when it has moved.
  `
  CREATE TABLE artifact_generation (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    value INTEGER NOT NULL
  );
  INSERT INTO artifact_generation (id, value) VALUES (1, 0);
  CREATE TRIGGER release_file_added AFTER INSERT ON release_files BEGIN UPDATE artifact_generation SET value = value + 1; END;
  CREATE TRIGGER release_file_removed AFTER DELETE ON release_files BEGIN UPDATE artifact_generation SET value = value + 1; END;
  CREATE TRIGGER release_removed AFTER DELETE ON releases BEGIN UPDATE artifact_generation SET value = value + 1; END;
  CREATE TRIGGER bundle_file_added AFTER INSERT ON bundle_files BEGIN UPDATE artifact_generation SET value = value + 1; END;
  CREATE TRIGGER bundle_project_added AFTER INSERT ON bundle_projects BEGIN UPDATE artifact_generation SET value = value + 1; END;
  CREATE TRIGGER bundle_removed AFTER DELETE ON artifact_bundles BEGIN UPDATE artifact_generation SET value = value + 1; END;
  `,
  // 3: transactions (performance), stored at ingest as received (spans cut to 1,000), with the
  //    columns the summary reads (duration, the Web Vitals) so it never parses JSON; errors'
  //    trace ids, so a transaction finds the errors of its trace.
  `
  CREATE TABLE transactions (
    id INTEGER PRIMARY KEY,
    project_id INTEGER NOT NULL REFERENCES projects(id),
    event_id TEXT NOT NULL,
    received REAL NOT NULL,
    start_timestamp REAL NOT NULL,
    timestamp REAL NOT NULL,
    duration_ms REAL NOT NULL,
    name TEXT NOT NULL,
    source TEXT NOT NULL,
    op TEXT NOT NULL,
    status TEXT NOT NULL,
    trace_id TEXT NOT NULL,
    release TEXT,
    environment TEXT,
    lcp REAL,
    fcp REAL,
    cls REAL,
    inp REAL,
    ttfb REAL,
    measurements TEXT NOT NULL,
    span_count INTEGER NOT NULL,
    spans_dropped INTEGER NOT NULL,
    payload TEXT NOT NULL,
    UNIQUE (project_id, event_id)
  );
  -- Covers the summary: the window's rows with every value it needs, in the index alone.
  CREATE INDEX transactions_summary ON transactions (project_id, timestamp, name, environment, duration_ms, lcp, fcp, cls, inp, ttfb);
  CREATE INDEX transactions_name ON transactions (project_id, name, timestamp);
  CREATE INDEX transactions_trace ON transactions (project_id, trace_id);
  CREATE INDEX transactions_timestamp ON transactions (timestamp);
  ALTER TABLE events ADD COLUMN trace_id TEXT;
  CREATE INDEX events_trace ON events (project_id, trace_id) WHERE trace_id IS NOT NULL;
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

export function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new Error(`the database has schema version ${current}, newer than this collector (${MIGRATIONS.length}): upgrade the collector`);
  }
  for (let version = current; version < MIGRATIONS.length; version++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[version]);
      db.pragma(`user_version = ${version + 1}`);
    }).immediate();
  }
}
