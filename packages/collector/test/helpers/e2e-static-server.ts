// The app's web server: serves a build's output directory and HTML pages on 127.0.0.1, port 0,
// a different origin from the collector's, so the SDK posts its events cross-origin.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

export interface StaticServer {
  url: string;
  /** Serves `html` at a new path and returns its URL. */
  page(html: string): string;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = { '.js': 'text/javascript; charset=utf-8', '.map': 'application/json', '.html': 'text/html; charset=utf-8' };

export async function startStaticServer(root: string): Promise<StaticServer> {
  const pages = new Map<string, string>();
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url || '/', 'http://app').pathname);
    const html = pages.get(path);
    if (html !== undefined) return void res.writeHead(200, { 'content-type': TYPES['.html'] }).end(html);
    const file = normalize(join(root, path));
    if (!file.startsWith(root + sep)) return void res.writeHead(403).end();
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] || 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    page(html) {
      const path = `/page-${pages.size + 1}.html`;
      pages.set(path, html);
      return `${url}${path}`;
    },
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}

/** The fixture app's page: the DSN (and dist) for the SDK, two buttons, then the built script. */
export function appPage(script: string, dsn: string, dist?: string): string {
  return [
    '<!doctype html>',
    '<html><head><meta charset="utf-8"><title>faultline e2e shop</title>',
    `<script>window.__DSN__ = ${JSON.stringify(dsn)};${dist === undefined ? '' : ` window.__DIST__ = ${JSON.stringify(dist)};`}</script>`,
    '</head><body>',
    '<button id="checkout">Checkout</button>',
    '<button id="coupon">Apply coupon</button>',
    `<script src="/${script}"></script>`,
    '</body></html>',
  ].join('\n');
}
