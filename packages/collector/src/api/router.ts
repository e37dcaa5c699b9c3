import type { IncomingMessage, ServerResponse } from 'node:http';

/** What a route handler gets: the request, its decoded path parameters and query. */
export interface RouteContext {
  req: IncomingMessage;
  res: ServerResponse;
  params: string[];
  query: URLSearchParams;
}

export type Handler = (ctx: RouteContext) => void | Promise<void>;
export type Route = [method: string, pattern: RegExp, handler: Handler];

/** Finds the route for a method and path: the handler with its decoded groups, or 405/404 info. */
export function matchRoute(routes: Route[], method: string, path: string): { handler: Handler; params: string[] } | { allowed: string[] } {
  const allowed: string[] = [];
  for (const [m, pattern, handler] of routes) {
    const match = pattern.exec(path);
    if (!match) continue;
    if (m == method) {
      try {
        return { handler, params: match.slice(1).map((p) => decodeURIComponent(p ?? '')) };
      } catch {
        return { allowed: [] };
      }
    }
    allowed.push(m);
  }
  return { allowed };
}
