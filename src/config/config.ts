import path from 'node:path';
import { isEmailAddress } from '../common/email-address';
import { bool, cleanEnv, makeValidator, port, str, url, EnvError, EnvMissingError } from 'envalid';
import { SMTP_ANSWER_TIMEOUT_MS } from '../infra/mail/mail-transport';
import { PAPER_DEFAULTS, type PaperDefaults, type PanelNumbering, parsePanelNumbering } from '../reports/paper/paper-frame';

/**
 * The one place that reads the environment. Everything else receives a typed `Config`.
 * A bad variable stops start-up with its name (never its value: it may be a secret).
 */
export interface Config {
  readonly port: number;
  /** A worker started alone serves /healthz and /metrics on this port; unset: it serves nothing (several may share a host). */
  readonly workerStatusPort: number | undefined;
  /** Unset: an embedded PostgreSQL runs in `dataDir`. */
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  readonly embeddedPostgresPort: number;
  /** Unset: BullMQ runs on its PostgreSQL backend in the service's own database. */
  readonly redisUrl: string | undefined;
  /** When the nightly SLA recompute fires (cron, Europe/London). */
  readonly slaRecomputeCron: string;
  /** When the morning digests go out (cron, Europe/London); only Working Days send anything. */
  readonly digestCron: string;
  /** How often undelivered messages are given a send job again (cron). */
  readonly mailSweepCron: string;
  /** When the monthly report schedule looks whether the month's Change Status Report is due (Europe/London). */
  readonly reportCron: string;
  /** Where users reach the API, for the links it gives out; unset: the request's own host. */
  readonly publicUrl: string | undefined;
  /** How long a report's signed download links live by default. */
  readonly reportLinkMinutes: number;
  /** PAPER_AUTHOR and PANEL_NUMBERING: the Panel papers' title blocks by default. */
  readonly paperDefaults: PaperDefaults;
  /** Unset: mail goes to the dev mailbox (an SMTP server in the worker, keeping .eml files in DATA_DIR). */
  readonly smtpUrl: string | undefined;
  /**
   * Whether the API shows the dev mailbox at /admin/mailbox (ADMIN, from this machine only):
   * DEV_MAILBOX=true asks for it, never the absence of SMTP_URL alone; unset, only `demo` shows it.
   */
  readonly devMailbox: boolean | undefined;
  /** How long a message stays IN_DOUBT (the server may have it) before it is sent again; 0: only an admin settles it. */
  readonly mailInDoubtResendMinutes: number;
  /** How long the worker waits for any answer of the mail server (past RFC 5321's 10 minutes for the end of a message). */
  readonly smtpAnswerTimeoutMs: number;
  readonly mailFrom: string;
  /** The addresses a fresh install gives the DCC and SECAS recipient groups; admins manage them after. */
  readonly notifyDcc: readonly string[];
  readonly notifySecas: readonly string[];
  /** How long SIGTERM lets a running job finish before the worker exits. */
  readonly shutdownGraceMs: number;
  readonly workerConcurrency: number;
  readonly adminApiKey: string | undefined;
  /** Set: /metrics answers only `Authorization: Bearer <this>`. Unset: anyone who reaches the port. */
  readonly metricsToken: string | undefined;
  readonly dueSoonWorkingDays: number;
  readonly logLevel: string;
  /** The CLI's own level: quieter by default, so that a command's output is its answer. */
  readonly cliLogLevel: string;
  readonly prettyErrors: boolean;
  /** What one GraphQL request may ask for; checked before any resolver runs. */
  readonly graphqlLimits: GraphqlLimits;
  /** The longest one SQL statement may run (PostgreSQL statement_timeout), for requests and jobs alike. */
  readonly statementTimeoutMs: number;
  /** Different read statements each database connection keeps prepared (DB_PREPARED_STATEMENTS; 0: none). */
  readonly preparedStatements: number;
  /** An API request's time budget: no statement starts once it is spent; 0: none. */
  readonly requestTimeoutMs: number;
  /** Whether reads a single statement can answer whole skip the resolvers (src/graphql/compiled-reads). */
  readonly compiledReads: boolean;
  /** Whether introspection answers callers with a valid key (it never answers anyone else). */
  readonly introspection: boolean;
  /**
   * Which proxies in front of the API to believe about the client (Express's `trust proxy`):
   * false, true, a hop count, or addresses and subnets. Believed, they give the request's scheme
   * (so the admin cookie is Secure and links are https), host and client address (rate limits).
   */
  readonly trustProxy: boolean | number | string;
  /** Browser origins allowed to call the API (CORS); empty: none. */
  readonly corsOrigins: readonly string[];
  /** The largest request body the API reads. */
  readonly maxBodyBytes: number;
  /** Requests a key (or an address without one) may make per minute; 0: no limit. */
  readonly rateLimitPerMinute: number;
  /** How often each process queues the jobs changes owe (kept while the queue is down). */
  readonly owedJobDispatchMs: number;
  /** How often each process looks that the queue's store still holds the schedules. */
  readonly scheduleCheckMs: number;
}

