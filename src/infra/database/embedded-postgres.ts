import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import {
  clearRecycledPidFile,
  ensureExecutable,
  initCluster,
  isAlive,
  isPostgresProcess,
  locateBinaries,
  readPostmasterPid,
  startServer,
  stopServer,
  type PostmasterPid,
} from './embedded-cluster';
import { withStartupLock } from './embedded-lock';
import { assertReachable, resolveRunAs } from './embedded-os-user';
import { canConnect } from './wait-for-postgres';

/**
 * A PostgreSQL that lives in the service's data folder, for running without DATABASE_URL.
 *
 * Layout of `dataDir`:
 *   pg/                 the cluster (PGDATA); owned by the `postgres` OS user when we are root
 *   postgres.password   superuser password, 0600, generated at initialisation
 *   postgres.log        server output
 *   postgres.owner      pid of the Node process responsible for stopping the server
 *   postgres.lock       exists only while some process is starting the server
 *
 * The first process to need the database starts it and "owns" it (stop() shuts it down); others
 * (a CLI run while the API runs) attach to it and leave it alone. The server runs detached from
 * Node, so an owner killed with SIGKILL leaves it running: the next process finds the owner pid
 * dead and adopts the server (owned: true), so it is eventually stopped.
 */

export interface EmbeddedDatabase {
  /** postgres://postgres:<password>@127.0.0.1:<port>/<database> — contains the password: never log it. */
  readonly url: string;
  /** True when this process is responsible for stopping the server. */
  readonly owned: boolean;
  /** Owned: fast shutdown, resolves when the server has exited. Attached: no-op. Idempotent. */
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** Absolute path of the data folder; the cluster goes into `<dataDir>/pg`. */
  dataDir: string;
  /** Loopback port when this call starts the server. Attaching uses the running server's port. */
  port?: number;
  database?: string;
  log?: (msg: string) => void;
  /** OS user PostgreSQL runs as when this process is root. */
  osUser?: string;
  /** When root and `osUser` is missing, create it (system user, no login). Default true. */
  createOsUser?: boolean;
}

/** 5432 is left to a system PostgreSQL; matches EMBEDDED_POSTGRES_PORT's default in config. */
export const DEFAULT_EMBEDDED_POSTGRES_PORT = 5433;
export const DEFAULT_EMBEDDED_DATABASE = 'sec_tracker';

const START_TIMEOUT_MS = 60_000;
const LOCK_TIMEOUT_MS = 120_000; // covers another process's initdb on a slow disk
const MAX_LOG_BYTES = 10 * 1024 * 1024;

export async function startOrAttachEmbeddedPostgres(opts: EmbeddedPostgresOptions): Promise<EmbeddedDatabase> {
  const began = performance.now();
  const log = opts.log ?? (() => undefined);
  const database = opts.database ?? DEFAULT_EMBEDDED_DATABASE;
  const port = opts.port ?? DEFAULT_EMBEDDED_POSTGRES_PORT;
  const dataDir = path.resolve(opts.dataDir);
  const files = {
    pgdata: path.join(dataDir, 'pg'),
    password: path.join(dataDir, 'postgres.password'),
    owner: path.join(dataDir, 'postgres.owner'),
    log: path.join(dataDir, 'postgres.log'),
    lock: path.join(dataDir, 'postgres.lock'),
  };
  await fs.mkdir(dataDir, { recursive: true });

  const db = await withStartupLock(files.lock, LOCK_TIMEOUT_MS, async (): Promise<EmbeddedDatabase> => {
    const running = await findRunningServer(files.pgdata, files.password);
    if (running) {
      const password = await readPassword(files.password);
      const url = buildUrl(running, password, database);
      const ownerPid = await readOwnerPid(files.owner);
      if (ownerPid === undefined || ownerPid === process.pid || isAlive(ownerPid)) {
        log(`embedded PostgreSQL: attached to running server (pid ${running.pid}) on ${running.host}:${running.port}`);
        return { url, owned: false, stop: async () => undefined };
      }
      await fs.writeFile(files.owner, String(process.pid));
      log(`embedded PostgreSQL: adopted server (pid ${running.pid}) on ${running.host}:${running.port} whose owner (pid ${ownerPid}) died`);
      return ownedHandle(url, running.pid, undefined, files.owner, log);
    }

    const runAs = await resolveRunAs({
      osUser: opts.osUser ?? 'postgres',
      createOsUser: opts.createOsUser ?? true,
      log,
    });
    const bins = locateBinaries();
    await Promise.all([ensureExecutable(bins.initdb), ensureExecutable(bins.postgres)]);
    if (runAs) {
      await makeTraversable(dataDir);
      await assertReachable(runAs, [dataDir], [bins.initdb, bins.postgres]);
    }

    let password: string;
    if (await exists(path.join(files.pgdata, 'PG_VERSION'))) {
      password = await readPassword(files.password);
      await clearRecycledPidFile(files.pgdata, log);
    } else {
      if (await exists(files.pgdata)) {
        throw new Error(`Embedded PostgreSQL: ${files.pgdata} exists but is not a PostgreSQL cluster; move it away.`);
      }
      const t = performance.now();
      password = randomBytes(24).toString('base64url');
      // initdb into a scratch folder, then rename: a crash mid-way never leaves a half cluster at `pg`.
      const scratch = `${files.pgdata}.initialising`;
      await fs.rm(scratch, { recursive: true, force: true });
      await initCluster({ bins, target: scratch, password, runAs });
      await fs.writeFile(files.password, `${password}\n`, { mode: 0o600 });
      await fs.rename(scratch, files.pgdata);
      log(`embedded PostgreSQL: initialised cluster in ${files.pgdata} (${ms(t)})`);
    }

    await assertPortFree(port);
    await rotateLog(files.log);
    const t = performance.now();
    const server = await startServer({ bins, pgdata: files.pgdata, port, logFile: files.log, runAs, timeoutMs: START_TIMEOUT_MS });
    await fs.writeFile(files.owner, String(process.pid));
    log(`embedded PostgreSQL: started (pid ${server.pid}) on 127.0.0.1:${port} in ${ms(t)}, log ${files.log}`);
    const url = buildUrl({ host: '127.0.0.1', port }, password, database);
    return ownedHandle(url, server.pid, server.child, files.owner, log);
  });

  try {
    await ensureDatabase(db.url, database);
  } catch (err) {
    await db.stop().catch(() => undefined);
    throw err;
  }
  log(`embedded PostgreSQL: database '${database}' ready (${ms(began)} in total)`);
  return db;
}

