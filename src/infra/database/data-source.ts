import { types } from 'pg';
import { DataSource, type Logger as TypeOrmLogger } from 'typeorm';
import { migrations } from '../../../migrations';
import { entities } from './entities';
import { pooledClient } from './pooled-client';
import { TimeBudgetSubscriber } from './time-budget';

// A SQL date is a calendar date: hand it over as 'YYYY-MM-DD', never as a JS Date at local midnight.
const DATE_OID = 1082;
types.setTypeParser(DATE_OID, (value) => value);

export interface DataSourceOptions {
  url: string;
  /** Seen by every statement; tests count them with it. */
  logger?: TypeOrmLogger;
  poolSize?: number;
  /**
   * PostgreSQL's statement_timeout for every connection of the pool: no request (or job) can hold
   * a connection and the database beyond it. Migrations run without it.
   */
  statementTimeoutMs?: number;
  /** How many different marked statements each connection keeps prepared (prepared-statements.ts); 0, none. */
  preparedStatements?: number;
}

export function createDataSource({ url, logger, poolSize = 10, statementTimeoutMs, preparedStatements = 0 }: DataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities,
    migrations,
    subscribers: [TimeBudgetSubscriber],
    migrationsTableName: 'schema_migration',
    synchronize: false,
    migrationsRun: false,
    logger,
    // Failed statements surface as errors where they are handled; printing their SQL here would only be noise.
    logging: logger ? 'all' : false,
    // JIT compiling is for long analytic statements; this service's are short, and PostgreSQL's cost
    // estimates for the SLA board's (one judgement per running clock) cross jit_above_cost: JIT made
    // it 136-199 ms instead of 66-73. Off for every connection (the night's recompute included).
    extra: {
      max: poolSize, application_name: 'sec-tracker', options: '-c jit=off',
      ...(statementTimeoutMs ? { statement_timeout: statementTimeoutMs } : {}),
      Client: pooledClient(preparedStatements),
    },
  });
}

/** Any fixed number: every process of the service takes this lock before it migrates. */
const MIGRATION_LOCK = 0x5ec_1234;

/**
 * Connects and brings the schema up to date; migrations are the only way the schema changes.
 * An API and a worker starting together take turns, so a migration never runs twice at once.
 */
export async function openDatabase(options: DataSourceOptions): Promise<DataSource> {
  // Migrations on a pool of their own, without the statement timeout: an index on a big table may take longer.
  const migrator = createDataSource({ url: options.url, logger: options.logger, poolSize: 2 });
  await migrator.initialize();
  try {
    const lock = migrator.createQueryRunner();
    try {
      await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
      await migrator.runMigrations({ transaction: 'each' });
    } finally {
      await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
      await lock.release();
    }
  } finally {
    await migrator.destroy();
  }
  const dataSource = createDataSource(options);
  await dataSource.initialize();
  return dataSource;
}
