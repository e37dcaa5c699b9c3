// A port in use should give one clear line, not a stack trace from deep inside a child.
import { createServer } from 'node:net';

export class PortInUseError extends Error {
  constructor(port, what, flag) {
    super(`port ${port} (${what}) is in use: stop what runs there or pick another port with ${flag} <port>`);
    this.port = port;
  }
}

/** Resolves when `port` can be listened on at `host` (port 0 always can), else rejects with PortInUseError. */
export function checkPortFree(port, host, what, flag) {
  if (port === 0) return Promise.resolve();
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', (error) => fail(error.code == 'EADDRINUSE' || error.code == 'EACCES' ? new PortInUseError(port, what, flag) : error));
    probe.listen(port, host, () => probe.close(() => done()));
  });
}
