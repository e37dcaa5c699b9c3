import { chmodSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import type { ApiContext } from './api/api-context';
import { createAdmission, type AdmissionOptions } from './ingest/admission';
import { createRateLimiter } from './ingest/rate-limit';
import { startProcessorThread, type ProcessorThread } from './process/processor-thread';
import { createCollectorServer, listenPublicIngest, type PublicIngest } from './server';
import { createArtifactStore } from './store/artifacts';
import { createChunkStore } from './store/chunks';
import { openDatabase, type Db } from './store/database';
import { createIngestWrites } from './store/ingest-writes';
import { createIssueStore } from './store/issues';
import { bootstrap, createProjectStore, type Project, type ProjectStore } from './store/projects';
import { createQueue } from './store/queue';
import { createReleaseStore } from './store/releases';
import { createRetention } from './store/retention';
import { createTransactionStore } from './store/transactions';
import { createWalSync } from './store/wal-sync';
import { createWriteBatch } from './store/write-batch';
import { createUi } from './ui/create-ui';

export interface CollectorOptions {
  /** Address to listen on; loopback unless told otherwise. @default '127.0.0.1' */
  host?: string;
  /** Port; 0 picks a free one. @default 8000 */
  port?: number;
  /** Folder for `collector.db` and `collector.json`. @default '.faultline' */
  dataDir?: string;
  /** Events older than this many days are deleted (hourly). @default 90 */
  retentionDays?: number;
  /** Take the client IP from the first `X-Forwarded-For` address (behind nginx). @default false */
  trustProxy?: boolean;
  /**
   * `HOST:PORT` of a second listener that serves only the ingest routes (envelope, store, OPTIONS)
   * and 404 for the rest, so the UI and API need not face the internet; the printed DSN uses it.
   * Unset: browsers use the main address.
   */
  publicIngest?: string;
  /** IANA time zone for times the UI renders on the server (the browser then shows its own). @default the server's zone */
  timeZone?: string;
  /** Events accepted per project per minute before 429; unset = no limit. */
  rateLimit?: number;
  /**
   * Answer 200 only once an event is on disk (fsync), so a power cut loses nothing; `false`
   * answers once it is committed, which a crash or `kill -9` of the process cannot lose either,
   * and spares the answers the disk's fsync stalls (hundreds of ms on a busy virtual disk).
   * @default true
   */
  fsync?: boolean;
  /** Largest envelope, after decompression. @default 20 MiB (Relay's limit) */
  maxEnvelopeBytes?: number;
  /** Largest upload request (release file, chunk batch), after decompression. @default 128 MiB */
  maxUploadBytes?: number;
  /** Bytes of parsed source maps kept in memory. @default 64 MiB */
  sourceMapCacheBytes?: number;
  /** How far processing may fall behind ingest before new events wait (see AdmissionOptions). @default 1.5 s of processing, at least 4 MiB */
  backlog?: AdmissionOptions;
  /** The processing thread's script (tests running the TypeScript sources pass a build of them). @default the built `processor-worker.mjs` */
  processorScript?: string | URL;
}

/** What `collector.json` holds, for scripts and the example builds. */
export interface CollectorInfo {
  url: string;
  dsn: string;
  token: string;
  org: string;
  project: string;
}

export interface Collector {
  url: string;
  info: CollectorInfo;
  db: Db;
  projects: ProjectStore;
  processor: ProcessorThread;
  /** The DSN of a project (`http://<key>@host:port/<id>`). */
  dsnFor(project: Project): string;
  /** Resolves once every queued event is processed. */
  idle(): Promise<void>;
  /** Runs one retention pass now. */
  runRetention(): { events: number; issues: number; transactions: number };
  /** Stops accepting, answers what is in flight, commits, closes the database. */
  close(): Promise<void>;
}

const HOUR_MS = 3600_000;

export async function startCollector(options: CollectorOptions = {}): Promise<Collector> {
  const { host = '127.0.0.1', port = 8000, dataDir = '.faultline', retentionDays = 90, trustProxy = false, maxEnvelopeBytes = 20 * 1024 * 1024, maxUploadBytes = 128 * 1024 * 1024 } = options;
  const dir = resolve(dataDir);
  const dbFile = join(dir, 'collector.db');
  const db = openDatabase(dbFile, { autoCheckpoint: false });
  const projects = createProjectStore(db);
  bootstrap(db, projects);

  const artifacts = createArtifactStore(db);
  // What an earlier process left queued counts against the backlog before the thread starts on it.
  const admission = createAdmission(options.backlog, createQueue(db).bytes());
  // Processing runs on a thread of its own, from the queued rows; ingest wakes it after each commit.
  const processor = startProcessorThread({ dbFile, sourceMapCacheBytes: options.sourceMapCacheBytes, script: options.processorScript, onProcessed: admission.processed });
  // Ingest writes through a connection of its own that never blocks the event loop: it does not
  // wait for the processing thread's lock (the write batch retries instead), its commits are
  // made durable by an fsync on the thread pool, and checkpoints are left to the processing thread.
  const ingestDb = openDatabase(dbFile, { migrate: false, busyTimeoutMs: 0, synchronous: 'NORMAL', autoCheckpoint: false });
  const walSync = createWalSync(`${dbFile}-wal`);
  const batch = createWriteBatch(ingestDb, { onCommit: processor.wake, sync: options.fsync === false ? undefined : walSync.sync });
  const retention = createRetention(db, retentionDays);

  let url = '';
  let publicIngest: PublicIngest | undefined;
  // Browsers reach the ingest at the public listener when there is one, else where we listen.
  const dsnFor = (p: Project) => `http://${p.publicKey}@${publicIngest?.address || url.replace(/^http:\/\//, '')}/${p.id}`;
  const api: ApiContext = {
    db,
    projects,
    releases: createReleaseStore(db),
    artifacts,
    issues: createIssueStore(db),
    chunks: createChunkStore(db),
    transactions: createTransactionStore(db),
    publicUrl: () => url,
    maxUploadBytes,
  };
  const ingest = { projects, writes: createIngestWrites(ingestDb), batch, admission, limiter: createRateLimiter(options.rateLimit), trustProxy, maxEnvelopeBytes };
  const server = createCollectorServer(ingest, api, dsnFor, createUi({ api, host, timeZone: options.timeZone, dsnFor }));
  try {
    await new Promise<void>((ok, fail) => {
      server.once('error', fail);
      server.listen(port, host, () => ok());
    });
    if (options.publicIngest) publicIngest = await listenPublicIngest(ingest, options.publicIngest);
  } catch (error) {
    server.close();
    await processor.stop();
    ingestDb.close();
    db.close();
    throw error;
  }
  const address = server.address() as AddressInfo;
  // Listening on every interface: this machine reaches it at loopback.
  const local = address.address == '0.0.0.0' || address.address == '::' ? '127.0.0.1' : address.address;
  const shownHost = local.includes(':') ? `[${local}]` : local;
  url = `http://${shownHost}:${address.port}`;

  const first = projects.list()[0];
  const info: CollectorInfo = { url, dsn: dsnFor(first), token: projects.firstToken()!, org: first.orgSlug, project: first.slug };
  const infoFile = join(dir, 'collector.json');
  writeFileSync(infoFile, `${JSON.stringify(info, null, 2)}\n`, { mode: 0o600 });
  chmodSync(infoFile, 0o600);

  const retentionTimer = setInterval(() => {
    try {
      retention.run();
    } catch (error) {
      console.error('faultline-collector: retention failed:', error);
    }
  }, HOUR_MS);
  retentionTimer.unref();
  setImmediate(() => {
    try {
      retention.run();
    } catch {
      /* retried hourly */
    }
  });

  let closing: Promise<void> | undefined;
  return {
    url,
    info,
    db,
    projects,
    processor,
    dsnFor,
    idle: () => processor.idle(),
    runRetention: () => retention.run(),
    close() {
      closing ??= new Promise<void>((done) => {
        clearInterval(retentionTimer);
        // Requests held back by the backlog are written now, before the batch closes.
        admission.open();
        const publicClosed = publicIngest ? publicIngest.close() : Promise.resolve();
        server.close(async () => {
          await publicClosed;
          await batch.close();
          walSync.close();
          void processor.stop().then(() => {
            ingestDb.close();
            db.close();
            done();
          });
        });
        server.closeIdleConnections();
        // Requests still arriving after 10 s are cut off; what was acknowledged is committed.
        setTimeout(() => server.closeAllConnections(), 10_000).unref();
      });
      return closing;
    },
  };
}
