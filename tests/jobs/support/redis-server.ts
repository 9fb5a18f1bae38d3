import { type ChildProcess, spawn } from 'node:child_process';
import IORedis from 'ioredis';
import { waitFor } from './wait-for';

/** redis-server as the machine has it, keeping nothing on disk (CI's and the README's Redis does the same). */
export async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const probe = new IORedis(port, '127.0.0.1', { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  try {
    await waitFor(() => probe.connect().then(() => true, () => undefined), `redis-server on port ${port}`);
  } finally {
    probe.disconnect();
  }
  return child;
}

/** Killed as a machine kills it: what it held is gone (it keeps nothing on disk). */
export async function stopRedis(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}
