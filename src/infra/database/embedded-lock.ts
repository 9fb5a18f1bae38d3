import { promises as fs } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { isAlive } from './embedded-cluster';

/**
 * Serialises "inspect, initialise, start" between processes sharing a data folder, e.g. the server
 * and `npm run import` launched together on a fresh checkout: without it both would run initdb or
 * both would start a postgres. Held only for the few hundred ms of start-up, never while serving.
 * The file holds the holder's pid, so a lock left by a killed process is taken over.
 */
export async function withStartupLock<T>(lockFile: string, timeoutMs: number, fn: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await fs.writeFile(lockFile, String(process.pid), { flag: 'wx', mode: 0o600 });
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    if (await isStale(lockFile)) {
      await fs.rm(lockFile, { force: true });
      continue;
    }
    if (Date.now() > deadline) {
      throw new Error(`Embedded PostgreSQL: another process holds ${lockFile}; remove it if that process is gone.`);
    }
    await sleep(50);
  }
  try {
    return await fn();
  } finally {
    await fs.rm(lockFile, { force: true });
  }
}

async function isStale(lockFile: string): Promise<boolean> {
  try {
    const [text, stat] = await Promise.all([fs.readFile(lockFile, 'utf8'), fs.stat(lockFile)]);
    const pid = Number.parseInt(text, 10);
    // An empty file is a holder between create and write; only stale if it stays empty.
    if (!Number.isInteger(pid)) return Date.now() - stat.mtimeMs > 5_000;
    return pid !== process.pid && !isAlive(pid);
  } catch {
    return false; // vanished meanwhile: just retry
  }
}
