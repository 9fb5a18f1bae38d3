import 'reflect-metadata';
import { fork } from 'node:child_process';

import IORedis from 'ioredis';
import { simpleParser } from 'mailparser';
import { admin, BENCH_SERVER, withDatabase } from './bench-server';
import { type FaultPhase, printFaultPhases, runFaultPhases } from './mail-faults';
import pino from 'pino';
import { startWorker } from '../jobs/worker';
import { syncCalendarTable } from '../src/calendar/calendar-table.service';
import { addDays, type LocalDate } from '../src/calendar/local-date';
import { loadConfig } from '../src/config/config';
import { systemClock } from '../src/infra/clock';
import { openDatabase } from '../src/infra/database/data-source';
import type { Logger } from '../src/infra/logger';
import { type MailTransport, smtpTransport } from '../src/infra/mail/mail-transport';
import { SmtpRefusal, startSmtpReceiver } from '../src/infra/mail/smtp-receiver';
import { seededRandom } from '../tests/support/seeded-random';
import type { Digest } from '../src/notifications/digest';
import { ALL_SECTIONS } from '../src/notifications/digest-section';
import { MessageKind } from '../src/notifications/outbox-message.entity';
import { RecipientGroup } from '../src/notifications/recipient-group.entity';
import { renderDigest, type RenderedMessage } from '../src/notifications/templates/render-digest';
import { JobQueue } from '../src/queue/job-queue';
import { openQueueBackend } from '../src/queue/queue-backend';
import { createServices } from '../src/services';

/**
 * npm run bench:mail — 10,000 queued messages to a local SMTP server, one run.
 *
 * Each round runs in a process of its own (so that its peak RSS is its own) on a fresh database and
 * a fresh queue: N outbox messages are recorded in batches (one transaction each; each message's
 * commit time is noted), then a real worker (jobs/worker.ts, the real handlers, the real SMTP
 * transport) delivers them to an SMTP server in the same process, which notes each Message-ID it
 * answers 250 for, and when. Round 1: the server takes everything. Round 2: it refuses 20% of
 * deliveries with 451 (seeded), so the contract's retries (exponential from 2 s) do the rest.
 *
 * Reported per round: messages per second (N / first commit to last 250), latency commit → 250
 * (p50, p99, max), refusals, duplicates and missing by Message-ID at the server, the outbox's final
 * states and peak RSS. Exits non-zero on any duplicate, missing or FAILED message.
 *
 * Environment: BENCH_DATABASE_URL (a PostgreSQL server; the bench creates and drops its own
 * database there), BENCH_MESSAGES (10,000), BENCH_CONCURRENCY (worker concurrency, 8),
 * BENCH_SMTP_CONNECTIONS (the transport's pool, default = concurrency), BENCH_QUEUE (postgres |
 * redis; redis uses REDIS_URL or redis://127.0.0.1:6379 under a prefix of its own, removed after),
 * BENCH_BATCH (messages per recording transaction, 500), BENCH_TIMEOUT_S (per round, 1800),
 * BENCH_SEED (the refusals' seed, 42), BENCH_ROUNDS (e.g. "2" to run the refusing round alone, "3"
 * the fault round alone: see bench/mail-faults.ts).
 */
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 10_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const SMTP_CONNECTIONS = Number(process.env.BENCH_SMTP_CONNECTIONS ?? CONCURRENCY);
const QUEUE = (process.env.BENCH_QUEUE ?? 'postgres') as 'postgres' | 'redis';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const BATCH = Number(process.env.BENCH_BATCH ?? 500);
const TIMEOUT_MS = Number(process.env.BENCH_TIMEOUT_S ?? 1800) * 1000;
const SEED = Number(process.env.BENCH_SEED ?? 42);
const POLL_MS = 250;
const PROGRESS_MS = 5_000;
const DATABASE = 'sec_tracker_bench_mail';
const MAIL_FROM = 'SEC Modification Tracker <no-reply@sec-tracker.localhost>';
const FIRST_DAY: LocalDate = '2000-01-03';

interface RoundSpec {
  index: number;
  label: string;
  /** The fraction of deliveries the server answers with 451. */
  refuse: number;
}

