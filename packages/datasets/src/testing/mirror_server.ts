/**
 * A local HTTP mirror of the shared Planetoid files on 127.0.0.1, with routes
 * that misbehave on purpose:
 * `/ok/<file>`, `/missing/<file>` (404), `/truncated/<file>` (announces the
 * full length, sends half, then drops the connection), `/wrong/<file>` (one byte flipped),
 * `/hang/<file>` (accepts the request and never answers), `/stall/<file>` (the
 * headers and half the body, then silence), `/trickle/<file>` (64 bytes every 20 ms).
 */
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { PLANETOID_MIRROR } from './paths.js';

export interface MirrorServer {
  readonly url: string;
  readonly requests: string[];
  close(): Promise<void>;
}

export async function startMirrorServer(): Promise<MirrorServer> {
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    void (async () => {
      requests.push(req.url ?? '');
      const [, mode, file] = (req.url ?? '').split('/');
      if (mode === 'hang') return; // the socket stays open until close()
      if (mode === 'missing' || file === undefined || !/^ind\.[a-z]+\.[a-z.]+$/.test(file)) {
        res.writeHead(404).end('not found');
        return;
      }
      let bytes: Buffer;
      try {
        bytes = await readFile(join(PLANETOID_MIRROR, file));
      } catch {
        res.writeHead(404).end('not found');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(bytes.length) });
      if (mode === 'truncated') {
        res.write(bytes.subarray(0, bytes.length >> 1), () => res.destroy());
        return;
      }
      if (mode === 'stall') {
        res.write(bytes.subarray(0, bytes.length >> 1));
        return;
      }
      if (mode === 'trickle') {
        let sent = 0;
        const timer = setInterval(() => {
          if (res.destroyed || sent >= bytes.length) {
            clearInterval(timer);
            if (!res.destroyed) res.end();
            return;
          }
          res.write(bytes.subarray(sent, sent + 64));
          sent += 64;
        }, 20);
        res.on('close', () => clearInterval(timer));
        return;
      }
      if (mode === 'wrong') {
        bytes = Buffer.from(bytes);
        bytes[bytes.length - 10]! ^= 0xff;
      }
      res.end(bytes);
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
