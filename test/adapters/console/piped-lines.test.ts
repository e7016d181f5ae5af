import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readPipedLines } from '../../../src/adapters/console/piped-lines.ts';
import { runMain } from '../../helpers/run-main.ts';

async function linesOf(input: Readable) {
  const lines: string[] = [];
  await readPipedLines(
    input,
    (line) => lines.push(line),
    (error) => {
      throw error;
    },
  ).closed;
  return lines;
}

describe('readPipedLines', () => {
  it('ends a line only at \\n or \\r\\n: U+2028, U+2029, a lone \\r and other breaks stay inside it', async () => {
    const text = 'one\u2028two\r\nthree\u2029four\rfive\u0085six\u000bseven\u000cend\nlast';
    expect(await linesOf(Readable.from([text]))).toEqual([
      'one\u2028two',
      'three\u2029four\rfive\u0085six\u000bseven\u000cend',
      'last',
    ]);
  });

  it('joins bytes of one character split across chunks, and lines split across chunks', async () => {
    const bytes = Buffer.from('Vera: 你好\u2028🙂\nnext', 'utf8');
    const chunks = [...bytes].map((byte) => Buffer.from([byte]));
    expect(await linesOf(Readable.from(chunks))).toEqual(['Vera: 你好\u2028🙂', 'next']);
  });

  it('delivers nothing after close(), and stops reading', async () => {
    const input = new PassThrough();
    const lines: string[] = [];
    const source = readPipedLines(
      input,
      (line) => {
        lines.push(line);
        if (line === 'stop') source.close();
      },
      () => {},
    );
    input.write('a\nstop\nb\n');
    await source.closed;
    input.end('c\n');
    expect(lines).toEqual(['a', 'stop']);
    expect(input.isPaused()).toBe(true);
  });
});

describe('the terminal room read from a pipe (the real program)', () => {
  it('runs "/say Vera hi\\u2028/room lock" as one line: the room stays unlocked', async () => {
    const run = await runMain({
      env: { STORE_URL: 'memory:', LOG_LEVEL: 'warn', CONSOLE_CHANNEL: 'breaks' },
      stdin: [
        '/scene start title:"Breaks"',
        '/character add Vera',
        '/say Vera hi\u2028/room lock',
        '/say Vera hello\u2029/room lock',
        '/room unlock',
        '',
      ].join('\n'),
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('This room is not locked.');
    expect(run.stdout).not.toMatch(/Mo locked|room is locked|locked the room/i);
    // Each /say was echoed once, as one command.
    expect(run.stdout.match(/^> \/say Vera/gm)).toHaveLength(2);
    expect(run.stdout).not.toMatch(/^> \/room lock/m);
  });
});
