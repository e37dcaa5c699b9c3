import type { IncomingMessage } from 'node:http';
import { HttpError } from '../http/http-error';
import type { ProjectStore } from '../store/projects';

/** `Authorization: Bearer <token>` (or `Token <token>`, which sentry-cli also sends), answered as Sentry does. */
export function requireToken(req: IncomingMessage, projects: ProjectStore): void {
  const header = String(req.headers.authorization || '');
  const match = /^\s*(?:Bearer|Token)\s+(\S+)\s*$/i.exec(header);
  if (!match) throw new HttpError(401, 'Authentication credentials were not provided.');
  if (!projects.isToken(match[1])) throw new HttpError(401, 'Invalid token');
}
