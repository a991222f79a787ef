import { createServer } from 'node:net';

function listenOn(port: number, host: string): Promise<number | undefined> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(undefined));
    server.listen({ port, host, exclusive: true }, () => {
      const address = server.address();
      const bound = typeof address === 'object' && address ? address.port : undefined;
      server.close(() => resolve(bound));
    });
  });
}

/**
 * A port that was free on `host` a moment ago (the OS picks it).
 *
 * @example
 * const port = await freePort('127.0.0.1');
 */
export async function freePort(host: string): Promise<number> {
  const port = await listenOn(0, host);
  if (port === undefined) throw new Error(`Could not find a free port on ${host}`);
  return port;
}

/**
 * A free port `p` whose cluster-bus port `p + 10000` is free too, for Redis before 7
 * (which has no `--cluster-port` and always uses `p + 10000`).
 *
 * @example
 * const port = await freePortPair('127.0.0.1');
 */
export async function freePortPair(host: string): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 25_000);
    if ((await listenOn(port, host)) !== undefined && (await listenOn(port + 10_000, host)) !== undefined) return port;
  }
  throw new Error(`Could not find a free port pair (p, p+10000) on ${host}`);
}
