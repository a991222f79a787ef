import { execFileSync } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Where package managers put `redis-server` when a non-login shell's PATH misses it. */
const FALLBACK_DIRS = ['/opt/homebrew/bin', '/usr/local/bin', '/usr/bin', '/usr/sbin'];

/**
 * Thrown when no `redis-server` binary can be found. The message says how to install one;
 * tests that need Redis fail with it instead of being skipped.
 */
export class RedisServerNotFoundError extends Error {
  constructor(readonly detail: string) {
    super(
      `${detail}\n` +
        'distill-guard starts its own Redis for tests and never uses the one on port 6379. Install redis-server:\n' +
        '  Debian/Ubuntu: sudo apt-get install redis-server\n' +
        '  macOS:         brew install redis\n' +
        'or set REDIS_SERVER_BIN to the path of a redis-server binary.',
    );
    this.name = 'RedisServerNotFoundError';
  }
}

function isExecutableFile(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * Resolves the `redis-server` binary: `explicit`, else `REDIS_SERVER_BIN`, else PATH (and
 * the usual install folders). Throws {@link RedisServerNotFoundError} when there is none.
 *
 * @example
 * const bin = findRedisServer(); // '/usr/bin/redis-server'
 */
export function findRedisServer(explicit?: string, env: NodeJS.ProcessEnv = process.env): string {
  const configured = explicit ?? (env.REDIS_SERVER_BIN || undefined);
  if (configured !== undefined) {
    if (isExecutableFile(configured)) return configured;
    const source = explicit === undefined ? 'REDIS_SERVER_BIN' : 'The "bin" option';
    throw new RedisServerNotFoundError(`${source} points to ${configured}, which is not an executable redis-server.`);
  }
  const name = process.platform === 'win32' ? 'redis-server.exe' : 'redis-server';
  const dirs = [...(env.PATH ?? '').split(delimiter).filter(Boolean), ...FALLBACK_DIRS];
  for (const dir of dirs) {
    const candidate = join(dir, name);
    if (isExecutableFile(candidate)) return candidate;
  }
  throw new RedisServerNotFoundError(`redis-server was not found on PATH (nor in ${FALLBACK_DIRS.join(', ')}).`);
}

const versions = new Map<string, number>();

/**
 * The major version of a `redis-server` binary (0 when it cannot be read).
 *
 * @example
 * redisMajorVersion('/usr/bin/redis-server'); // 7
 */
export function redisMajorVersion(bin: string): number {
  const known = versions.get(bin);
  if (known !== undefined) return known;
  let major = 0;
  try {
    const out = execFileSync(bin, ['--version'], { encoding: 'utf8', timeout: 5000 });
    major = Number(/v=(\d+)\./.exec(out)?.[1] ?? 0);
  } catch {
    major = 0;
  }
  versions.set(bin, major);
  return major;
}
