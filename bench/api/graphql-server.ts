import 'reflect-metadata';
import type { AfterQueryEvent, EntitySubscriberInterface } from 'typeorm';
import { startBenchApi } from './bench-api';
import { ServerStats } from './server-stats';

/** ApiKeyService's periodic write of last_used_at (src/auth/api-key.service.ts). */
const KEY_USE_WRITE = /^WITH u AS \(\s*UPDATE api_key SET last_used_at = u\.at/;

/**
 * The API as production runs it, for the benchmark: it counts its SQL statements and their time,
 * and answers the orchestrator over IPC. The once-a-minute write of keys' last use serves no
 * request: it is counted apart, so that a long run's figure per request is the requests' own.
 * argv: DATABASE_URL PORT. Sends { ready, key } once it serves, with a READER key to call it with.
 */
async function main(): Promise<void> {
  const [url, port] = process.argv.slice(2) as [string, string];
  const stats = new ServerStats();
  const { db, key } = await startBenchApi(url, Number(port));
  const counter: EntitySubscriberInterface = {
    beforeQuery: (event) => (KEY_USE_WRITE.test(event.query) ? stats.backgroundStatement() : stats.statementStarted()),
    afterQuery: (event: AfterQueryEvent) => stats.statementTook(event.executionTime ?? 0),
  };
  db.subscribers.push(counter);
  stats.read();
  stats.serveOverIpc();
  process.send?.({ ready: true, key });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
