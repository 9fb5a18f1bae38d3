import { promises as fs } from 'node:fs';
import type { EmbeddedDatabase } from '../../src/infra/database/embedded-postgres';

export default async function globalTeardown(): Promise<void> {
  const started = (globalThis as Record<string, unknown>).__embeddedPostgres as
    | { embedded: EmbeddedDatabase; dataDir: string }
    | undefined;
  if (!started) return;
  await started.embedded.stop();
  await fs.rm(started.dataDir, { recursive: true, force: true });
}
