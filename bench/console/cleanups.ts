/**
 * What a benchmark must undo (a child process, a database, a browser), undone last-in first-out,
 * once: at the end, after a failure, or on Ctrl-C. A step that fails is reported and the rest
 * still run, so one stuck step never leaves a database behind.
 */
export class Cleanups {
  private readonly steps: Array<{ label: string; run: () => Promise<void> }> = [];
  private running: Promise<void> | undefined;
  /** Set by Ctrl-C or a kill: what fails after it (the browser closed under a load) is no finding. */
  interrupted = false;

  add(label: string, run: () => Promise<void>): void {
    this.steps.push({ label, run });
  }

  run(): Promise<void> {
    this.running ??= (async () => {
      for (let step = this.steps.pop(); step; step = this.steps.pop()) {
        try {
          await step.run();
        } catch (err) {
          console.error(`cleaning up (${step.label}) failed:`, err instanceof Error ? err.message : err);
        }
      }
    })();
    return this.running;
  }

  /** Ctrl-C or a kill: the default would exit at once, leaving the steps undone. */
  runOnSignals(): void {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        console.error(`\n${signal}: cleaning up before exiting`);
        this.interrupted = true;
        void this.run().finally(() => process.exit(130));
      });
    }
  }
}
