/**
 * A worker process as production runs it (`runService('worker')`: the same start-up, signals and
 * exit codes), started by the job tests in a child `node`. Its configuration comes from the
 * environment the test gives it; argv[2] carries what configuration cannot (short lock timings,
 * the Redis key prefix). Over IPC a test can make it register the schedules again with another
 * cron, as a restart with a new SLA_RECOMPUTE_CRON would, but without waiting for a restart.
 */
import 'reflect-metadata';
import { startWorker } from '../../../jobs/worker';
import { loadConfig } from '../../../src/config/config';
import { runService } from '../../../src/main';
import type { WorkerTuning } from '../../../src/queue/queue-backend';

export interface WorkerProcessArgs {
  tuning?: Partial<WorkerTuning>;
  redisPrefix?: string;
}

export interface RegisterSchedulesMessage {
  registerSchedules: { cron: string };
}

const args = JSON.parse(process.argv[2] ?? '{}') as WorkerProcessArgs;
const config = loadConfig();
runService('worker', {
  config,
  redisPrefix: args.redisPrefix,
  startWorker: async (deps) => {
    process.on('message', (message: RegisterSchedulesMessage) => {
      deps.jobs.ensureSchedulers({ ...config, slaRecomputeCron: message.registerSchedules.cron }).then(
        (schedules) => process.send?.({ schedules }),
        (err: Error) => process.send?.({ error: err.message }),
      );
    });
    // The IPC channel must not keep the process alive: SIGTERM has to be able to end it.
    process.channel?.unref();
    return startWorker({ ...deps, tuning: args.tuning });
  },
}).catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
