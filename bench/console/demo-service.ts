import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { admin, BENCH_SERVER, withDatabase } from '../bench-server';
import type { Cleanups } from './cleanups';

/** The README's demo key: `ADMIN_API_KEY=dev-admin-key-change-me npm run demo`. */
export const DEMO_ADMIN_KEY = 'dev-admin-key-change-me';

/** The package's root, from dist/bench/console/ where this runs. */
export const ROOT = path.resolve(__dirname, '..', '..', '..');

export interface DemoService {
  /** http://127.0.0.1:<port>, the console's origin. */
  base: string;
  /** Where the service's own log goes (removed at the end: print its tail when something fails). */
  logFile: string;
}

/**
 * `npm run demo` as the README runs it: `npm run build:all` when dist/ lacks the service or the
 * console (npm run bench:console has compiled the service already; the console it takes as built),
 * then `node dist/jobs/main.js demo`, API and worker in one process, which loads the April 2021
 * register. Two differences, both so that the run leaves nothing behind: DATABASE_URL names a
 * database made for this run on the local PostgreSQL (instead of the embedded one in ./.data),
 * and DATA_DIR (the dev mailbox) is a temporary directory. `cleanups` stops the process, then
 * drops the database.
 */
export async function startDemoService(cleanups: Cleanups): Promise<DemoService> {
  buildIfMissing();
  const database = `sec_bench_console_${randomBytes(4).toString('hex')}`;
  await admin(`CREATE DATABASE ${database}`);
  cleanups.add(`drop database ${database}`, async () => {
    await admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  });
  const dataDir = await mkdtemp(path.join(tmpdir(), 'sec-bench-console-'));
  cleanups.add(`remove ${dataDir}`, () => rm(dataDir, { recursive: true, force: true }));
  const logFile = path.join(dataDir, 'service.log');
  const port = await freePort();
  const log = openSync(logFile, 'a');
  const child = spawn(process.execPath, [path.join(ROOT, 'dist', 'jobs', 'main.js'), 'demo'], {
    cwd: ROOT,
    env: { ...process.env, ADMIN_API_KEY: DEMO_ADMIN_KEY, DATABASE_URL: withDatabase(BENCH_SERVER, database), PORT: String(port), DATA_DIR: dataDir },
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  cleanups.add('stop the demo service', () => stop(child));
  const base = `http://127.0.0.1:${port}`;
  await readiness(base, child, logFile);
  return { base, logFile };
}

function buildIfMissing(): void {
  const built = ['dist/jobs/main.js', 'dist/console/app.js', 'dist/console/app.css'].every((f) => existsSync(path.join(ROOT, f)));
  if (built) return;
  console.log('dist/ lacks the service or the console: npm run build:all');
  const result = spawnSync('npm', ['run', 'build:all'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`npm run build:all failed (exit ${result.status})`);
}

/** A port nothing listens on now (the OS's pick); the service binds it a moment later. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** /readyz answers 200 once the register is loaded and the API serves (demo loads it before listening). */
async function readiness(base: string, child: ChildProcess, logFile: string, timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the demo service exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${tail(logFile)}`);
    const ok = await fetch(`${base}/readyz`).then((r) => r.status === 200, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the demo service was not ready within ${timeoutMs / 1000} s:\n${tail(logFile)}`);
}

export function tail(logFile: string, lines = 20): string {
  try {
    return readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** SIGTERM, as a person's Ctrl-C would (the service finishes its work and closes); SIGKILL after 15 s. */
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}
