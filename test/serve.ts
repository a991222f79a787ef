import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A test server on a free loopback port. */
export interface Served {
  url: string;
  server: Server;
  /** Drops open connections (keep-alive, streams) and stops listening. */
  close(): Promise<void>;
}

/** Serves `handler` (an Express app, a Koa `app.callback()`, any Node listener) on 127.0.0.1:0. */
export async function serve(handler: RequestListener): Promise<Served> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