const ROUNDS: RoundSpec[] = [
  { index: 1, label: 'all accepted', refuse: 0 },
  { index: 2, label: '20% refused 451', refuse: 0.2 },
];
/** Round 3 (bench/mail-faults.ts): worker processes killed mid-send, and a server slower than the worker waits. */
const FAULT_ROUND = 3;

interface RoundResult {
  round: RoundSpec;
  messages: number;
  recordMs: number;
  enqueueMs: number;
  /** First commit to last 250. */
  wallMs: number;
  /** The round's process, start to results (database set-up and tear-down not included). */
  totalMs: number;
  perSecond: number;
  /** Messages per second over each quarter of the deliveries. */
  quarters: number[];
  p50: number;
  p99: number;
  max: number;
  /** transport.send, as deliver sees it (every attempt, refused ones too). */
  sendP50: number;
  sendP99: number;
  accepted: number;
  refused: number;
  duplicates: number;
  missing: number;
  /** Message-IDs the server took that the outbox never recorded. */
  strangers: number;
  states: Record<string, number>;
  timedOut: boolean;
  /** The round's process's CPU time over wall time while it delivered (1 = one core busy throughout). */
  deliveryCpuShare: number;
  peakRssMb: number;
  bytesPerMessage: number;
  workerLog: Record<string, number>;
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-GB');
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/** A busy SECAS morning: every section, a dozen lines; rendered once, its HTML reused for every message. */
function sampleDigest(day: LocalDate): Digest {
  const assessments = Array.from({ length: 8 }, (_, i) => ({
    reference: `MP${210 + i}`,
    title: ['Smart Meter Device Assurance', 'DCC Release 5.3 scope', 'Alt HAN Forum changes', 'SMKI Recovery procedure'][i % 4]!,
    type: i % 3 === 0 ? ('IMPACT' as const) : ('PRELIMINARY' as const),
    changeRequest: `CR${1400 + i}`,
    acceptedOn: addDays(day, -40 - i * 3),
    targetOn: addDays(day, i < 5 ? -i - 1 : i),
    status: i < 5 ? ('OVERDUE' as const) : ('DUE_SOON' as const),
    workingDaysOver: i < 5 ? 12 - i : 0,
    workingDaysLeft: i < 5 ? 0 : i - 4,
    expectedCompletionOn: i % 2 ? addDays(day, 10 + i) : null,
    commentary: i % 2 ? 'DCC awaiting clarification from the Proposer on the scope of the solution.' : null,
  }));
  return {
    group: 'SECAS',
    day,
    since: addDays(day, -1),
    sections: ALL_SECTIONS,
    changes: [
      { reference: 'MP201', title: 'Gas Proxy Meter read timing', type: 'PRELIMINARY', changeRequest: 'CR1391', change: 'NEWLY_OVERDUE', on: day },
      { reference: 'MP204', title: 'CPA Certificate renewal', type: 'IMPACT', changeRequest: 'CR1394', change: 'RETURNED_LATE', on: day },
      { reference: 'MP207', title: 'Prepayment top-up routing', type: 'PRELIMINARY', changeRequest: null, change: 'NEWLY_DUE_SOON', on: day },
    ],
    assessments,
    consultations: [
      { reference: 'MP199', title: 'Install and Commission events', kind: 'REFINEMENT', event: 'OPENS', on: addDays(day, 2), opensOn: addDays(day, 2), closesOn: addDays(day, 23) },
      { reference: 'MP188', title: 'Network Operator alerts', kind: 'MODIFICATION_REPORT', event: 'CLOSES', on: addDays(day, 1), opensOn: addDays(day, -20), closesOn: addDays(day, 1) },
    ],
    deadlines: [{ meetingOn: addDays(day, 14), deadline: 'PAPERS', on: addDays(day, 2), agenda: ['MP199', 'MP201', 'MP210'] }],
    refinement: [
      { reference: 'MP175', title: 'Enduring Change of Supplier', problem: 'PAST_RETURN_MONTH', returnToPanelMonth: '2026-09' },
      { reference: 'MP181', title: 'Smart Meter Key Infrastructure', problem: 'NO_OPEN_WORK_PACKAGE', returnToPanelMonth: null },
    ],
  };
}

interface Sink {
  url: string;
  /** Message-ID and the time of the 250, per accepted delivery, in order. */
  accepted: Array<{ messageId: string; at: number; bytes: number }>;
  readonly refused: number;
  close(): Promise<void>;
}

/** A loopback SMTP server; answers 250 after reading the Message-ID, or 451 for a seeded fraction (the refusals repeat from run to run, as far as arrival order does). */
async function startSink(refuse: number, seed: number): Promise<Sink> {
  const random = seededRandom(seed);
  const accepted: Sink['accepted'] = [];
  let refused = 0;
  const receiver = await startSmtpReceiver({
    onMessage: async (raw) => {
      if (refuse > 0 && random() < refuse) {
        refused += 1;
        throw new SmtpRefusal(451, '4.3.0 Try again later');
      }
      // The header block is all that identifies a message; parsing the 30 KB body would only load the worker's event loop.
      const end = raw.indexOf('\r\n\r\n');
      const parsed = await simpleParser(end >= 0 ? raw.subarray(0, end + 4) : raw);
      accepted.push({ messageId: parsed.messageId ?? '', at: Date.now(), bytes: raw.length });
      return `queued as ${accepted.length}`;
    },
  });
  return {
    url: receiver.url,
    accepted,
    get refused() {
      return refused;
    },
    close: () => receiver.close(),
  };
}

/** The worker's log, quiet: warnings counted by message, errors printed (the first few). */
function quietLogger(): { logger: Logger; counts: Map<string, number> } {
  const counts = new Map<string, number>();
  let printed = 0;
  const logger = pino(
    { name: 'sec-tracker', level: 'warn' },
    {
      write(text: string) {
        const line = JSON.parse(text) as { level: number; msg?: string };
        const key = `${line.level >= 50 ? 'error' : 'warn'}: ${line.msg ?? ''}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
        if (line.level >= 50 && printed++ < 5) console.log(`    worker ${text.trim().slice(0, 600)}`);
      },
    },
  );
  return { logger, counts };
}

async function dropRedisPrefix(prefix: string): Promise<number> {
  const redis = new IORedis(REDIS_URL, { maxRetriesPerRequest: 1 });
  let removed = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) removed += await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return removed;
}

async function countStates(db: { query(sql: string): Promise<Array<{ state: string; n: number }>> }): Promise<Record<string, number>> {
  const states: Record<string, number> = { PENDING: 0, SENT: 0, FAILED: 0 };
  for (const row of await db.query(`SELECT state, count(*)::int AS n FROM outbox_message GROUP BY state`)) states[row.state] = row.n;
  return states;
}

/** One round, in its own process: fresh database, fresh queue, its own SMTP server and worker. */
async function runRound(round: RoundSpec): Promise<RoundResult> {
  const started = Date.now();
  const tag = `[round ${round.index}]`;
  await admin(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
  await admin(`CREATE DATABASE ${DATABASE}`);
  const url = withDatabase(BENCH_SERVER, DATABASE);
  const redisPrefix = QUEUE === 'redis' ? `bench-mail-${process.pid}-${Date.now()}` : undefined;
  const { logger, counts: workerLog } = quietLogger();
  // The send job holds a connection while the mail server answers: one per concurrent job, and some to spare.
  const db = await openDatabase({ url, poolSize: Math.max(10, CONCURRENCY + 2) });
  const cleanups: Array<[string, () => Promise<unknown>]> = [];
  const cleanup = async () => {
    for (const [what, fn] of cleanups.reverse()) {
      await fn().catch((err) => console.log(`  ${tag} closing ${what} failed: ${(err as Error).message}`));
    }
  };
  cleanups.push(['database', async () => {
    await db.destroy();
    await admin(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
  }]);
  try {
    await syncCalendarTable(db);
    const [{ id: groupId }] = await db.query(
      `INSERT INTO recipient_group (name, addresses, sections) VALUES ('SECAS', $1, $2) RETURNING id`,
      [['secas-operations@secas.example.org', 'change-team@secas.example.org'], ALL_SECTIONS],
    );
    const group = await db.getRepository(RecipientGroup).findOneByOrFail({ id: groupId });
    const rendered = await renderDigest(sampleDigest('2026-11-20'));

    const queue = await openQueueBackend({ databaseUrl: url, redisUrl: QUEUE === 'redis' ? REDIS_URL : undefined, redisPrefix }, logger);
    if (redisPrefix) cleanups.push(['redis keys', () => dropRedisPrefix(redisPrefix)]);
    cleanups.push(['queue backend', () => queue.close()]);
    const jobs = new JobQueue(queue);
    cleanups.push(['job queue', () => jobs.close()]);
    const services = createServices({ db, jobs, mailFrom: MAIL_FROM });

    // Record: BATCH messages per transaction; each message's commit time is its batch's.
    const committedAt = new Map<string, number>();
    const recordStart = Date.now();
    for (let first = 0; first < MESSAGES; first += BATCH) {
      const ids: string[] = [];
      await db.transaction(async (tx) => {
        for (let i = first; i < Math.min(MESSAGES, first + BATCH); i++) {
          const day = addDays(FIRST_DAY, i);
          const key = services.outbox.deduplicationKey(MessageKind.SLA_DIGEST, group.id, day);
          const message: RenderedMessage = { ...rendered, subject: `SEC digest ${day}: ${rendered.subject}` };
          await services.outbox.record(tx, { kind: MessageKind.SLA_DIGEST, key, group, day, message, coveredTransitionId: null });
          ids.push(services.outbox.messageIdOf(key));
        }
      });
      const at = Date.now();
      for (const id of ids) committedAt.set(id, at);
    }
    const recordMs = Date.now() - recordStart;
    const firstCommit = Math.min(...committedAt.values());
    console.log(`  ${tag} recorded ${fmt(MESSAGES)} messages in ${secs(recordMs)} (batches of ${BATCH}; html ${fmt(rendered.html.length)} chars, text ${fmt(rendered.text.length)})`);

    const sink = await startSink(round.refuse, SEED);
    cleanups.push(['smtp server', () => sink.close()]);
    const smtp = smtpTransport({ url: sink.url, maxConnections: SMTP_CONNECTIONS }, logger);
    cleanups.push(['mail transport', () => smtp.close()]);
    // The same transport, timed: how long each send holds its job (and, in deliver, the row's transaction).
    const sendMs: number[] = [];
    const mail: MailTransport = {
      send: async (m, hooks) => {
        const t = performance.now();
        try {
          return await smtp.send(m, hooks);
        } finally {
          sendMs.push(performance.now() - t);
        }
      },
      close: () => smtp.close(),
    };
    const config = loadConfig({
      DATABASE_URL: url,
      SMTP_URL: sink.url,
      MAIL_FROM,
      WORKER_CONCURRENCY: String(CONCURRENCY),
      LOG_LEVEL: 'warn',
      SHUTDOWN_GRACE_MS: '30000',
      ...(QUEUE === 'redis' ? { REDIS_URL } : {}),
    });
    const worker = await startWorker({ db, config, logger, clock: systemClock, queue, jobs, services, mail });
    cleanups.push(['worker', () => worker.close()]);

    const enqueueStart = Date.now();
    const cpuStart = process.cpuUsage();
    await services.outbox.sweep({ db, logger });
    const enqueueMs = Date.now() - enqueueStart;
    console.log(`  ${tag} queued ${fmt(MESSAGES)} send jobs in ${secs(enqueueMs)} (${QUEUE}, concurrency ${CONCURRENCY}, ${SMTP_CONNECTIONS} SMTP connections)`);

    const deadline = Date.now() + TIMEOUT_MS;
    let lastProgress = Date.now();
    let states = await countStates(db);
    let timedOut = false;
    while (states.PENDING! > 0) {
      if (Date.now() > deadline) {
        timedOut = true;
        console.log(`  ${tag} TIMED OUT after ${secs(TIMEOUT_MS)} with ${fmt(states.PENDING!)} messages still PENDING`);
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      states = await countStates(db);
      if (Date.now() - lastProgress >= PROGRESS_MS) {
        lastProgress = Date.now();
        console.log(
          `  ${tag} ${secs(Date.now() - enqueueStart).padStart(7)}: sent ${fmt(states.SENT!)} / pending ${fmt(states.PENDING!)} / failed ${fmt(states.FAILED!)}` +
            `   (server: ${fmt(sink.accepted.length)} accepted, ${fmt(sink.refused)} refused)`,
        );
      }
    }
    const cpu = process.cpuUsage(cpuStart);
    const deliveryCpuShare = (cpu.user + cpu.system) / 1000 / (Date.now() - enqueueStart);
    // A late duplicate (a job run twice) would come after its row is SENT: give it a moment to show.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    states = await countStates(db);

    const recorded: Array<{ message_id: string }> = await db.query(`SELECT message_id FROM outbox_message`);
    const firstAccepted = new Map<string, number>();
    const receivedCount = new Map<string, number>();
    for (const a of sink.accepted) {
      receivedCount.set(a.messageId, (receivedCount.get(a.messageId) ?? 0) + 1);
      if (!firstAccepted.has(a.messageId)) firstAccepted.set(a.messageId, a.at);
    }
    const duplicates = [...receivedCount.values()].filter((n) => n > 1).length;
    const missing = recorded.filter((r) => !receivedCount.has(r.message_id)).length;
    const strangers = [...receivedCount.keys()].filter((id) => !committedAt.has(id)).length;
    if (strangers) console.log(`  ${tag} ${strangers} Message-IDs arrived that the outbox never recorded`);
    const latencies = [...firstAccepted].filter(([id]) => committedAt.has(id)).map(([id, at]) => at - committedAt.get(id)!).sort((a, b) => a - b);
    const lastAccepted = sink.accepted.length ? Math.max(...sink.accepted.map((a) => a.at)) : NaN;
    const wallMs = lastAccepted - firstCommit;
    // Deliveries per second over each quarter of the messages (first 250s in time order): a rate that falls shows a cost that grows.
    const firstTimes = [...firstAccepted.values()].sort((a, b) => a - b);
    const quarters = [1, 2, 3, 4].map((q) => {
      const from = q === 1 ? firstCommit : firstTimes[Math.floor(((q - 1) * firstTimes.length) / 4) - 1]!;
      const to = firstTimes[Math.floor((q * firstTimes.length) / 4) - 1]!;
      return firstTimes.length / 4 / ((to - from) / 1000);
    });

    return {
      round,
      messages: MESSAGES,
      recordMs,
      enqueueMs,
      wallMs,
      totalMs: Date.now() - started,
      perSecond: MESSAGES / (wallMs / 1000),
      quarters,
      p50: percentile(latencies, 0.5),
      p99: percentile(latencies, 0.99),
      max: latencies.at(-1) ?? NaN,
      sendP50: percentile(sendMs.sort((a, b) => a - b), 0.5),
      sendP99: percentile(sendMs, 0.99),
      accepted: sink.accepted.length,
      refused: sink.refused,
      duplicates,
      missing,
      strangers,
      states,
      timedOut,
      deliveryCpuShare,
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      bytesPerMessage: sink.accepted.length ? sink.accepted.reduce((s, a) => s + a.bytes, 0) / sink.accepted.length : 0,
      workerLog: Object.fromEntries(workerLog),
    };
  } finally {
    await cleanup();
  }
}

function inChild<R>(args: string[], what: string): Promise<R> {
  return new Promise((resolve, reject) => {
    const child = fork(__filename, args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let result: R | undefined;
    child.on('message', (message) => {
      result = message as R;
    });
    child.on('exit', (code) => (code === 0 && result ? resolve(result) : reject(new Error(`${what} exited ${code}`))));
  });
}

const runRoundInChild = (round: RoundSpec) => inChild<RoundResult>(['--round', JSON.stringify(round)], `round ${round.index}`);

async function main(): Promise<void> {
  const only = process.env.BENCH_ROUNDS?.split(',').map(Number);
  const rounds = ROUNDS.filter((r) => !only || only.includes(r.index));
  const withFaults = !only || only.includes(FAULT_ROUND);
  console.log(
    `Mail delivery benchmark: ${fmt(MESSAGES)} outbox messages per round, BullMQ on ${QUEUE}, worker concurrency ${CONCURRENCY}, ` +
      `${SMTP_CONNECTIONS} SMTP connections`,
  );
  const results: RoundResult[] = [];
  const t0 = Date.now();
  try {
    for (const round of rounds) {
      console.log(`\nRound ${round.index}: ${round.label}`);
      results.push(await runRoundInChild(round));
    }
  } finally {
    await admin(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`).catch(() => undefined);
  }

  const cell = (v: string, ok: boolean) => `${v}${ok ? '' : ' MISSED'}`;
  const rows: Array<[string, (r: RoundResult) => string, string]> = [
    ['messages', (r) => fmt(r.messages), ''],
    ['recording (batches of ' + BATCH + ')', (r) => secs(r.recordMs), ''],
    ['queueing the send jobs', (r) => secs(r.enqueueMs), ''],
    ['wall time, first commit -> last 250', (r) => secs(r.wallMs), ''],
    ['messages per second', (r) => fmt(r.perSecond), ''],
    ['  by quarter of the messages', (r) => r.quarters.map(fmt).join(' / '), ''],
    ['latency commit -> 250, p50', (r) => `${fmt(r.p50)} ms`, ''],
    ['latency commit -> 250, p99', (r) => `${fmt(r.p99)} ms`, ''],
    ['latency commit -> 250, max', (r) => `${fmt(r.max)} ms`, ''],
    ['SMTP send inside deliver, p50 / p99', (r) => `${fmt(r.sendP50)} / ${fmt(r.sendP99)} ms`, ''],
    ['deliveries answered 250', (r) => fmt(r.accepted), ''],
    ['deliveries refused 451', (r) => fmt(r.refused), ''],
    ['duplicates (Message-ID > once)', (r) => cell(fmt(r.duplicates), r.duplicates === 0), '= 0'],
    ['missing (never arrived)', (r) => cell(fmt(r.missing), r.missing === 0), '= 0'],
    ['unknown Message-IDs at the server', (r) => cell(fmt(r.strangers), r.strangers === 0), '= 0'],
    ['outbox SENT', (r) => cell(fmt(r.states.SENT ?? 0), (r.states.SENT ?? 0) === r.messages), '= messages'],
    ['outbox FAILED', (r) => cell(fmt(r.states.FAILED ?? 0), (r.states.FAILED ?? 0) === 0), '= 0'],
    ['outbox PENDING', (r) => cell(fmt(r.states.PENDING ?? 0), (r.states.PENDING ?? 0) === 0 && !r.timedOut), '= 0'],
    ['message size at the server', (r) => `${fmt(r.bytesPerMessage / 1024)} KB`, ''],
    ['bench process CPU while delivering', (r) => `${fmt(r.deliveryCpuShare * 100)}% of a core`, ''],
    ['peak RSS (the round\'s process)', (r) => `${fmt(r.peakRssMb)} MB`, ''],
    ['round time (process)', (r) => secs(r.totalMs), ''],
  ];
  if (results.length) {
    console.log('');
    console.log(`${''.padEnd(38)}${results.map((r) => `round ${r.round.index}: ${r.round.label}`.padStart(26)).join('')}  target`);
    for (const [what, value, target] of rows) console.log(`${what.padEnd(38)}${results.map((r) => value(r).padStart(26)).join('')}  ${target}`);
  }
  for (const r of results) {
    const log = Object.entries(r.workerLog);
    if (log.length) console.log(`\nround ${r.round.index} worker log (warn and above): ${log.map(([msg, n]) => `${fmt(n)} x "${msg}"`).join('; ')}`);
  }
  let faultsHeld = true;
  if (withFaults) {
    console.log(`\nRound ${FAULT_ROUND}: faults (worker processes killed with SIGKILL mid-send; a mail server slower than the worker waits)`);
    faultsHeld = printFaultPhases(await inChild<FaultPhase[]>(['--faults'], 'the fault round'));
  }
  console.log(`\nbench time: ${secs(Date.now() - t0)}`);
  const failed = results.some((r) => r.duplicates !== 0 || r.missing !== 0 || r.strangers !== 0 || (r.states.FAILED ?? 0) !== 0 || (r.states.PENDING ?? 0) !== 0 || r.timedOut);
  if (failed || !faultsHeld) {
    console.log('FAILED: duplicates, missing, FAILED or undelivered messages (see MISSED above)');
    process.exitCode = 1;
  }
}

if (process.argv[2] === '--faults') {
  renderDigest(sampleDigest('2026-11-20')).then(runFaultPhases).then(
    (phases) => process.send!(phases, () => process.disconnect()),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
} else if (process.argv[2] === '--round') {
  runRound(JSON.parse(process.argv[3]!) as RoundSpec).then(
    // No process.exit: everything was closed, so the process ends by itself (or hangs, which says something was left open).
    (result) => process.send!(result, () => process.disconnect()),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
} else {
  main().catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
}
