import type { ApiContext } from '../api/api-context';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Project } from '../store/projects';
import { createSessionAuth } from './session-auth';
import { createUiHandler } from './ui-routes';

/** Answers the web UI's pages, forms and static files. */
export type UiHandler = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>;

export interface UiOptions {
  api: ApiContext;
  /** Where the collector listens; beyond loopback the UI asks for the token first. */
  host: string;
  /** IANA zone for server-rendered times. @default the server's own zone */
  timeZone?: string;
  dsnFor: (p: Project) => string;
}

/** `127.0.0.0/8`, `::1` and `localhost` reach only this machine; anything else (0.0.0.0 too) may be reached from others. */
export const isLoopbackHost = (host: string) => /^(127\.\d+\.\d+\.\d+|::1|\[::1\]|localhost)$/i.test(host);

/** The server's own IANA time zone. */
export const serverTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/** The web UI, ready to be handed to `createCollectorServer`. */
export function createUi({ api, host, timeZone = serverTimeZone(), dsnFor }: UiOptions): UiHandler {
  return createUiHandler({ api, timeZone, dsnFor, auth: createSessionAuth(api.projects, !isLoopbackHost(host)) });
}