/** The URL with its password masked, for logs and error messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparsable database URL)';
  }
}

function ownedHandle(
  url: string,
  pid: number,
  child: Parameters<typeof stopServer>[1],
  ownerFile: string,
  log: (msg: string) => void,
): EmbeddedDatabase {
  // Safety net: if Node exits without stop() (uncaught exception, process.exit), still ask the
  // server for a fast shutdown. Only synchronous work is possible in 'exit', so no waiting.
  const onExit = (): void => {
    try {
      process.kill(pid, 'SIGINT');
    } catch {
      // already gone
    }
  };
  process.once('exit', onExit);
  let stopping: Promise<void> | undefined;
  return {
    url,
    owned: true,
    stop: () =>
      (stopping ??= (async () => {
        process.removeListener('exit', onExit);
        const t = performance.now();
        await stopServer(pid, child);
        if ((await readOwnerPid(ownerFile)) === process.pid) await fs.rm(ownerFile, { force: true });
        log(`embedded PostgreSQL: stopped (pid ${pid}) in ${ms(t)}`);
      })()),
  };
}

/**
 * A server already running on this cluster, judged by postmaster.pid: its pid is a live postgres
 * and the port in the file accepts our credentials. One that is starting up or shutting down is
 * waited for. A dead or recycled pid means "not running" (the start path deals with the file).
 */
async function findRunningServer(pgdata: string, passwordFile: string): Promise<PostmasterPid | undefined> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (let attempt = 0; ; attempt++) {
    const info = await readPostmasterPid(pgdata);
    if (!info || !isAlive(info.pid) || !(await isPostgresProcess(info.pid))) return undefined;
    if (info.status === 'ready') {
      const probe = buildUrl(info, await readPassword(passwordFile), 'postgres');
      if (await canConnect(probe)) return info;
      if (attempt >= 3) {
        throw new Error(
          `Embedded PostgreSQL: pid ${info.pid} holds ${pgdata} but does not accept connections on ` +
            `${info.host}:${info.port} with the password in ${passwordFile}. If no PostgreSQL uses this ` +
            `folder any more, delete ${path.join(pgdata, 'postmaster.pid')}.`,
        );
      }
    } else if (Date.now() > deadline) {
      throw new Error(`Embedded PostgreSQL: pid ${info.pid} has been '${info.status}' on ${pgdata} for too long.`);
    }
    await sleep(100);
  }
}

async function ensureDatabase(url: string, database: string): Promise<void> {
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) {
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`).catch((err: { code?: string }) => {
        // Another process created it between our check and now.
        if (err.code !== '42P04' && err.code !== '23505') throw err;
      });
    }
  } finally {
    await client.end();
  }
}

function buildUrl(at: { host: string; port: number }, password: string, database: string): string {
  return `postgres://postgres:${encodeURIComponent(password)}@${at.host}:${at.port}/${encodeURIComponent(database)}`;
}

async function readPassword(file: string): Promise<string> {
  try {
    const password = (await fs.readFile(file, 'utf8')).trim();
    if (password) return password;
  } catch {
    // fall through
  }
  throw new Error(
    `Embedded PostgreSQL: the cluster exists but its password file ${file} is missing or empty. ` +
      `Restore it, or delete ${path.dirname(file)}/pg to start with an empty database.`,
  );
}

async function readOwnerPid(file: string): Promise<number | undefined> {
  try {
    const pid = Number.parseInt(await fs.readFile(file, 'utf8'), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The postgres user must pass through the data folder to reach pg/. Folders made by mkdtemp or
 * with a 077 umask lack that; add o+x (search only: the folder's listing and our 0600 files stay
 * private). Parents we do not touch — assertReachable explains what to change there.
 */
async function makeTraversable(dir: string): Promise<void> {
  const st = await fs.stat(dir);
  if ((st.mode & 0o001) === 0 && st.uid === process.getuid?.()) await fs.chmod(dir, (st.mode & 0o7777) | 0o001);
}

/** A clear error beats postgres's "could not bind" buried in its log. */
async function assertPortFree(port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const server = net.createServer();
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(
        new Error(
          err.code === 'EADDRINUSE'
            ? `Embedded PostgreSQL: port ${port} on 127.0.0.1 is already in use; choose another (EMBEDDED_POSTGRES_PORT).`
            : `Embedded PostgreSQL: cannot use port ${port}: ${err.message}`,
        ),
      ),
    );
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => server.close(() => resolve()));
  });
}

async function rotateLog(file: string): Promise<void> {
  const size = await fs.stat(file).then((s) => s.size, () => 0);
  if (size > MAX_LOG_BYTES) await fs.rename(file, `${file}.1`);
}

async function exists(p: string): Promise<boolean> {
  return fs.access(p).then(
    () => true,
    () => false,
  );
}

function ms(since: number): string {
  return `${Math.round(performance.now() - since)} ms`;
}
