import { Client } from 'pg';

/**
 * One connection attempt: true if a PostgreSQL at `url` accepts it (server up *and* credentials
 * and database valid), false on any failure. Never throws, so it can be polled.
 */
export async function canConnect(url: string, timeoutMs = 2000): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  // A server that goes away mid-probe emits 'error' on the client; unhandled, that would crash the process.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch {
    return false;
  }
  await client.end().catch(() => undefined);
  return true;
}
