import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { serve } from '../../../../test/serve.js';

export interface Received {
  headers: IncomingMessage['headers'];
  body: string;
}

/** A real HTTP server on a free loopback port; `handle` decides each answer (it may never answer). */
export async function webhookServer(handle: (req: Received, res: ServerResponse, n: number) => void): Promise<{
  url: string;
  received: Received[];
  close: () => Promise<void>;
  server: Server;
}> {
  const received: Received[] = [];
  const served = await serve((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const r = { headers: req.headers, body };
      received.push(r);
      handle(r, res, received.length);
    });
  });
  return { url: `${served.url}/hooks/dg`, received, server: served.server, close: served.close };
}

/** A port nothing listens on (bound, then released). */
export async function closedPortUrl(): Promise<string> {
  const served = await serve(() => undefined);
  await served.close();
  return `${served.url}/hooks/dg`;
}