export interface GraphqlLimits {
  maxDepth: number;
  maxAliases: number;
  maxDirectives: number;
  maxTokens: number;
  /** Cost: 1 per object, lists multiplied by their `first` (or by listSizeEstimate when they have none). */
  maxCost: number;
  listSizeEstimate: number;
}

const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

const nonNegativeInt = makeValidator<number>((input) => {
  const n = Number(input);
  if (!Number.isInteger(n) || n < 0) throw new EnvError('must be a whole number of 0 or more');
  return n;
});

const positiveInt = makeValidator<number>((input) => {
  const n = Number(input);
  if (!Number.isInteger(n) || n < 1) throw new EnvError('must be a whole number of 1 or more');
  return n;
});

/** Five fields, minute to weekday, as BullMQ's job scheduler reads them (e.g. "0 2 * * *"). */
const cron = makeValidator<string>((input) => {
  const fields = input.trim().split(/\s+/);
  if (fields.length !== 5 || !fields.every((f) => /^[\d*,/-]+$/.test(f))) {
    throw new EnvError('must be a five-field cron expression, e.g. "0 2 * * *"');
  }
  return input.trim();
});

/** "91@2021-04": the Panel meeting of that month had that number; one Panel a month since and before. */
const panelNumbering = makeValidator<PanelNumbering>((input) => {
  const numbering = parsePanelNumbering(input);
  if (!numbering) throw new EnvError('must be a Panel number and the month it met, e.g. "91@2021-04"');
  return numbering;
});

/** Comma-separated email addresses, at least one; the error names the one that is not an address. */
/** Comma-separated origins (https://app.example.org), each exactly as a browser sends it. */
const originList = makeValidator<string[]>((input) => {
  const origins = input.split(',').map((o) => o.trim()).filter(Boolean);
  for (const [i, o] of origins.entries()) {
    let parsed: URL;
    try {
      parsed = new URL(o);
    } catch {
      throw new EnvError(`entry ${i + 1} is not an origin such as https://app.example.org`);
    }
    if (parsed.origin !== o) throw new EnvError(`entry ${i + 1} is not an origin (scheme, host and port only, no path or slash): use ${parsed.origin}`);
  }
  return origins;
});

const addressList = makeValidator<string[]>((input) => {
  const addresses = input.split(',').map((a) => a.trim()).filter(Boolean);
  if (addresses.length === 0) throw new EnvError('must list at least one email address, comma-separated');
  const bad = addresses.findIndex((a) => !isEmailAddress(a));
  if (bad >= 0) throw new EnvError(`entry ${bad + 1} is not an email address`);
  return addresses;
});

const apiKey = makeValidator<string>((input) => {
  if (input.length < 16) throw new EnvError('must be at least 16 characters');
  return input;
});

/** false (default), true, a number of hops, or comma-separated addresses/subnets ("loopback, 10.0.0.0/8"). */
const trustProxy = makeValidator<boolean | number | string>((input) => {
  const text = input.trim();
  if (text === '' || text === 'false') return false;
  if (text === 'true') return true;
  if (/^\d+$/.test(text)) return Number(text);
  if (!/^[\w.:/, -]+$/.test(text)) throw new EnvError('must be true, false, a number of proxies, or addresses and subnets (e.g. "loopback, 10.0.0.0/8")');
  return text;
});

