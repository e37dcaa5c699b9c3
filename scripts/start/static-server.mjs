// Serves an example's build on node:http: files from its dist, index.html for the app's
// history-mode routes, and a 500 for /api/ (there is no backend, which the fetch button shows).
// Source maps are not served: the collector has them from the upload, browsers never need them.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

const CONTENT_TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.json': 'application/json', '.txt': 'text/plain; charset=utf-8' };

async function answer(root, req, res) {
  const { pathname } = new URL(req.url || '/', 'http://example');
  if (pathname.startsWith('/api/')) {
    res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'this example has no backend: every /api/ request fails' }));
    return;
  }
  const file = normalize(join(root, decodeURIComponent(pathname)));
  if (!file.startsWith(root + sep) || file.endsWith('.map')) return void res.writeHead(404).end();
  // A path without an extension is one of the app's routes (/about): the app's page renders it.
  const target = extname(file) ? file : join(root, 'index.html');
  try {
    const body = await readFile(target);
    const immutable = target.includes(`${sep}static${sep}`);
    res.writeHead(200, { 'content-type': CONTENT_TYPES[extname(target)] || 'application/octet-stream', 'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache' }).end(body);
  } catch {
    res.writeHead(404).end();
  }
}

/**
 * Listens on `host:port` (0: a free port) and serves `root`.
 * @returns {Promise<{ url: string, port: number, close(): Promise<void> }>}
 */
export async function serveBuild(root, port, host) {
  const server = createServer((req, res) => void answer(root, req, res).catch(() => res.writeHead(500).end()));
  await new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(port, host, done);
  });
  const actual = server.address().port;
  const close = () => {
    const closed = new Promise((done) => server.close(done));
    // Keep-alive connections from the browser would hold the port until they time out.
    server.closeAllConnections();
    return closed;
  };
  return { url: `http://${host}:${actual}`, port: actual, close };
}
