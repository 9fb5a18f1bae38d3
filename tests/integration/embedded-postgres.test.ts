import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { startOrAttachEmbeddedPostgres, type EmbeddedDatabase } from '../../src/infra/database/embedded-postgres';
import { canConnect } from '../../src/infra/database/wait-for-postgres';

// Real initdb/postgres processes: the first start initialises a cluster (~1-2 s), the rest are warm.
jest.setTimeout(120_000);

const isRoot = process.getuid?.() === 0;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function selectOne(url: string): Promise<number> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ one: number }>('select 1 as one')).rows[0]!.one;
  } finally {
    await client.end();
  }
}

function postmasterPid(dataDir: string): number {
  return Number.parseInt(fs.readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8'), 10);
}

async function waitUntilDead(pid: number): Promise<void> {
  for (let i = 0; i < 200; i++) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await sleep(25);
  }
  throw new Error(`pid ${pid} still alive`);
}

describe('embedded PostgreSQL', () => {
  let tmp: string;
  let dataDir: string;
  let port: number;
  const logs: string[] = [];
  const opened: EmbeddedDatabase[] = [];
  const start = async (): Promise<EmbeddedDatabase> => {
    const db = await startOrAttachEmbeddedPostgres({ dataDir, port, log: (m) => logs.push(m) });
    opened.push(db);
    return db;
  };

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'embedded-pg-'));
    // mkdtemp makes it 0700; as root, PostgreSQL runs as `postgres`, which must traverse it.
    fs.chmodSync(tmp, 0o755);
    dataDir = path.join(tmp, 'data');
    port = await freePort();
  });

  afterAll(async () => {
    // Whatever a failed assertion left running must not outlive the test run.
    for (const db of opened.reverse()) await db.stop().catch(() => undefined);
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  test('starts, lets a second caller attach, stops, and starts warm again', async () => {
    const first = await start();
    expect(first.owned).toBe(true);
    expect(first.url).toMatch(new RegExp(`^postgres://postgres:[^@]+@127\\.0\\.0\\.1:${port}/sec_tracker$`));
    expect(await selectOne(first.url)).toBe(1);
    expect(await canConnect(first.url)).toBe(true);

    // Same folder while running: attach, even when asked for another port.
    const second = await startOrAttachEmbeddedPostgres({ dataDir, port: port + 1 });
    expect(second.owned).toBe(false);
    expect(second.url).toBe(first.url);
    expect(await selectOne(second.url)).toBe(1);
    await second.stop(); // no-op for an attached caller
    expect(await canConnect(first.url)).toBe(true);

    await first.stop();
    expect(await canConnect(first.url)).toBe(false);
    expect(fs.existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);

    const warm = await start();
    expect(warm.owned).toBe(true);
    expect(await selectOne(warm.url)).toBe(1);
    await warm.stop();
    expect(await canConnect(warm.url)).toBe(false);

    const password = new URL(first.url).password;
    expect(logs.join('\n')).not.toContain(password);
    expect(fs.statSync(path.join(dataDir, 'postgres.password')).mode & 0o077).toBe(0);
  });

  test('a stale postmaster.pid (dead or recycled pid) does not block a start', async () => {
    const deadPid = spawnSync('true').pid!;
    // Our own pid stands in for a pid recycled by an unrelated live program.
    for (const pid of [deadPid, process.pid]) {
      const pidFile = path.join(dataDir, 'pg', 'postmaster.pid');
      fs.writeFileSync(pidFile, `${pid}\n${path.join(dataDir, 'pg')}\n0\n${port}\n\n127.0.0.1\n0 0\nready   \n`);
      const db = await start();
      expect(db.owned).toBe(true);
      expect(await selectOne(db.url)).toBe(1);
      await db.stop();
    }
  });

  test('recovers after the server is killed with SIGKILL', async () => {
    const db = await start();
    const pid = postmasterPid(dataDir);
    process.kill(pid, 'SIGKILL');
    await waitUntilDead(pid);
    const again = await start();
    expect(again.owned).toBe(true);
    expect(await selectOne(again.url)).toBe(1);
    await again.stop();
    await db.stop(); // its server is long gone: must just resolve
  });

  test('adopts a running server whose owning process died', async () => {
    const original = await start();
    fs.writeFileSync(path.join(dataDir, 'postgres.owner'), String(spawnSync('true').pid));
    const adopter = await start();
    expect(adopter.owned).toBe(true);
    expect(adopter.url).toBe(original.url);
    const pid = postmasterPid(dataDir);
    await adopter.stop();
    await waitUntilDead(pid);
    expect(await canConnect(original.url)).toBe(false);
    await original.stop();
  });

  (isRoot ? test : test.skip)('as root, explains which folder the postgres user cannot reach', async () => {
    const locked = fs.mkdtempSync(path.join(os.tmpdir(), 'embedded-pg-locked-')); // 0700, root-owned
    try {
      await expect(
        startOrAttachEmbeddedPostgres({ dataDir: path.join(locked, 'data'), port: await freePort() }),
      ).rejects.toThrow(new RegExp(`directory ${locked} \\(no search/x permission\\)[\\s\\S]*chmod o\\+x ${locked}`));
    } finally {
      fs.rmSync(locked, { recursive: true, force: true });
    }
  });
});
