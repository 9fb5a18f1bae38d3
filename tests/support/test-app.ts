import type { DataSource, Logger as TypeOrmLogger } from 'typeorm';
import { Role } from '../../src/auth/role';
import { type Clock, fixedClock } from '../../src/infra/clock';
import { createDataSource } from '../../src/infra/database/data-source';
import { createLogger } from '../../src/infra/logger';
import { startHttpServer } from '../../src/server/http-server';
import { createServices, type Services } from '../../src/services';
import { createTestDatabase, type TestDatabase } from './pg-admin';

export interface GraphQLResponse<T = Record<string, any>> {
  status: number;
  data?: T | null;
  errors?: Array<{ message: string; extensions?: { code?: string; [k: string]: unknown }; path?: unknown[] }>;
}

/** Counts every SQL statement the app sends, so that a test can see N+1 queries. */
export class StatementCounter implements TypeOrmLogger {
  count = 0;
  logQuery(): void { this.count += 1; }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}

export interface TestApp {
  url: string;
  db: DataSource;
  services: Services;
  statements: StatementCounter;
  keys: Record<Role, string>;
  /** POSTs a GraphQL operation; `key` null sends no Authorization header. */
  gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, key?: string | null): Promise<GraphQLResponse<T>>;
  stop(): Promise<void>;
}

/** The real API over HTTP on a fresh database, with one key per role. "Today" is pinned. */
export async function startTestApp(options: { clock?: Clock } = {}): Promise<TestApp> {
  const database: TestDatabase = await createTestDatabase();
  const statements = new StatementCounter();
  const db = createDataSource({ url: database.url, logger: statements, poolSize: 5 });
  await db.initialize();
  const services = createServices(db);
  const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
  const server = await startHttpServer(
    { db, services, clock: options.clock ?? fixedClock(new Date('2021-04-09T09:00:00Z')), logger, dueSoonWorkingDays: 3 },
    0,
  );
  const keys = {} as Record<Role, string>;
  for (const role of Object.values(Role)) keys[role] = (await services.apiKeys.create(`test ${role}`, role)).key;

  const gql: TestApp['gql'] = async (query, variables, key = keys.ADMIN) => {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, ...((await response.json()) as object) };
  };

  return {
    url: server.url,
    db,
    services,
    statements,
    keys,
    gql,
    stop: async () => {
      await server.stop();
      await db.destroy();
      await database.drop();
    },
  };
}
