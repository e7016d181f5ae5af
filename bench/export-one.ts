// Makes one export of a 5,000-beat room with 200 votes and 20 branches and prints its time, size and the
// process's peak memory (run by bench/exports.ts, one process per format, so each figure is its own).
// With --worker it makes the export as the bot does, in the export pool's worker thread, and prints the
// worst event-loop delay of this (the main) thread meanwhile.
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { createExportPool } from '../src/screenplay/export-pool.ts';
import { toFdx } from '../src/screenplay/fdx.ts';
import { toFountain } from '../src/screenplay/fountain.ts';
import { toHtml } from '../src/screenplay/html-transcript.ts';
import { toJson } from '../src/screenplay/json-export.ts';
import { toMarkdown } from '../src/screenplay/markdown.ts';
import { toPdf } from '../src/screenplay/pdf.ts';
import type { ExportJob } from '../src/screenplay/render-export.ts';
import { storyMapPng, storyMapSvg } from '../src/screenplay/story-map-svg.ts';
import { makeBigHistory } from '../test/helpers/export-room.ts';

const scope = 'all' as const;
export const MAKERS = {
  fountain: (h) => toFountain(h, { scope }),
  fdx: (h) => toFdx(h, { scope }),
  markdown: (h) => toMarkdown(h, { scope }),
  json: (h) => toJson(h),
  html: (h) => toHtml(h, { scope }),
  html_with_map: (h) => toHtml(h, { scope, mapSvg: storyMapSvg(h) }),
  pdf: (h) => toPdf(h, { scope }),
  map_png: (h) => storyMapPng(h),
} satisfies Record<
  string,
  (history: ReturnType<typeof makeBigHistory>) => Promise<Uint8Array> | Uint8Array | string
>;

/** The job the bot runs for each figure (the HTML transcript always carries the map). */
export const WORKER_JOBS: Record<keyof typeof MAKERS, ExportJob | undefined> = {
  fountain: { kind: 'fountain', scope },
  fdx: { kind: 'fdx', scope },
  markdown: { kind: 'md', scope },
  json: { kind: 'json', scope },
  html: undefined,
  html_with_map: { kind: 'html', scope },
  pdf: { kind: 'pdf', scope },
  map_png: { kind: 'map-png', scope },
};

/** The export through a fresh pool (its worker's start included), and the main thread's worst delay. */
async function inWorker(history: ReturnType<typeof makeBigHistory>, job: ExportJob) {
  const pool = createExportPool({ size: 1 });
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  const started = performance.now();
  const out = await pool.run(history, job);
  const ms = performance.now() - started;
  delay.disable();
  await pool.close();
  return { ms, bytes: out.length, loopDelayMaxMs: delay.max / 1e6 };
}

const format = process.argv[2] as keyof typeof MAKERS | undefined;
if (format && format in MAKERS) {
  const history = makeBigHistory(5000, 200, 20);
  const job = WORKER_JOBS[format];
  if (process.argv[3] === '--worker' && job) {
    process.stdout.write(`${JSON.stringify(await inWorker(history, job))}\n`);
  } else {
    const started = performance.now();
    const out = await MAKERS[format](history);
    const ms = performance.now() - started;
    const bytes = typeof out === 'string' ? Buffer.byteLength(out) : out.length;
    // resourceUsage().maxRSS is in KiB.
    const peakMb = process.resourceUsage().maxRSS / 1024;
    process.stdout.write(`${JSON.stringify({ ms, bytes, peakMb })}\n`);
  }
}
