import 'reflect-metadata';
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { issueVolumeDatabase } from './api/seed-volume';
import { ONE_QUERY, PAGE_QUERY } from './api/page-sql';

/**
 * npm run bench:instructions — what a request costs the server in CPU instructions, the API against
 * the floor, counted by valgrind's callgrind.
 *
 * bench:api's throughput moves with the machine (this 2-core machine's rounds of one server have
 * differed by 2 × within minutes); an instruction count does not: the same build, database and
 * requests count the same within a few per cent, whatever else runs. So this is the instrument for
 * the API's fixed cost per request, and for a change's effect on it.
 *
 * On bench:api's database, each server (the API as production runs it, and bench:api's floor: bare
 * node:http and pg, one prepared statement) runs under callgrind with counting off, is warmed with
 * BENCH_WARM requests (default 3,000), then counts BENCH_REQUESTS more (default 1,000), 10 in flight
 * as bench:api sends them. Every thread of the process counts (V8's compiler and collector too), and
 * so does what the process does while it waits (timers, about 0.5 M instructions a second, some 1 %
 * of a small request at callgrind's pace). The servers run one after the other: two under callgrind
 * at once disturbed each other's counts. Each answer is checked (200, no errors) as it comes.
 */
const WARM = Number(process.env.BENCH_WARM ?? 3000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 1000);
const IN_FLIGHT = 10;

const SHAPES = [
  { name: 'one proposal', body: { query: ONE_QUERY, variables: { reference: 'MP005000' } } },
  { name: 'page of 10', body: { query: PAGE_QUERY, variables: { first: 10 } } },
];

interface Counted {
  server: string;
  shape: string;
  perRequest: number;
}

function hasCallgrind(): boolean {
  try {
    execFileSync('valgrind', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** A server under callgrind, counting nothing yet; resolves once it serves, with the key to call it with (the API's). */
async function startCounted(script: string, url: string, port: number, outDir: string): Promise<{ child: ChildProcess; key?: string }> {
  const child = spawn(
    'valgrind',
    ['-q', '--tool=callgrind', '--instr-atstart=no', `--callgrind-out-file=${path.join(outDir, 'callgrind.%p')}`, process.execPath, path.join(__dirname, script), url, String(port)],
    { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] },
  );
  const ready = await new Promise<{ key?: string }>((resolve, reject) => {
    child.once('message', (m) => resolve(m as { key?: string }));
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code} under valgrind`)));
  });
  return { child, key: ready.key };
}

/** `count` requests, IN_FLIGHT at a time, each answered 200 without errors. */
async function ask(port: number, key: string | undefined, body: object, count: number): Promise<void> {
  const headers = { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) };
  let left = count;
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (left > 0) {
        left -= 1;
        const response = await fetch(`http://127.0.0.1:${port}/graphql`, { method: 'POST', headers, body: JSON.stringify(body) });
        const text = await response.text();
        if (response.status !== 200 || text.includes('"errors"')) throw new Error(`answered ${response.status}: ${text.slice(0, 300)}`);
      }
    }),
  );
}

/** Tells callgrind in process `pid` what to do (`-i on`, `-i off`, `-d` to dump its counts). */
function control(pid: number, ...command: string[]): void {
  execFileSync('callgrind_control', [...command, String(pid)], { stdio: 'ignore' });
}

/** The instructions callgrind counted in a process's dumps. */
function countedBy(outDir: string, pid: number): number {
  let total = 0;
  for (const file of readdirSync(outDir).filter((f) => f === `callgrind.${pid}` || f.startsWith(`callgrind.${pid}.`))) {
    const totals = /^totals: (\d+)/m.exec(readFileSync(path.join(outDir, file), 'utf8'));
    if (totals) total += Number(totals[1]);
  }
  return total;
}

async function count(server: string, script: string, url: string, port: number, shape: (typeof SHAPES)[number]): Promise<Counted> {
  const outDir = mkdtempSync(path.join(os.tmpdir(), 'bench-instructions-'));
  const { child, key } = await startCounted(script, url, port, outDir);
  try {
    await ask(port, key, shape.body, WARM);
    control(child.pid!, '-i', 'on');
    await ask(port, key, shape.body, REQUESTS);
    control(child.pid!, '-i', 'off');
    control(child.pid!, '-d');
    const counted = countedBy(outDir, child.pid!);
    // callgrind_control exits 0 even when it reached no process: a count of nothing is a failed run.
    if (counted === 0) throw new Error(`${server}: callgrind counted nothing (no dump from process ${child.pid} in ${outDir})`);
    return { server, shape: shape.name, perRequest: counted / REQUESTS };
  } finally {
    // Stopped and waited for, so that valgrind removes its own files before the folder goes.
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    await exited;
    rmSync(outDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  if (!hasCallgrind()) {
    console.error('bench:instructions needs valgrind (callgrind and callgrind_control): apt-get install valgrind');
    process.exit(1);
  }
  const url = await issueVolumeDatabase();
  const rows: string[] = ['| shape | API instructions / request | floor instructions / request | API ÷ floor |', '|---|---:|---:|---:|'];
  for (const shape of SHAPES) {
    const api = await count('GraphQL API', 'api/graphql-server.js', url, 4821, shape);
    const floor = await count('floor', 'api/floor-server.js', url, 4822, shape);
    const line = `| ${shape.name} | ${Math.round(api.perRequest).toLocaleString('en-GB')} | ${Math.round(floor.perRequest).toLocaleString('en-GB')} | ${(api.perRequest / floor.perRequest).toFixed(2)} |`;
    console.log(line);
    rows.push(line);
  }
  console.log(`\nInstructions per request under callgrind, ${WARM} requests to warm, ${REQUESTS} counted, ${IN_FLIGHT} in flight:\n\n${rows.join('\n')}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
