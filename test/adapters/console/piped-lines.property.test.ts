// Piped command lines under any chunking: whatever bytes a pipe delivers together, the lines are the same,
// nothing is lost, and only "\n" (or "\r\n") ends a line.
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readPipedLines } from '../../../src/adapters/console/piped-lines.ts';

const RUNS = 500;

const text = fc
  .array(
    fc.oneof(
      { weight: 4, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
      { weight: 3, arbitrary: fc.constantFrom('\n', '\r\n', '\r', '\u2028', '\u2029', '\u0085', '\v', '\f') },
      {
        weight: 1,
        arbitrary: fc.constantFrom('你好', '🙂', '👩‍💻', 'e\u0301', '/say Vera hi', '/room lock'),
      },
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(''));

/** The lines as the contract states them: cut at "\n", one "\r" before it dropped, a last line if any. */
function expectedLines(input: string): string[] {
  const parts = input.split('\n');
  const last = parts.pop() ?? '';
  const lines = parts.map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
  if (last.length > 0) lines.push(last.endsWith('\r') ? last.slice(0, -1) : last);
  return lines;
}

/** The UTF-8 bytes of the input, cut at the given (sorted, deduplicated) byte offsets, multi-byte characters included. */
function chunked(input: string, cuts: number[]): Buffer[] {
  const bytes = Buffer.from(input, 'utf8');
  const at = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Buffer[] = [];
  let start = 0;
  for (const end of [...at, bytes.length]) {
    if (end > start) chunks.push(bytes.subarray(start, end));
    start = Math.max(start, end);
  }
  return chunks;
}

async function linesOf(chunks: Buffer[]): Promise<string[]> {
  const lines: string[] = [];
  await readPipedLines(
    Readable.from(chunks),
    (line) => lines.push(line),
    (error) => {
      throw error;
    },
  ).closed;
  return lines;
}

describe('readPipedLines (property tests)', () => {
  it(`gives the same lines however the bytes are chunked, losing nothing, ending lines only at \\n (${RUNS} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(text, fc.array(fc.nat(), { maxLength: 30 }), async (input, cuts) => {
        const lines = await linesOf(chunked(input, cuts));
        expect(lines).toEqual(expectedLines(input));
        expect(await linesOf([Buffer.from(input, 'utf8')])).toEqual(lines);
        // Nothing lost: every character but the "\n" ends and the CR of each "\r\n" is in a line.
        const kept = [...lines.join('')].length;
        const ends = input.split('\n').length - 1;
        const crlf = input.split('\r\n').length - 1;
        const lastCr = input.endsWith('\r') ? 1 : 0;
        expect(kept).toBe([...input].length - ends - crlf - lastCr);
      }),
      { numRuns: RUNS },
    );
  });

  it('reads a long line of one-byte chunks in bounded time', async () => {
    const input = `/say Vera ${'林🙂\u2028'.repeat(20_000)}\n/room lock\n`;
    const chunks = chunked(
      input,
      Array.from({ length: 5_000 }, (_, i) => i * 37),
    );
    const started = performance.now();
    const lines = await linesOf(chunks);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(lines).toEqual(expectedLines(input));
  });
});
