import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { admin, BENCH_SERVER, withDatabase } from './bench-server';
import { syncCalendarTable } from '../src/calendar/calendar-table.service';
import { addDays, type LocalDate } from '../src/calendar/local-date';
import { openDatabase } from '../src/infra/database/data-source';
import { startSmtpReceiver } from '../src/infra/mail/smtp-receiver';
import { ALL_SECTIONS } from '../src/notifications/digest-section';
import { MessageKind } from '../src/notifications/outbox-message.entity';
import { RecipientGroup } from '../src/notifications/recipient-group.entity';
import type { RenderedMessage } from '../src/notifications/templates/render-digest';
import { createLogger } from '../src/infra/logger';
import { JobQueue } from '../src/queue/job-queue';
import { openQueueBackend } from '../src/queue/queue-backend';
import { createServices } from '../src/services';

/**
 * The fault round of npm run bench:mail: real worker processes (`node dist/jobs/main.js worker`,
 * production timings) delivering the outbox to a mail server that takes each message and holds
 * its answer, while the bench kills them (SIGKILL) and starts them again; then a server that
 * answers after the worker has stopped waiting, and one that is slow but answers in time.
 *
 * Counted at the server, by Message-ID: delivered once, twice (must be 0), lost (never arrived
 * and not IN_DOUBT: must be 0), in doubt (split by whether the server has it), and for every
 * message a kill caught mid-send, how long after the next worker was ready it settled.
 */
const DATABASE = 'sec_tracker_bench_mail_faults';
const MAIL_FROM = 'SEC Modification Tracker <no-reply@sec-tracker.localhost>';
const WORKER_ENTRY = path.join(__dirname, '..', 'jobs', 'main.js');

export interface FaultPhase {
  label: string;
  messages: number;
  kills: number;
  once: number;
  twice: number;
  lost: number;
  inDoubtArrived: number;
  inDoubtNotArrived: number;
  sent: number;
  /** For messages a kill caught mid-send: seconds from the next worker being ready to their settling (max), or null if none. */
  settleAfterReturnMaxS: number | null;
  caughtMidSend: number;
  wallS: number;
}

interface Worker {
  child: ChildProcess;
  ready: Promise<number>;
  exited: Promise<void>;
}

function startWorkerProcess(env: Record<string, string>): Worker {
  const child = spawn(process.execPath, [WORKER_ENTRY, 'worker'], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let buffered = '';
  const ready = new Promise<number>((resolve, reject) => {
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) if (line.includes('"msg":"worker ready"')) resolve(Date.now());
    });
    child.once('exit', (code) => reject(new Error(`the worker exited (${code}) before it was ready`)));
  });
  ready.catch(() => undefined);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return { child, ready, exited };
}

