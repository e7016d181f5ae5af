import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FILE_NAME_MAX, safeFileName } from '../../src/commands/safe-file-name.ts';
import { withinBound } from '../helpers/hostile-text.ts';

const hostileName = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 300 }),
  fc.constantFrom(
    '../../etc/passwd',
    '..',
    '.',
    '/',
    'C:\\Windows\\system32',
    '.bashrc',
    '\u202eexe.txt',
    '名'.repeat(500),
  ),
  // Long runs: a pass that rescans its input would show here.
  fc.string({ unit: fc.constantFrom('.', '-', ' ', '/', 'a', '\u0301', '名', '🙂'), maxLength: 20_000 }),
  fc
    .tuple(
      fc.string({ unit: 'binary', maxLength: 100 }),
      fc.constantFrom('.fountain', '.pdf', '.json', '.', '.x/y', '.md.gz', '.gz'),
    )
    .map(([stem, ext]) => stem + ext),
);

describe('safeFileName', () => {
  it('keeps letters and digits of any script and the extension', () => {
    expect(safeFileName('The Heist: Part 2/3.fountain')).toBe('The-Heist-Part-2-3.fountain');
    expect(safeFileName('夜行列车.pdf')).toBe('夜行列车.pdf');
    expect(safeFileName('Zoë’s night.md')).toBe('Zoë-s-night.md');
    expect(safeFileName('The Heist: Part 2.fountain.gz')).toBe('The-Heist-Part-2.fountain.gz');
  });

  it('never leaves the folder, hides a dot file or comes back empty', () => {
    expect(safeFileName('../../etc/passwd')).toBe('etc-passwd');
    expect(safeFileName('.bashrc')).toBe('bashrc');
    expect(safeFileName('???.json')).toBe('export.json');
    expect(safeFileName('')).toBe('export');
  });

  it('gives a short, plain, non-empty name for any text (property)', () => {
    fc.assert(
      fc.property(hostileName, (name) => {
        const safe = withinBound(() => safeFileName(name), 'safeFileName');
        expect(Array.from(safe).length).toBeLessThanOrEqual(FILE_NAME_MAX);
        expect(safe).toMatch(/^[\p{L}\p{N}\p{M}][\p{L}\p{N}\p{M}_-]*(\.[A-Za-z0-9]{1,8})?(\.gz)?$/u);
        expect(safeFileName(safe)).toBe(safe);
      }),
      { numRuns: 2000 },
    );
  });
});
