import 'reflect-metadata';
import type { AfterQueryEvent, EntitySubscriberInterface } from 'typeorm';
import { startBenchApi } from './bench-api';
import { ServerStats } from './server-stats';

/**
 * The API as production runs it (configuration from the environment, no request budget), for the
 * benchmark: it counts its SQL statements and their time, and answers the orchestrator over IPC.
 * argv: DATABASE_URL PORT. Sends { ready, key } once it serves, with a READER key to call it with.
 */
async function main(): Promise<void> {
  const [url, port] = process.argv.slice(2) as [string, string];
  const stats = new ServerStats();
  const { db, key } = await startBenchApi(url, Number(port));
  const counter: EntitySubscriberInterface = {
    beforeQuery: () => stats.statementStarted(),
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