async function kill(worker: Worker, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  worker.child.kill(signal);
  await worker.exited;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs the three phases on a fresh database; returns one row per phase. */
export async function runFaultPhases(rendered: RenderedMessage): Promise<FaultPhase[]> {
  await admin(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
  await admin(`CREATE DATABASE ${DATABASE}`);
  const url = withDatabase(BENCH_SERVER, DATABASE);
  const db = await openDatabase({ url, poolSize: 4 });
  let holdMs = 0;
  const received = new Map<string, number>();
  let holding = 0;
  const sink = await startSmtpReceiver({
    onMessage: async (raw) => {
      const end = raw.indexOf('\r\n\r\n');
      const id = (await simpleParser(end >= 0 ? raw.subarray(0, end + 4) : raw)).messageId ?? '';
      // Taken (committed), then the answer held back, as a slow server does.
      received.set(id, (received.get(id) ?? 0) + 1);
      holding += 1;
      await sleep(holdMs);
      holding -= 1;
      return 'queued';
    },
  });
  const workers: Worker[] = [];
  const quiet = createLogger('warn');
  const queue = await openQueueBackend({ databaseUrl: url }, quiet);
  const jobs = new JobQueue(queue);
  const { outbox } = createServices({ db, jobs, mailFrom: MAIL_FROM });
  try {
    await syncCalendarTable(db);
    const [{ id: groupId }] = await db.query(
      `INSERT INTO recipient_group (name, addresses, sections) VALUES ('SECAS', $1, $2) RETURNING id`,
      [['secas-operations@secas.example.org'], ALL_SECTIONS],
    );
    const group = await db.getRepository(RecipientGroup).findOneByOrFail({ id: groupId });
    // Recorded here; each worker's start-up sweep queues what is undelivered.
    let nextDay: LocalDate = '2001-01-01';
    const record = async (n: number): Promise<string[]> => {
      const ids: string[] = [];
      await db.transaction(async (tx) => {
        for (let i = 0; i < n; i++) {
          const day = nextDay;
          nextDay = addDays(nextDay, 1);
          const key = outbox.deduplicationKey(MessageKind.SLA_DIGEST, group.id, day);
          await outbox.record(tx, { kind: MessageKind.SLA_DIGEST, key, group, day, message: { ...rendered, subject: `SEC digest ${day}` }, coveredTransitionId: null });
          ids.push(outbox.messageIdOf(key));
        }
      });
      return ids;
    };
    const baseEnv = { DATABASE_URL: url, SMTP_URL: sink.url, MAIL_FROM, WORKER_CONCURRENCY: '8' };
    const unsettled = async () => (await db.query(`SELECT count(*)::int AS n FROM outbox_message WHERE state IN ('PENDING', 'SENDING')`))[0].n as number;
    const untilSettled = async (what: string) => {
      for (let waited = 0; (await unsettled()) > 0; waited += 500) {
        if (waited > 20 * 60_000) throw new Error(`${what}: messages still undelivered after 20 minutes`);
        await sleep(500);
      }
    };
    const phase = async (label: string, ids: string[], started: number, kills: number, settleTimes: number[]): Promise<FaultPhase> => {
      const states: Array<{ message_id: string; state: string }> = await db.query(`SELECT message_id, state FROM outbox_message WHERE message_id = ANY($1)`, [ids]);
      const stateOf = new Map(states.map((s) => [s.message_id, s.state]));
      const count = (f: (id: string) => boolean) => ids.filter(f).length;
      return {
        label, messages: ids.length, kills,
        once: count((id) => received.get(id) === 1),
        twice: count((id) => (received.get(id) ?? 0) > 1),
        lost: count((id) => !received.has(id) && stateOf.get(id) !== 'IN_DOUBT'),
        inDoubtArrived: count((id) => stateOf.get(id) === 'IN_DOUBT' && received.has(id)),
        inDoubtNotArrived: count((id) => stateOf.get(id) === 'IN_DOUBT' && !received.has(id)),
        sent: count((id) => stateOf.get(id) === 'SENT'),
        settleAfterReturnMaxS: settleTimes.length ? Math.max(...settleTimes) / 1000 : null,
        caughtMidSend: settleTimes.length,
        wallS: (Date.now() - started) / 1000,
      };
    };

    // Phase 1: the server holds each answer 400 ms; six times, a batch of messages is recorded, a
    // worker started, and killed while the server holds an answer to one of them; the next worker
    // is started at once and the batch delivered.
    const results: FaultPhase[] = [];
    holdMs = 400;
    let started = Date.now();
    const batch1: string[] = [];
    const settleTimes: number[] = [];
    let worker = startWorkerProcess(baseEnv);
    workers.push(worker);
    await worker.ready;
    for (let k = 0; k < 6; k++) {
      const batch = await record(k < 5 ? 21 : 23);
      batch1.push(...batch);
      await outbox.sweep({ db, logger: quiet });
      // Killed once a few of the batch have arrived, at a moment the server holds an answer.
      while (batch.filter((id) => received.has(id)).length < 4 || holding === 0) await sleep(10);
      await kill(worker);
      const caught: Array<{ id: string }> = await db.query(`SELECT id FROM outbox_message WHERE state = 'SENDING'`);
      worker = startWorkerProcess(baseEnv);
      workers.push(worker);
      const back = await worker.ready;
      // Each caught message settles (SENT, or IN_DOUBT) once the returned worker takes its job up again.
      const settled = await Promise.all(caught.map(async ({ id }) => {
        for (;;) {
          const [row] = await db.query(`SELECT state FROM outbox_message WHERE id = $1`, [id]);
          if (row.state !== 'SENDING') return Date.now() - back;
          await sleep(100);
        }
      }));
      settleTimes.push(...settled);
      await untilSettled(`phase 1, kill ${k + 1}`);
      console.log(`  [faults] kill ${k + 1}: ${caught.length} message(s) caught mid-send, the last settled ${(Math.max(0, ...settled) / 1000).toFixed(1)} s after the next worker was ready`);
    }
    results.push(await phase('killed 6 times, server answers in 400 ms', batch1, started, 6, settleTimes));

    // Phase 2: a server that answers after 7 s to a worker that waits 6 s (SMTP_ANSWER_TIMEOUT_MS).
    await kill(worker, 'SIGTERM');
    holdMs = 7_000;
    started = Date.now();
    const batch2 = await record(32);
    worker = startWorkerProcess({ ...baseEnv, SMTP_ANSWER_TIMEOUT_MS: '6000' });
    workers.push(worker);
    await worker.ready;
    await untilSettled('phase 2');
    // Let the server's late answers come, and sweep: nothing in doubt goes again.
    while (holding > 0) await sleep(200);
    const requeued = await outbox.sweep({ db, logger: quiet });
    console.log(`  [faults] the sweep after phase 2 queued ${requeued} message(s): none of those in doubt went again`);
    results.push(await phase('server answers after 7 s, worker waits 6 s', batch2, started, 0, []));

    // Phase 3: the same slow server, the worker waiting as it does by default (11 minutes).
    await kill(worker, 'SIGTERM');
    started = Date.now();
    const batch3 = await record(32);
    worker = startWorkerProcess(baseEnv);
    workers.push(worker);
    await worker.ready;
    await untilSettled('phase 3');
    results.push(await phase('server answers after 7 s, worker waits 11 min', batch3, started, 0, []));
    await kill(worker, 'SIGTERM');
    return results;
  } finally {
    for (const w of workers) if (w.child.exitCode === null && w.child.signalCode === null) await kill(w);
    holdMs = 0;
    await sink.close();
    await jobs.close();
    await queue.close();
    await db.destroy();
    await admin(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
  }
}

export function printFaultPhases(phases: readonly FaultPhase[]): boolean {
  const rows: Array<[string, (p: FaultPhase) => string, string]> = [
    ['messages', (p) => String(p.messages), ''],
    ['worker killed (SIGKILL)', (p) => String(p.kills), ''],
    ['delivered once', (p) => String(p.once), ''],
    ['twice (Message-ID > once)', (p) => `${p.twice}${p.twice ? ' MISSED' : ''}`, '= 0'],
    ['lost (never arrived, not in doubt)', (p) => `${p.lost}${p.lost ? ' MISSED' : ''}`, '= 0'],
    ['in doubt, the server has it', (p) => String(p.inDoubtArrived), ''],
    ['in doubt, the server lacks it', (p) => String(p.inDoubtNotArrived), ''],
    ['outbox SENT', (p) => String(p.sent), ''],
    ['caught mid-send by a kill', (p) => String(p.caughtMidSend), ''],
    ['  settled after the worker was back, max', (p) => (p.settleAfterReturnMaxS === null ? '—' : `${p.settleAfterReturnMaxS.toFixed(1)} s`), '<= 120 s'],
    ['phase time', (p) => `${p.wallS.toFixed(1)} s`, ''],
  ];
  console.log('');
  console.log(`${''.padEnd(42)}${phases.map((p) => p.label.padStart(48)).join('')}  target`);
  for (const [what, value, target] of rows) console.log(`${what.padEnd(42)}${phases.map((p) => value(p).padStart(48)).join('')}  ${target}`);
  return phases.every((p) => p.twice === 0 && p.lost === 0 && (p.settleAfterReturnMaxS ?? 0) <= 120);
}
