import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { WorkerProcessArgs } from './worker-process';

const root = path.resolve(__dirname, '..', '..', '..');

export interface LogLine {
  level: number;
  msg: string;
  [field: string]: unknown;
}

export interface WorkerChild {
  readonly process: ChildProcess;
  readonly logs: LogLine[];
  /** Resolves with the first log line (past or future) that matches; rejects after `timeoutMs`. */
  waitForLog(match: (line: LogLine) => boolean, what: string, timeoutMs?: number): Promise<LogLine>;
  /** Resolves when the process has exited. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Asks for something over IPC and waits for the answer. */
  request<T>(message: object, timeoutMs?: number): Promise<T>;
}

export interface WorkerChildOptions {
  databaseUrl: string;
  redis?: { url: string; prefix: string };
  shutdownGraceMs?: number;
  /** Where the worker sends mail (a test's SMTP sink). */
  smtpUrl?: string;
  args?: Omit<WorkerProcessArgs, 'redisPrefix'>;
  /** Runs the service's own entry point (`jobs/main.ts <mode>`, as `npm start` and `npm run demo` do) instead of the test worker. */
  mode?: 'all' | 'demo' | 'worker';
  /** More of the environment, as an operator would set it (PORT, ADMIN_API_KEY). */
  env?: Record<string, string>;
}

const running = new Set<ChildProcess>();

/**
 * A worker in a child process (`tests/jobs/support/worker-process.ts`, run through the
 * register-ts hook), configured through its environment as production is. Its JSON log lines are
 * collected, so that a test can wait for "worker ready" or "job completed".
 */
export function spawnWorker(options: WorkerChildOptions): WorkerChild {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'sec-tracker-worker-'));
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    DATABASE_URL: options.databaseUrl,
    LOG_LEVEL: 'debug',
    SHUTDOWN_GRACE_MS: String(options.shutdownGraceMs ?? 30_000),
    WORKER_CONCURRENCY: '1',
    // With no SMTP_URL the worker keeps mail in DATA_DIR/mailbox: a folder of the child's own, never the repository's.
    DATA_DIR: dataDir,
    // The real clock runs in the children: schedules that cannot fire during a test (1 January, 00:00).
    DIGEST_CRON: '0 0 1 1 *',
    MAIL_SWEEP_CRON: '0 0 1 1 *',
    REPORT_CRON: '0 0 1 1 *',
    ...options.env,
  };
  if (options.redis) env.REDIS_URL = options.redis.url;
  if (options.smtpUrl) env.SMTP_URL = options.smtpUrl;
  const args: WorkerProcessArgs = { ...options.args, redisPrefix: options.redis?.prefix };
  const entry = options.mode ? ['jobs/main.ts', options.mode] : ['tests/jobs/support/worker-process.ts', JSON.stringify(args)];
  const child = spawn(
    process.execPath,
    ['--enable-source-maps', '-r', './tests/jobs/support/register-ts.js', ...entry],
    { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] },
  );
  running.add(child);
  const logs: LogLine[] = [];
  const waiters: Array<{ match: (line: LogLine) => boolean; resolve: (line: LogLine) => void }> = [];
  let stderr = '';
  let buffered = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    buffered += chunk;
    const lines = buffered.split('\n');
    buffered = lines.pop()!;
    for (const text of lines) {
      if (!text.trim()) continue;
      let line: LogLine;
      try {
        line = JSON.parse(text) as LogLine;
      } catch {
        line = { level: 30, msg: text };
      }
      logs.push(line);
      for (const waiter of [...waiters]) {
        if (waiter.match(line)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(line);
        }
      }
    }
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      running.delete(child);
      rmSync(dataDir, { recursive: true, force: true });
      resolve({ code, signal });
    });
  });
  const describe = () =>
    `worker ${child.pid}: last log lines:\n${logs.slice(-15).map((l) => JSON.stringify(l)).join('\n')}\nstderr:\n${stderr.slice(-2000)}`;

  return {
    process: child,
    logs,
    exited,
    waitForLog: (match, what, timeoutMs = 20_000) => {
      const seen = logs.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise<LogLine>((resolve, reject) => {
        const waiter = { match, resolve: (line: LogLine) => { clearTimeout(timer); resolve(line); } };
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1);
          reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${what}; ${describe()}`));
        }, timeoutMs);
        waiters.push(waiter);
        void exited.then(({ code, signal }) => {
          if (!waiters.includes(waiter)) return;
          waiters.splice(waiters.indexOf(waiter), 1);
          clearTimeout(timer);
          reject(new Error(`Worker exited (code ${code}, signal ${signal}) before ${what}; ${describe()}`));
        });
      });
    },
    request: <T>(message: object, timeoutMs = 10_000) =>
      new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`No answer to ${JSON.stringify(message)}; ${describe()}`)), timeoutMs);
        child.once('message', (answer) => {
          clearTimeout(timer);
          resolve(answer as T);
        });
        child.send(message);
      }),
  };
}

export function isReady(line: LogLine): boolean {
  return line.msg === 'worker ready';
}

/** SIGKILLs every worker child still running: no test leaves a process behind, even when it fails. */
export async function killAllWorkers(): Promise<void> {
  const exits = [...running].map((child) => new Promise((resolve) => {
    child.once('exit', resolve);
    child.kill('SIGKILL');
  }));
  await Promise.all(exits);
}
