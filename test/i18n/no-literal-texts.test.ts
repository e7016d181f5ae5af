// Every text storyroom writes for people comes from the message catalog (issue 15). This scans the folders
// already moved to the catalog; a folder joins the list once its texts are moved.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findLiteralTexts } from './find-literal-texts.ts';

const ROOT = join(import.meta.dirname, '..', '..');

/** Folders (from the repository root) whose texts all come from the catalog. */
const SCANNED = ['src/story', 'src/llm'];

function typeScriptFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

describe('texts for people come from the catalog', () => {
  for (const dir of SCANNED) {
    it(`${dir} writes none in code`, () => {
      const found = typeScriptFiles(join(ROOT, dir)).flatMap((path) =>
        findLiteralTexts(relative(ROOT, path), readFileSync(path, 'utf8')),
      );
      expect(found.map(({ file, line, where, text }) => `${file}:${line} (${where}) ${text}`)).toEqual([]);
    });
  }
});

describe('findLiteralTexts', () => {
  const lines = (source: string) =>
    findLiteralTexts('x.ts', source).map(({ line, where }) => `${line} ${where}`);

  it('finds literal messages of UserError, text(), replies and reply blocks', () => {
    const source = [
      "throw new UserError('vote.none', 'There is no vote.');",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: source code under test, on purpose.
      "throw new UserError('vote.none', `Pick 1 to ${n}.`);",
      "throw new UserError('x', ok ? msg('a.b') : 'Not ok.');",
      "return privateReply(text('Done.'));",
      "return publicReply({ type: 'text', text: 'Hello ' + name });",
      "return privateReply({ type: 'fields', title: 'Room settings', fields: [{ name: 'Cooldown', value }] });",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: source code under test, on purpose.
      'const fields = { fields: list.map((c) => ({ name: c.name, value: `${c.n} left` })) };',
    ].join('\n');
    expect(lines(source)).toEqual([
      '1 UserError message',
      '2 UserError message',
      '3 UserError message',
      '4 text()',
      '5 text block text',
      '6 fields block title',
      '6 field name',
      '7 field value',
    ]);
  });

  it('lets catalog messages, error codes, log lines, internal errors and separators pass', () => {
    const source = [
      "throw new UserError('vote.none', msg('story.vote.none-open'));",
      "throw new UserError('x', msg('story.text.long', { field: msg('story.field.title'), max: 5 }));",
      "logger.warn({ roomId }, 'renewing the beat lease failed');",
      "throw new Error('the LLM narrator needs at least one endpoint');",
      "return publicReply(text(beat.text), text(' · '));",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: source code under test, on purpose.
      'const fields = { fields: list.map((c) => ({ name: `/${c.name}`, value: c.description })) };',
    ].join('\n');
    expect(lines(source)).toEqual([]);
  });
});
