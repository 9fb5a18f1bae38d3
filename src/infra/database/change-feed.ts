import { Client } from 'pg';
import type { Logger } from '../logger';

/** The channel the change triggers announce on (migration ChangeNotifications). */
const CHANNEL = 'sec_change';

/** Told of a change to a row (its key, as the trigger names it), or, with no key, of any change to the table. */
export type ChangeListener = (key?: string) => void;

export interface ChangeFeedOptions {
  url: string;
  logger: Logger;
  /** How long to wait before listening again after the connection is lost. */
  retryMs?: number;
  /**
   * How often the listening connection is asked to answer: a connection cut without a word (a
   * network partition) would otherwise look live while hearing nothing.
   */
  heartbeatMs?: number;
}

/**
 * The listening connection's round trip: an empty statement. PostgreSQL answers it (an empty-query
 * response, then ready-for-query) with nothing to plan or run, and sends pending notifications
 * before ready-for-query as after any statement. 184 µs a round trip against 285 for `SELECT 1`
 * (2,000 in a row, pg and PostgreSQL 15 on one 2-core machine); the API sends one for every few
 * requests (the key check's proof that no revocation is unheard).
 */
const ROUND_TRIP = '';

/**
 * The changes other processes commit, as PostgreSQL announces them (LISTEN), on one connection of
 * its own. A process may keep in memory only what this feed can tell it is stale: while the feed
 * is down nobody hears of changes, so `live` is false, every listener is told that anything may
 * have changed, and the caches read the database again until the feed is back.
 */
export class ChangeFeed {
  private readonly listeners = new Map<string, Set<ChangeListener>>();
  private client?: Client;
  private retry?: NodeJS.Timeout;
  private heartbeat?: NodeJS.Timeout;
  private stopped = false;
  private live = false;
  private queuedCatchUp?: Promise<boolean>;
  /** The listening connection's statements, one after another: pg 9 refuses a query sent while one runs. */
  private roundTrips: Promise<void> = Promise.resolve();

  constructor(private readonly options: ChangeFeedOptions) {}

  /** Whether a change committed now would be heard. */
  get isLive(): boolean {
    return this.live;
  }

  on(table: string, listener: ChangeListener): void {
    const set = this.listeners.get(table) ?? new Set();
    set.add(listener);
    this.listeners.set(table, set);
  }

  /**
   * A change this process made and committed: its own listeners hear of it now, before it answers,
   * rather than when the announcement comes back.
   */
  changed(table: string, key?: string): void {
    for (const listener of this.listeners.get(table) ?? []) listener(key);
  }

  /**
   * Resolves once every change committed before this call has been heard (true), or with false
   * when the feed cannot say so (down, or the round trip failed). PostgreSQL sends a listening
   * session its pending notifications before it answers that session's next statement, so one
   * round trip on the listening connection (ROUND_TRIP), sent after the call, is the proof. Every
   * caller until it is sent shares it: a burst of requests costs one round trip, and no table is read.
   */
  caughtUp(): Promise<boolean> {
    const client = this.client;
    if (!this.live || !client) return Promise.resolve(false);
    // Sent on the next turn of the event loop, after any statement in flight: callers until then share it.
    this.queuedCatchUp ??= this.inTurn(async () => {
      await new Promise<void>((resolve) => setImmediate(resolve));
      this.queuedCatchUp = undefined;
      await client.query(ROUND_TRIP);
    }).then(() => this.live && this.client === client, () => false);
    return this.queuedCatchUp;
  }

