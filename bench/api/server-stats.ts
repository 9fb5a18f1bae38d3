import diagnostics from 'node:diagnostics_channel';
import v8 from 'node:v8';

/**
 * What a benchmarked server counts about itself between two readings: SQL statements, the time
 * the database took for them, the process's CPU time, and the bytes the JS heap allocated (from V8's GC profiler: what
 * each collection found in use, minus what the previous one left, plus what is in use now).
 * The orchestrator reads it over IPC before and after each load run. Per-request figures divide by
 * the requests the server received, so requests still in flight when a run ends count too.
 */
export interface StatsReading {
  /** HTTP requests the server received: the load tool's count misses those cut off at the end of a run. */
  requests: number;
  statements: number;
  /** Statements no request asked for (the periodic write of keys' last use). */
  background: number;
  dbMs: number;
  allocatedBytes: number;
  /**
   * What the young generation's collections moved to the old generation (its growth across each):
   * what a request's objects leave there is what full collections, the long pauses, must clear.
   */
  promotedBytes: number;
  /** CPU time the server process spent (user and system, µs): what a request costs it, whatever the machine's drift does to throughput. */
  cpuMicros: number;
  /** The longest collection (V8's cost of it, ms): a pause every request in flight waited out, what a p99 at a fixed rate shows. */
  longestGcMs: number;
}

interface HeapAtGc {
  heapStatistics: { usedHeapSize: number };
  heapSpaceStatistics: Array<{ spaceName: string; spaceUsedSize: number }>;
}

interface GcStatistics {
  gcType: string;
  /** µs */
  cost: number;
  beforeGC: HeapAtGc;
  afterGC: HeapAtGc;
}

/**
 * What the old generation holds at a collection: where a young collection promotes what survives it
 * twice, and a large object (over about 128 KB: a page of 500's answer) alive at all.
 */
const OLD_SPACES = new Set(['old_space', 'large_object_space']);
const oldSpaceUsed = (heap: HeapAtGc) => heap.heapSpaceStatistics.reduce((used, space) => used + (OLD_SPACES.has(space.spaceName) ? space.spaceUsedSize : 0), 0);

export class ServerStats {
  private requests = 0;
  private statements = 0;
  private background = 0;
  private dbMs = 0;
  private profiler = new v8.GCProfiler();
  private usedAtStart = v8.getHeapStatistics().used_heap_size;
  private cpuAtStart = process.cpuUsage();

  constructor() {
    this.profiler.start();
    diagnostics.subscribe('http.server.request.start', () => {
      this.requests += 1;
    });
  }

  /** Counted when it starts, as requests are: a statement in flight at a reading counts where its request does. */
  statementStarted(): void {
    this.statements += 1;
  }

  backgroundStatement(): void {
    this.background += 1;
  }

  statementTook(ms: number): void {
    this.dbMs += ms;
  }

  /** The counts since the previous reading, and starts the next window. */
  read(): StatsReading {
    const data = this.profiler.stop() as unknown as { statistics: GcStatistics[] };
    const usedNow = v8.getHeapStatistics().used_heap_size;
    let allocated = 0;
    let promoted = 0;
    let previousAfter = this.usedAtStart;
    let longestGcMs = 0;
    for (const gc of data.statistics) {
      longestGcMs = Math.max(longestGcMs, gc.cost / 1000);
      allocated += Math.max(0, gc.beforeGC.heapStatistics.usedHeapSize - previousAfter);
      previousAfter = gc.afterGC.heapStatistics.usedHeapSize;
      if (gc.gcType === 'Scavenge') promoted += Math.max(0, oldSpaceUsed(gc.afterGC) - oldSpaceUsed(gc.beforeGC));
    }
    allocated += Math.max(0, usedNow - previousAfter);
    const cpu = process.cpuUsage(this.cpuAtStart);
    const reading = { requests: this.requests, statements: this.statements, background: this.background, dbMs: this.dbMs, allocatedBytes: allocated, promotedBytes: promoted, cpuMicros: cpu.user + cpu.system, longestGcMs };
    this.cpuAtStart = process.cpuUsage();
    this.requests = 0;
    this.statements = 0;
    this.background = 0;
    this.dbMs = 0;
    this.usedAtStart = usedNow;
    this.profiler = new v8.GCProfiler();
    this.profiler.start();
    return reading;
  }

  /** Answers the orchestrator's 'stats' messages. */
  serveOverIpc(): void {
    process.on('message', (message: { stats?: boolean }) => {
      if (message.stats) process.send?.(this.read());
    });
  }
}
