import type { Envelope } from '../types';

/**
 * An envelope waiting for another try, as stored: plain field names, since mangled ones would
 * differ between builds. `id` is random: unique across tabs.
 */
export interface Queued extends Envelope {
  id?: number;
  /** Epoch ms until which the tab `owner` may send it (only where Web Locks are missing). */
  lease?: number;
  owner?: number;
}

export interface QueueStore {
  /** Keeps the envelope; hands back those dropped to stay within bounds (oldest first). */
  _add(envelope: Queued): Promise<Queued[]>;
  /** Everything waiting; with `lease`, only what no other tab claimed, claimed now for this one. */
  _take(lease: boolean): Promise<Queued[]>;
  _remove(id: number): Promise<unknown>;
}

// Bounds of what waits: enough for a burst during an outage, small enough for any quota.
const MAX_COUNT = 100;
const MAX_BYTES = 2_000_000;
/** A tab that claimed envelopes without a lock gets this long to send them. */
const LEASE_MS = 60_000;
// The whole queue is one record (an array, oldest first) of this store, under this key: every
// change reads and writes it in one transaction, so two tabs never interleave inside one.
const STORE = 'retry';
const KEY = 'queue';

/** One change: the queue after it (undefined: unchanged, nothing to write), decided from the queue before; and what the caller gets. */
type Change = (records: Queued[]) => [next: Queued[] | undefined, result: Queued[]];

/** Resolves with `value()` once the request succeeds or the transaction commits. */
const settle = <T>(request: IDBOpenDBRequest | IDBTransaction, value: () => T): Promise<T> =>
  new Promise((resolve, reject) => {
    (request as IDBOpenDBRequest).onsuccess = (request as IDBTransaction).oncomplete = () => resolve(value());
    request.onerror = (request as IDBTransaction).onabort = () => reject(request.error);
  });

const add = (envelope: Queued): Change => (records) => {
  // Too big to keep at all: it must not push out the others first.
  if (envelope.body.length > MAX_BYTES) return [undefined, [envelope]];
  const all = [...records, envelope];
  let bytes = all.reduce((n, r) => n + r.body.length, 0);
  const dropped: Queued[] = [];
  while (all.length > MAX_COUNT || bytes > MAX_BYTES) {
    const oldest = all.shift()!;
    bytes -= oldest.body.length;
    dropped.push(oldest);
  }
  return [all, dropped];
};

/** This page, as the owner of leases. */
const TAB = Math.random();

const take = (lease: boolean): Change => (records) => {
  const now = Date.now();
  const free = lease ? records.filter((r) => !(r.lease! > now) || r.owner == TAB) : records;
  if (lease) for (const r of free) (r.lease = now + LEASE_MS), (r.owner = TAB);
  // Leases are written back; without them nothing changed.
  return [lease ? records : undefined, free];
};

/**
 * Where envelopes wait between tries: IndexedDB, so they survive reloads and reach the next
 * visit; memory where IndexedDB is missing or fails (private modes, sandboxed frames, quota),
 * from the first failure on.
 */
export function createQueueStore(log: (message: string) => void): QueueStore {
  let memory: Queued[] | undefined;
  let db: Promise<IDBDatabase> | undefined;
  try {
    // Version 2 keeps the queue in one record of a new store (version 1 had a record per envelope in `queue`).
    const open = indexedDB.open('faultline', 2);
    open.onupgradeneeded = () => open.result.createObjectStore(STORE);
    db = settle(open, () => open.result);
  } catch {
    // no IndexedDB: memory from the start
  }

  function inMemory(change: Change): Queued[] {
    if (!memory) {
      memory = [];
      log('IndexedDB unavailable: retry queue in memory');
    }
    const [next, result] = change(memory);
    if (next) memory = next;
    return result;
  }

  function apply(change: Change): Promise<Queued[]> {
    if (memory || !db) return Promise.resolve(inMemory(change));
    return db
      .then((database) => {
        const tx = database.transaction(STORE, 'readwrite');
        const store = tx.objectStore(STORE);
        let result: Queued[] = [];
        const read = store.get(KEY);
        read.onsuccess = () => {
          const [next, out] = change(read.result || []);
          if (next) store.put(next, KEY);
          result = out;
        };
        return settle(tx, () => result);
      })
      .then(undefined, () => inMemory(change));
  }

  return {
    _add: (envelope) => apply(add({ ...envelope, id: Math.random() })),
    _take: (lease) => apply(take(lease)),
    _remove: (id) => apply((records) => [records.filter((r) => r.id != id), []]),
  };
}
