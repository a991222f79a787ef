import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findRedisServer, RedisServerNotFoundError } from './binary.js';
import { freePort } from './ports.js';

/** Options of {@link startRedisServer}. */
export interface RedisServerOptions {
  /** Path of `redis-server`; default `REDIS_SERVER_BIN`, then PATH. */
  bin?: string;
  /** Interface to bind; default `127.0.0.1`. */
  host?: string;
  /** Port; default a free one. Never pass 6379 from tests: a user's machine may run its own Redis there. */
  port?: number;
  /** Working directory; default a fresh temp dir, removed by `stop()`. A given dir is left in place. */
  dir?: string;
  /** Extra `redis-server` arguments, e.g. `['--maxmemory', '64mb']`. */
  args?: string[];
  /** How long to wait for PING to answer; default 10 s. */
  startTimeoutMs?: number;
}

/** A `redis-server` process started by {@link startRedisServer}. */
export interface RedisServer {
  /** `redis://127.0.0.1:<port>`, for `new Redis(url)`. */
  url: string;
  host: string;
  port: number;
  /** Its working directory. */
  dir: string;
  /** True between a successful start and `stop()` / `kill()` / a crash. */
  readonly running: boolean;
  /** Shuts it down (SIGTERM, then SIGKILL after 5 s) and removes its temp dir. Idempotent. */
  stop(): Promise<void>;
  /** SIGKILL, to simulate a crash; `restart()` brings it back. */
  kill(): Promise<void>;
  /** Starts it again on the same port (stopping it first if it runs); its data is gone. */
  restart(): Promise<void>;
  /**
   * SIGSTOP: the process stalls with its connections open (what a long fork, swap or a frozen VM
   * looks like to clients), so commands queue and land late once it resumes.
   */
  pause(): void;
  /** SIGCONT after {@link RedisServer.pause}. */
  resume(): void;
}

const live = new Set<ChildProcess>();
let exitHookInstalled = false;

/** A test run that dies without teardown must not leave Redis processes behind. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const child of live) child.kill('SIGKILL');
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function ping(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    let reply = '';
    const finish = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => finish(false));
    socket.once('error', () => finish(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (data) => {
      reply += data.toString('utf8');
      if (reply.includes('\r\n')) finish(reply.startsWith('+PONG'));
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

interface Launched {
  child: ChildProcess;
}

/** Spawns redis-server and resolves once it answers PING; rejects with its output if it dies. */
async function launch(bin: string, host: string, port: number, dir: string, extra: string[], timeoutMs: number): Promise<Launched> {
  const args = [
    '--port', String(port),
    '--bind', host,
    '--save', '',
    '--appendonly', 'no',
    '--dir', dir,
    '--daemonize', 'no',
    '--logfile', '',
    ...extra,
  ];
  const child = spawn(bin, args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (data: Buffer) => {
    output = (output + data.toString('utf8')).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let spawnError: Error | undefined;
  child.once('error', (error) => {
    spawnError = error;
  });
  live.add(child);
  child.once('exit', () => live.delete(child));
  installExitHook();

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (spawnError) {
      if ((spawnError as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new RedisServerNotFoundError(`Could not run ${bin}: ${spawnError.message}`);
      }
      throw spawnError;
    }
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`redis-server exited during startup on ${host}:${port} (code ${child.exitCode}):\n${output.trim()}`);
    }
    if (await ping(host, port)) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`redis-server did not answer PING on ${host}:${port} within ${timeoutMs} ms:\n${output.trim()}`);
    }
    await sleep(20);
  }
  // The process must not keep the test runner alive; the exit hook cleans it up.
  child.unref();
  (child.stdout as unknown as { unref?: () => void } | null)?.unref?.();
  (child.stderr as unknown as { unref?: () => void } | null)?.unref?.();
  return { child };
}

async function terminate(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited(child);
  clearTimeout(timer);
}

/**
 * Starts a throwaway `redis-server` on 127.0.0.1 and a free port, without persistence
 * (`--save "" --appendonly no`), in its own temp dir; resolves once it answers PING.
 *
 * @example
 * const redis = await startRedisServer();
 * const client = new Redis(redis.url);
 * await redis.stop();
 */
export async function startRedisServer(options: RedisServerOptions = {}): Promise<RedisServer> {
  const bin = findRedisServer(options.bin);
  const host = options.host ?? '127.0.0.1';
  const timeoutMs = options.startTimeoutMs ?? 10_000;
  const extra = options.args ?? [];
  const ownDir = options.dir === undefined;
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'distill-guard-redis-'));

  let port = options.port ?? 0;
  let child: ChildProcess | undefined;
  try {
    // A free port can be taken between the check and the spawn; try another one then.
    for (let attempt = 0; ; attempt++) {
      const candidate = options.port ?? (await freePort(host));
      try {
        child = (await launch(bin, host, candidate, dir, extra, timeoutMs)).child;
        port = candidate;
        break;
      } catch (error) {
        const retry = options.port === undefined && attempt < 4 && /address already in use/i.test(String(error));
        if (!retry) throw error;
      }
    }
  } catch (error) {
    if (ownDir) rmSync(dir, { recursive: true, force: true });
    throw error;
  }

  let stopped = false;
  const isRunning = () => child !== undefined && child.exitCode === null && child.signalCode === null;

  return {
    url: `redis://${host}:${port}`,
    host,
    port,
    dir,
    get running() {
      return isRunning();
    },
    async stop() {
      // A stopped process handles SIGTERM only once it runs again.
      if (child && isRunning()) child.kill('SIGCONT');
      if (child) await terminate(child, 'SIGTERM');
      if (!stopped && ownDir) rmSync(dir, { recursive: true, force: true });
      stopped = true;
    },
    async kill() {
      if (child) await terminate(child, 'SIGKILL');
    },
    pause() {
      if (!child || !isRunning()) throw new Error('pause(): this redis-server is not running');
      child.kill('SIGSTOP');
    },
    resume() {
      if (!child || !isRunning()) throw new Error('resume(): this redis-server is not running');
      child.kill('SIGCONT');
    },
    async restart() {
      if (stopped) throw new Error('restart(): this redis-server was stopped; start a new one');
      if (child && isRunning()) child.kill('SIGCONT');
      if (child) await terminate(child, 'SIGTERM');
      // Right after a kill the port can still look busy for a moment; retry briefly.
      for (let attempt = 0; ; attempt++) {
        try {
          child = (await launch(bin, host, port, dir, extra, timeoutMs)).child;
          return;
        } catch (error) {
          if (attempt >= 20 || !/address already in use/i.test(String(error))) throw error;
          await sleep(50);
        }
      }
    },
  };
}
