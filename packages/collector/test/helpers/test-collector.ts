import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCollector, type Collector, type CollectorOptions } from '../../src/collector';
import { sourceProcessorScript } from './processor-script';

export interface TestCollector extends Collector {
  dataDir: string;
  /** Project 1's DSN key. */
  key: string;
  token: string;
  /** `fetch` against the collector with the API token. */
  api(path: string, init?: RequestInit): Promise<Response>;
  /** Posts an envelope (or any body) to project 1's ingest, authenticated by query string. */
  ingest(body: string | Uint8Array, init?: { endpoint?: 'envelope' | 'store'; headers?: Record<string, string>; query?: string; projectId?: number }): Promise<Response>;
}

const dirs: string[] = [];

/** A real collector on 127.0.0.1, port 0, with its SQLite file in a fresh temp dir. */
export async function startTestCollector(options: CollectorOptions = {}): Promise<TestCollector> {
  const dataDir = options.dataDir || mkdtempSync(join(tmpdir(), 'faultline-collector-'));
  if (!options.dataDir) dirs.push(dataDir);
  const collector = await startCollector({ port: 0, processorScript: await sourceProcessorScript(), ...options, dataDir });
  const key = collector.projects.get(1)!.publicKey;
  const token = collector.info.token;
  return Object.assign(collector, {
    dataDir,
    key,
    token,
    api: (path: string, init: RequestInit = {}) =>
      fetch(`${collector.url}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, ...(init.headers as Record<string, string>) } }),
    ingest: (body: string | Uint8Array, init: { endpoint?: 'envelope' | 'store'; headers?: Record<string, string>; query?: string; projectId?: number } = {}) =>
      fetch(`${collector.url}/api/${init.projectId ?? 1}/${init.endpoint ?? 'envelope'}/?${init.query ?? `sentry_key=${key}&sentry_version=7`}`, {
        method: 'POST',
        body: body as BodyInit,
        headers: { 'content-type': 'text/plain;charset=UTF-8', ...init.headers },
      }),
  });
}

export function removeTestDirs(): void {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
}
