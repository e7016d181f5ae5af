import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { saveFile } from '../../../src/adapters/console/save-file.ts';
import { file } from '../../../src/commands/command.ts';

const dir = mkdtempSync(join(tmpdir(), 'storyroom-exports-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('saveFile', () => {
  it('creates the folder and never overwrites an earlier export of the same name', async () => {
    const folder = join(dir, 'exports');
    const first = await saveFile(folder, file('The Heist.fountain', 'text/plain', Buffer.from('one')));
    const second = await saveFile(folder, file('The Heist.fountain', 'text/plain', Buffer.from('two')));
    expect(first).toBe(join(folder, 'The-Heist.fountain'));
    expect(second).toBe(join(folder, 'The-Heist-2.fountain'));
    expect(readFileSync(first, 'utf8')).toBe('one');
    expect(readFileSync(second, 'utf8')).toBe('two');
  });

  it('keeps a block with a path for a name inside the folder', async () => {
    const path = await saveFile(dir, {
      type: 'file',
      name: '../escape.txt',
      mime: 'text/plain',
      bytes: new Uint8Array(),
    });
    expect(path).toBe(join(dir, 'escape.txt'));
  });
});
