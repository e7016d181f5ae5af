// Every text storyroom writes for people comes from the message catalog (issue 15). This scans the folders
// already moved to the catalog; a folder joins the list once its texts are moved.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findLiteralTexts } from './find-literal-texts.ts';

const ROOT = join(import.meta.dirname, '..', '..');

/** Folders (from the repository root) whose texts all come from the catalog. */
const SCANNED = ['src/story', 'src/llm', 'src/commands'];
/** Adapters: every literal with words in it counts (see FindOptions.sentences). */
const SCANNED_FOR_SENTENCES = [
  'src/adapters/console',
  'src/adapters/shared',
  'src/adapters/discord',
  'src/adapters/slack',
];
/**
 * Files whose words are for the operator, not the room: configuration errors and the shard processes' own
 * lines at start-up (like src/config.ts), and the marker that replaces a token in logged URLs.
 */
const OPERATOR_FILES = new Set([
  'src/adapters/shared/env-fields.ts',
  'src/adapters/discord/discord-config.ts',
  'src/adapters/discord/sharding.ts',
  'src/adapters/discord/shards.ts',
  'src/adapters/discord/interaction-rest.ts',
  'src/adapters/slack/slack-config.ts',
  // The Slack app manifest (English-only in Slack's format) and the script that writes it, for the admin.
  'src/adapters/slack/manifest.ts',
  'src/adapters/slack/manifest-command.ts',
]);

function typeScriptFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

describe('texts for people come from the catalog', () => {
  const scanned = [
    ...SCANNED.map((dir) => ({ dir, sentences: false })),
    ...SCANNED_FOR_SENTENCES.map((dir) => ({ dir, sentences: true })),
  ];
  for (const { dir, sentences } of scanned) {
    it(`${dir} writes none in code`, () => {
      const found = typeScriptFiles(join(ROOT, dir))
        .filter((path) => !OPERATOR_FILES.has(relative(ROOT, path)))
        .flatMap((path) => findLiteralTexts(relative(ROOT, path), readFileSync(path, 'utf8'), { sentences }));
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

  it('in an adapter, finds any literal with words outside log lines, internal errors and command names', () => {
    const source = [
      "write('Type /help for commands.');",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: source code under test, on purpose.
      'const notice = { content: `Vote closed ${when}` };',
      "logger.warn({ roomId }, 'could not save a file');",
      "throw new Error('an ephemeral vote message can no longer be edited');",
      "const cast = findCommand(commands, 'vote cast');",
      "const id = 'vote.closed'; const mark = ' ✅';",
      "throw new UserError('vote.none', 'That vote no longer exists.');",
      // A page's markup passes; a tag with text in it does not.
      'const head = [\'<!doctype html>\', \'<head><meta name="viewport" content="x">\'];',
      "const body = '<p>Nothing was changed</p>';",
    ].join('\n');
    expect(
      findLiteralTexts('x.ts', source, { sentences: true }).map(({ line, where }) => `${line} ${where}`),
    ).toEqual(['1 literal text', '2 literal text', '7 UserError message', '9 literal text']);
  });
});
