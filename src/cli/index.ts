import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Role } from '../auth/role';
import { ApiKeyService } from '../auth/api-key.service';
import { ClientError } from '../common/errors';
import type { DataSource } from 'typeorm';
import { createServiceContext } from '../common/service-context';
import { loadConfig, type Config } from '../config/config';
import { systemClock } from '../infra/clock';
import { connectDatabase } from '../infra/database/connect';
import { createLogger, type Logger } from '../infra/logger';
import { buildAppSchema, printAppSchema } from '../graphql/schema';
import { importRegisterFile } from '../register-import';

const USAGE = `Usage:
  npm run cli -- create-api-key --role ADMIN|DCC|READER --name NAME
  npm run import -- FILE
  npm run cli -- emit-schema [PATH]   (default: schema/schema.graphql)`;

/** Commands work on the same database as the server: DATABASE_URL, or the embedded one in DATA_DIR. */
async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'create-api-key': {
      const { values } = parseArgs({ args: rest, options: { role: { type: 'string' }, name: { type: 'string' } }, strict: true });
      const role = values.role?.toUpperCase() as Role | undefined;
      if (!role || !Object.values(Role).includes(role)) throw new UsageError(`--role must be one of ${Object.values(Role).join(', ')}`);
      if (!values.name?.trim()) throw new UsageError('--name is required, e.g. --name "SECAS admin"');
      await withDatabase(async (db) => {
        const { key } = await new ApiKeyService(db).create(values.name!, role);
        console.log(`Created a ${role} key named ${JSON.stringify(values.name)}. It is shown only now; keep it safe:\n${key}`);
      });
      return;
    }
    case 'import': {
      const file = rest[0];
      if (!file || rest.length > 1) throw new UsageError('import takes one register file');
      await withDatabase(async (db, config, logger) => {
        const ctx = createServiceContext({ db, clock: systemClock, logger, dueSoonWorkingDays: config.dueSoonWorkingDays });
        const summary = await importRegisterFile(ctx, path.resolve(file), (msg) => console.log(msg));
        console.log(`Imported ${file}:`, JSON.stringify(summary));
      });
      return;
    }
    case 'emit-schema': {
      const target = path.resolve(rest[0] ?? 'schema/schema.graphql');
      writeFileSync(target, printAppSchema(await buildAppSchema()));
      console.log(`Wrote ${target}`);
      return;
    }
    default:
      throw new UsageError(command ? `Unknown command ${JSON.stringify(command)}` : 'No command given');
  }
}

class UsageError extends Error {}

async function withDatabase(fn: (db: DataSource, config: Config, logger: Logger) => Promise<void>): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.cliLogLevel, 'sec-tracker-cli');
  const database = await connectDatabase(config, logger);
  try {
    await fn(database.db, config, logger);
  } finally {
    await database.close();
  }
}

main(process.argv.slice(2)).catch((err) => {
  if (err instanceof UsageError) console.error(`${err.message}\n\n${USAGE}`);
  else if (err instanceof ClientError) console.error(`Refused: ${err.message}`);
  else console.error(err instanceof Error ? err.message : err);
  process.exitCode = err instanceof UsageError ? 2 : 1;
});
