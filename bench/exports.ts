// Export figures for a 5,000-beat room with 200 votes and 20 branches: time and size of each format and of
// the story map, and peak memory, each measured in its own process (bench/export-one.ts).
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { MAKERS } from './export-one.ts';
import { round } from './stats.ts';

const TEXT_TARGET_MS = 1000;
const HEAVY_TARGET_MS = 5000;
const MEMORY_TARGET_MB = 300;
const HEAVY = new Set(['pdf', 'map_png', 'html_with_map']);
const ONE = fileURLToPath(new URL('./export-one.ts', import.meta.url));

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
    };
  }
  return { room: { beats: 5020, votes: 200, branches: 20 }, formats };
}
