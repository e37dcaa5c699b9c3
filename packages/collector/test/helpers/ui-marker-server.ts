// A server that only counts requests: injected markup that ran would reach it.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface MarkerServer {
  url: string;
  /** Paths requested so far. */
  hits: string[];
  close(): Promise<void>;
}

export async function startMarkerServer(): Promise<MarkerServer> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(req.url || '/');
    res.writeHead(200, { 'content-type': 'text/plain', 'access-control-allow-origin': '*' }).end('hit');
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hits,
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}
