import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Role } from '../auth/role';
import { ApiKeySource } from '../auth/api-key.entity';
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
import { importRegisterSpreadsheet, isSpreadsheet } from '../register-sheets';
import { isLocalDate } from '../calendar/local-date';

const USAGE = `Usage:
  npm run cli -- create-api-key --role ADMIN|DCC|READER --name NAME [--expires 2027-06-30T00:00:00Z]
  npm run cli -- list-api-keys
  npm run cli -- revoke-api-key ID
  npm run import -- FILE.json|FILE.xlsx|FILE.csv [--dry-run] [--as-of YYYY-MM-DD (CSV: the day it was exported)]
  npm run cli -- emit-schema [PATH]   (default: schema/schema.graphql)`;

/** Commands work on the same database as the server: DATABASE_URL, or the embedded one in DATA_DIR. */
async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'create-api-key': {
      const { values } = parseArgs({ args: rest, options: { role: { type: 'string' }, name: { type: 'string' }, expires: { type: 'string' } }, strict: true });
      const role = values.role?.toUpperCase() as Role | undefined;
      if (!role || !Object.values(Role).includes(role)) throw new UsageError(`--role must be one of ${Object.values(Role).join(', ')}`);
      if (!values.name?.trim()) throw new UsageError('--name is required, e.g. --name "SECAS admin"');
      const expiresAt = values.expires ? new Date(values.expires) : null;
      if (expiresAt && Number.isNaN(expiresAt.getTime())) throw new UsageError(`--expires must be a date and time, e.g. 2027-06-30T00:00:00Z; got ${values.expires}`);
      await withDatabase(async (db) => {
        const { key } = await new ApiKeyService(db).create(values.name!, role, { expiresAt, source: ApiKeySource.CLI });
        const until = expiresAt ? `, valid until ${expiresAt.toISOString()}` : '';
        console.log(`Created a ${role} key named ${JSON.stringify(values.name)}${until}. It is shown only now; keep it safe:\n${key}`);
      });
      return;
    }
    case 'list-api-keys': {
      if (rest.length) throw new UsageError('list-api-keys takes no arguments');
      await withDatabase(async (db) => {
        const at = (d: Date | null) => (d ? d.toISOString() : '-');
        for (const k of await new ApiKeyService(db).list()) {
          const state = k.revokedAt ? `revoked ${at(k.revokedAt)}` : k.expiresAt && k.expiresAt <= new Date() ? `expired ${at(k.expiresAt)}` : 'active';
          console.log([k.id, k.role.padEnd(6), state.padEnd(32), `created ${at(k.createdAt)}`, `last used ${at(k.lastUsedAt)}`, `expires ${at(k.expiresAt)}`, k.source, JSON.stringify(k.name)].join('  '));
        }
      });
      return;
    }
    case 'revoke-api-key': {
      const id = rest[0];
      if (!id || rest.length > 1) throw new UsageError('revoke-api-key takes the id of one key (list-api-keys shows them)');
      await withDatabase(async (db) => {
        const k = await new ApiKeyService(db).revoke(id);
        console.log(`Revoked ${JSON.stringify(k.name)} (${k.role}) at ${k.revokedAt?.toISOString()}; it is refused from now on.`);
      });
      return;
    }
    case 'import': {
      const { values, positionals } = parseArgs({ args: rest, options: { 'dry-run': { type: 'boolean' }, 'as-of': { type: 'string' } }, allowPositionals: true, strict: true });
      const file = positionals[0];
      if (!file || positionals.length > 1) throw new UsageError('import takes one register file: FILE.json, FILE.xlsx or FILE.csv');
      const asOf = values['as-of'];
      if (asOf !== undefined && !isLocalDate(asOf)) throw new UsageError(`--as-of must be a date, YYYY-MM-DD; got ${asOf}`);
      if (asOf !== undefined && !isSpreadsheet(file)) throw new UsageError('--as-of is for spreadsheets: a register file (JSON) states its own asOf');
      const dryRun = values['dry-run'] ?? false;
      await withDatabase(async (db, config, logger) => {
        const ctx = createServiceContext({
          db, clock: systemClock, logger, dueSoonWorkingDays: config.dueSoonWorkingDays,
          audit: { actor: `cli (${process.env.USER ?? 'unknown user'})`, operation: () => `import ${path.basename(file)}` },
        });
        const progress = (msg: string) => console.log(msg);
        const { summary, placeOf } = isSpreadsheet(file)
          ? await importRegisterSpreadsheet(ctx, path.resolve(file), { asOf, dryRun, onProgress: progress })
          : { summary: await importRegisterFile(ctx, path.resolve(file), progress, { dryRun }), placeOf: (line: string) => line };
        for (const change of summary.changes) console.log(`${dryRun ? 'would be ' : ''}${change.outcome}: ${placeOf(change.entry)}`);
        console.log(dryRun
          ? `Dry run of ${file}: ${summary.changes.length} change(s) listed above; nothing was written.`
          : `Imported ${file}: ${summary.changes.length} change(s).`);
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
