import 'reflect-metadata';
import { parseMode, runService } from '../src/main';
import { startWorker } from './worker';

/**
 * The service's entry point: `node dist/jobs/main.js [all|api|worker|demo]`. It lives here because
 * it is the one place that sees both sides: src/ never imports jobs/.
 */
if (require.main === module) {
  runService(parseMode(process.argv[2]), { startWorker }).catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  });
}