  /** Starts listening; when the database does not answer, keeps trying in the background. */
  async start(): Promise<void> {
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    clearInterval(this.heartbeat);
    this.live = false;
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new Client({ connectionString: this.options.url, application_name: 'sec-tracker-changes', keepAlive: true });
    client.on('notification', (message) => {
      if (message.channel !== CHANNEL || !message.payload) return;
      const colon = message.payload.indexOf(':');
      if (colon < 0) this.changed(message.payload);
      else this.changed(message.payload.slice(0, colon), message.payload.slice(colon + 1));
    });
    client.on('error', (err) => this.lost(client, err));
    client.on('end', () => this.lost(client));
    this.client = client;
    // A lost connection's statements may never answer: the new one does not wait for them.
    this.roundTrips = Promise.resolve();
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
    } catch (err) {
      this.lost(client, err);
      return;
    }
    if (this.client !== client) {
      // Stopped (or lost) while connecting.
      await client.end().catch(() => undefined);
      return;
    }
    // What changed while nobody listened is unknown: everything kept before is forgotten.
    this.forgetEverything();
    this.live = true;
    this.heartbeat = setInterval(() => this.listenerAnswers(client), this.options.heartbeatMs ?? 15_000);
    this.heartbeat.unref();
    this.options.logger.info('listening for changes: API keys and holidays are cached');
  }

  /** Runs `send` once the listening connection's earlier statements have answered. */
  private inTurn(send: () => Promise<unknown>): Promise<void> {
    const sent = this.roundTrips.then(send).then(() => undefined);
    this.roundTrips = sent.catch(() => undefined);
    return sent;
  }

  private listenerAnswers(client: Client): void {
    const silence = this.options.heartbeatMs ?? 15_000;
    const deadline = setTimeout(() => this.lost(client, new Error(`the listening connection did not answer within ${silence} ms`)), silence);
    deadline.unref();
    this.inTurn(() => client.query(ROUND_TRIP)).then(
      () => clearTimeout(deadline),
      (err) => {
        clearTimeout(deadline);
        this.lost(client, err);
      },
    );
  }

  private lost(client: Client, err?: unknown): void {
    if (this.client !== client) return;
    this.client = undefined;
    this.live = false;
    clearInterval(this.heartbeat);
    this.forgetEverything();
    client.removeAllListeners('end');
    client.on('error', () => undefined);
    void client.end().catch(() => undefined);
    if (this.stopped) return;
    const retryMs = this.options.retryMs ?? 1_000;
    this.options.logger.warn({ err, retryMs }, 'lost the change feed: API keys and holidays are read from the database until it is back');
    this.retry = setTimeout(() => void this.connect(), retryMs);
    this.retry.unref();
  }

  private forgetEverything(): void {
    for (const table of this.listeners.keys()) this.changed(table);
  }
}

/**
 * Values read from the database, kept while the change feed can say when they go stale, and
 * forgotten when a change to their table is announced. A read that a change overtook is not kept:
 * it may predate the change.
 */
export class ChangeAwareCache<V> {
  private readonly entries = new Map<string, V>();
  private readonly reading = new Map<string, { generation: number; value: Promise<V | null> }>();
  private generation = 0;

  constructor(
    private readonly feed: ChangeFeed | undefined,
    table: string,
    private readonly options: {
      /** A ceiling, not an eviction policy: the tables cached here are small. */
      maxEntries?: number;
      /**
       * Whether a kept value is served only once the feed has caught up with every change
       * committed before the call (ChangeFeed.caughtUp): a revoked key is then refused at once in
       * every process, not once its notification happens to arrive.
       */
      confirmHits?: boolean;
    } = {},
  ) {
    feed?.on(table, (key) => this.forget(key));
  }

  /**
   * The kept value, or else what `read` finds (kept when it is not null and the feed is live).
   * Callers that miss together share one read, unless a change came between its start and theirs.
   */
  async get(key: string, read: () => Promise<V | null>): Promise<V | null> {
    if (this.feed?.isLive) {
      const kept = this.entries.get(key);
      if (kept !== undefined) {
        if (!this.options.confirmHits) return kept;
        // Still kept once every earlier change is heard: it stands; forgotten meanwhile: read it again.
        if ((await this.feed.caughtUp()) && this.entries.get(key) === kept) return kept;
      }
    }
    const generation = this.generation;
    const shared = this.reading.get(key);
    if (shared && shared.generation === generation) {
      // A shared read that failed (another request's time budget, say) is no answer for this one;
      // nor, where hits are confirmed, one that a change committed before this call may postdate.
      const value = await shared.value.catch(() => undefined);
      const confirmed = !this.options.confirmHits || ((await this.feed?.caughtUp()) === true && generation === this.generation);
      if (value !== undefined && confirmed) return value;
    }
    const value = read();
    const reading = { generation, value };
    this.reading.set(key, reading);
    try {
      const found = await value;
      if (found !== null && this.feed?.isLive && generation === this.generation) {
        if (this.entries.size >= (this.options.maxEntries ?? 10_000)) this.entries.clear();
        this.entries.set(key, found);
      }
      return found;
    } finally {
      if (this.reading.get(key) === reading) this.reading.delete(key);
    }
  }

  /** Whether a value is kept for the key now (unconfirmed: a hint, never an answer). */
  has(key: string): boolean {
    return this.feed?.isLive === true && this.entries.has(key);
  }

  /** Forgets one key, or everything. */
  forget(key?: string): void {
    this.generation += 1;
    if (key === undefined) this.entries.clear();
    else this.entries.delete(key);
  }
}
