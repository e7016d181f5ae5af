// Export figures for a 5,000-beat room with 200 votes and 20 branches: time and size of each format and of
// the story map, and peak memory, each measured in its own process (bench/export-one.ts); then the same
// export as the bot makes it, in the export pool's worker, with the main thread's worst event-loop delay.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { MAKERS, WORKER_JOBS } from './export-one.ts';
import { round } from './stats.ts';

const TEXT_TARGET_MS = 1000;
const HEAVY_TARGET_MS = 5000;
const MEMORY_TARGET_MB = 300;
const LOOP_DELAY_TARGET_MS = 50;
const HEAVY = new Set(['pdf', 'map_png', 'html_with_map']);
const ONE = fileURLToPath(new URL('./export-one.ts', import.meta.url));

/** The export in the pool's worker (its start included): time, and the main thread's worst delay meanwhile. */
function inWorker(format: string) {
  const out = execFileSync(process.execPath, [ONE, format, '--worker'], { encoding: 'utf8' });
  const { ms, loopDelayMaxMs } = JSON.parse(out) as { ms: number; loopDelayMaxMs: number };
  return {
    worker_ms: round(ms, 1),
    loop_delay_max_ms: round(loopDelayMaxMs, 1),
    target_loop_delay_ms: LOOP_DELAY_TARGET_MS,
    loop_meets_target: loopDelayMaxMs < LOOP_DELAY_TARGET_MS,
  };
}

export function benchExports() {
  const formats: Record<string, unknown> = {};
  for (const format of Object.keys(MAKERS)) {
    const out = execFileSync(process.execPath, [ONE, format], { encoding: 'utf8' });
    const { ms, bytes, peakMb } = JSON.parse(out) as { ms: number; bytes: number; peakMb: number };
    const target = HEAVY.has(format) ? HEAVY_TARGET_MS : TEXT_TARGET_MS;
    formats[format] = {
      ms: round(ms, 1),
      bytes,
      target_ms: target,
      peak_rss_mb: round(peakMb, 1),
      target_rss_mb: MEMORY_TARGET_MB,
      meets_target: ms < target && peakMb < MEMORY_TARGET_MB,
      ...(WORKER_JOBS[format as keyof typeof MAKERS] ? inWorker(format) : {}),
    };
  }
  return { room: { beats: 5020, votes: 200, branches: 20 }, formats };
}
