// Makes one export of a 5,000-beat room with 200 votes and 20 branches and prints its time, size and the
// process's peak memory (run by bench/exports.ts, one process per format, so each figure is its own).
import { performance } from 'node:perf_hooks';
import { toFdx } from '../src/screenplay/fdx.ts';
import { toFountain } from '../src/screenplay/fountain.ts';
import { toHtml } from '../src/screenplay/html-transcript.ts';
import { toJson } from '../src/screenplay/json-export.ts';
import { toMarkdown } from '../src/screenplay/markdown.ts';
import { toPdf } from '../src/screenplay/pdf.ts';
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

const format = process.argv[2] as keyof typeof MAKERS | undefined;
if (format && format in MAKERS) {
  const history = makeBigHistory(5000, 200, 20);
  const started = performance.now();
  const out = await MAKERS[format](history);
  const ms = performance.now() - started;
  const bytes = typeof out === 'string' ? Buffer.byteLength(out) : out.length;
  // resourceUsage().maxRSS is in KiB.
  const peakMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(`${JSON.stringify({ ms, bytes, peakMb })}\n`);
}