/** A token that may be left empty (compose's `${METRICS_TOKEN:-}`): empty means unset. */
const optionalToken = makeValidator<string>((input) => {
  if (input === '') return '';
  if (input.length < 16) throw new EnvError('must be at least 16 characters, or empty for none');
  return input;
});

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];
  const clean = cleanEnv(
    env,
    {
      PORT: port({ default: 4000 }),
      WORKER_STATUS_PORT: port({ default: undefined }),
      DATABASE_URL: url({ default: undefined }),
      DATA_DIR: str({ default: './.data' }),
      EMBEDDED_POSTGRES_PORT: port({ default: 5433 }),
      REDIS_URL: url({ default: undefined }),
      ADMIN_API_KEY: apiKey({ default: undefined }),
      METRICS_TOKEN: optionalToken({ default: undefined }),
      SLA_RECOMPUTE_CRON: cron({ default: '0 2 * * *' }),
      DIGEST_CRON: cron({ default: '0 7 * * *' }),
      MAIL_SWEEP_CRON: cron({ default: '*/5 * * * *' }),
      REPORT_CRON: cron({ default: '0 6 * * *' }),
      PUBLIC_URL: url({ default: undefined }),
      REPORT_LINK_MINUTES: positiveInt({ default: 60 }),
      PAPER_AUTHOR: str({ default: PAPER_DEFAULTS.author }),
      PANEL_NUMBERING: panelNumbering({ default: PAPER_DEFAULTS.numbering }),
      SMTP_URL: url({ default: undefined }),
      DEV_MAILBOX: bool({ default: undefined }),
      MAIL_IN_DOUBT_RESEND_MINUTES: nonNegativeInt({ default: 240 }),
      SMTP_ANSWER_TIMEOUT_MS: positiveInt({ default: SMTP_ANSWER_TIMEOUT_MS }),
      MAIL_FROM: str({ default: 'SEC Modification Tracker <no-reply@sec-tracker.localhost>' }),
      NOTIFY_DCC: addressList({ default: ['dcc@sec-tracker.localhost'] }),
      NOTIFY_SECAS: addressList({ default: ['secas@sec-tracker.localhost'] }),
      SHUTDOWN_GRACE_MS: nonNegativeInt({ default: 30_000 }),
      WORKER_CONCURRENCY: positiveInt({ default: 1 }),
      DUE_SOON_WORKING_DAYS: nonNegativeInt({ default: 3 }),
      LOG_LEVEL: str({ default: 'info', choices: LEVELS }),
      CLI_LOG_LEVEL: str({ default: 'warn', choices: LEVELS }),
      PRETTY_ERRORS: bool({ default: false }),
      GRAPHQL_MAX_DEPTH: positiveInt({ default: 12 }),
      GRAPHQL_MAX_ALIASES: positiveInt({ default: 30 }),
      GRAPHQL_MAX_DIRECTIVES: positiveInt({ default: 50 }),
      GRAPHQL_MAX_TOKENS: positiveInt({ default: 5_000 }),
      GRAPHQL_MAX_COST: positiveInt({ default: 50_000 }),
      GRAPHQL_LIST_SIZE_ESTIMATE: positiveInt({ default: 10 }),
      DB_STATEMENT_TIMEOUT_MS: positiveInt({ default: 30_000 }),
      DB_PREPARED_STATEMENTS: nonNegativeInt({ default: 100 }),
      REQUEST_TIMEOUT_MS: nonNegativeInt({ default: 15_000 }),
      COMPILED_READS: bool({ default: true }),
      GRAPHQL_INTROSPECTION: bool({ default: true }),
      CORS_ORIGINS: originList({ default: [] }),
      TRUST_PROXY: trustProxy({ default: false }),
      MAX_BODY_BYTES: positiveInt({ default: 1_000_000 }),
      OWED_JOB_DISPATCH_MS: positiveInt({ default: 5_000 }),
      RATE_LIMIT_PER_MINUTE: nonNegativeInt({ default: 600 }),
      SCHEDULE_CHECK_MS: positiveInt({ default: 60_000 }),
    },
    {
      reporter: ({ errors }) => {
        for (const [name, error] of Object.entries(errors)) {
          if (error instanceof EnvMissingError) {
            problems.push(`${name} is missing`);
            continue;
          }
          // Some validators quote the input; it may be a secret (a password in a URL), so cut it out.
          const value = env[name] ?? '';
          const message = (error?.message ?? '').split(JSON.stringify(value)).join('(value hidden)').split(value || '\u0000').join('(value hidden)');
          problems.push(`${name} is invalid: ${message}`);
        }
      },
    },
  );
  if (clean.DEV_MAILBOX && clean.SMTP_URL) {
    problems.push('DEV_MAILBOX is invalid: the dev mailbox holds the mail the service keeps itself when SMTP_URL is unset; with SMTP_URL, read the mail server\'s own');
  }
  if (problems.length > 0) {
    throw new Error(`Configuration refused: ${problems.join('; ')}`);
  }
  return {
    port: clean.PORT,
    workerStatusPort: clean.WORKER_STATUS_PORT || undefined,
    databaseUrl: clean.DATABASE_URL || undefined,
    dataDir: path.resolve(clean.DATA_DIR),
    embeddedPostgresPort: clean.EMBEDDED_POSTGRES_PORT,
    redisUrl: clean.REDIS_URL || undefined,
    slaRecomputeCron: clean.SLA_RECOMPUTE_CRON,
    digestCron: clean.DIGEST_CRON,
    mailSweepCron: clean.MAIL_SWEEP_CRON,
    reportCron: clean.REPORT_CRON,
    // Links are built as `${publicUrl}/reports/…`: no trailing slash.
    publicUrl: clean.PUBLIC_URL ? clean.PUBLIC_URL.replace(/\/+$/, '') : undefined,
    reportLinkMinutes: clean.REPORT_LINK_MINUTES,
    paperDefaults: { author: clean.PAPER_AUTHOR.trim() || PAPER_DEFAULTS.author, numbering: clean.PANEL_NUMBERING },
    smtpUrl: clean.SMTP_URL || undefined,
    devMailbox: clean.DEV_MAILBOX,
    mailInDoubtResendMinutes: clean.MAIL_IN_DOUBT_RESEND_MINUTES,
    smtpAnswerTimeoutMs: clean.SMTP_ANSWER_TIMEOUT_MS,
    mailFrom: clean.MAIL_FROM,
    notifyDcc: clean.NOTIFY_DCC,
    notifySecas: clean.NOTIFY_SECAS,
    shutdownGraceMs: clean.SHUTDOWN_GRACE_MS,
    workerConcurrency: clean.WORKER_CONCURRENCY,
    metricsToken: clean.METRICS_TOKEN || undefined,
    adminApiKey: clean.ADMIN_API_KEY || undefined,
    dueSoonWorkingDays: clean.DUE_SOON_WORKING_DAYS,
    logLevel: clean.LOG_LEVEL,
    cliLogLevel: clean.CLI_LOG_LEVEL,
    prettyErrors: clean.PRETTY_ERRORS,
    graphqlLimits: {
      maxDepth: clean.GRAPHQL_MAX_DEPTH,
      maxAliases: clean.GRAPHQL_MAX_ALIASES,
      maxDirectives: clean.GRAPHQL_MAX_DIRECTIVES,
      maxTokens: clean.GRAPHQL_MAX_TOKENS,
      maxCost: clean.GRAPHQL_MAX_COST,
      listSizeEstimate: clean.GRAPHQL_LIST_SIZE_ESTIMATE,
    },
    statementTimeoutMs: clean.DB_STATEMENT_TIMEOUT_MS,
    preparedStatements: clean.DB_PREPARED_STATEMENTS,
    requestTimeoutMs: clean.REQUEST_TIMEOUT_MS,
    compiledReads: clean.COMPILED_READS,
    introspection: clean.GRAPHQL_INTROSPECTION,
    trustProxy: clean.TRUST_PROXY,
    corsOrigins: clean.CORS_ORIGINS,
    maxBodyBytes: clean.MAX_BODY_BYTES,
    owedJobDispatchMs: clean.OWED_JOB_DISPATCH_MS,
    rateLimitPerMinute: clean.RATE_LIMIT_PER_MINUTE,
    scheduleCheckMs: clean.SCHEDULE_CHECK_MS,
  };
}
