import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineCommand, privateReply } from '../../../src/commands/command.ts';
import { commands } from '../../../src/commands/index.ts';
import { parseCommandText } from '../../../src/commands/text/parse-command-text.ts';
import { shownText } from '../run-as.ts';

function parse(line: string) {
  const parsed = parseCommandText(line, commands);
  return parsed.ok
    ? { command: parsed.command.name, options: parsed.options }
    : { message: shownText(parsed.message) };
}

const message = (line: string) => {
  const parsed = parseCommandText(line, commands);
  if (parsed.ok) throw new Error(`expected "${line}" to be refused, got /${parsed.command.name}`);
  return shownText(parsed.message);
};

describe('parseCommandText', () => {
  describe('options by name', () => {
    it('reads name:value and name:"quoted value"', () => {
      expect(parse('/scene start title:"The Heist" genre:noir')).toEqual({
        command: 'scene start',
        options: { title: 'The Heist', genre: 'noir' },
      });
    });

    it('reads single quotes and backslash escapes inside quotes', () => {
      expect(parse(`/say Alice text:'It\\'s a "job"' parenthetical:"a \\"quiet\\" one \\\\ ok"`)).toEqual({
        command: 'say',
        options: { character: 'Alice', text: 'It\'s a "job"', parenthetical: 'a "quiet" one \\ ok' },
      });
    });

    it('keeps a backslash that escapes nothing, so paths and \\n stay as typed', () => {
      expect(parse('/action "C:\\new\\folder"')).toEqual({
        command: 'action',
        options: { text: 'C:\\new\\folder' },
      });
    });

    it('accepts option names in any case and with dashes for underscores', () => {
      expect(parse('/room settings Who-May-Continue:writers AUTO_VOTE:on')).toEqual({
        command: 'room settings',
        options: { who_may_continue: 'writers', auto_vote: 'on' },
      });
    });

    it('refuses an option given twice', () => {
      expect(message('/scene start title:A title:B')).toBe('You gave title twice. Give each option once.');
    });

    it('names a mistyped option and the one that was probably meant', () => {
      expect(message('/scene start titel:"The Heist"')).toBe(
        '/scene start has no option "titel". Did you mean title? It takes: title, premise, genre, tone, language, rating, heading.',
      );
      expect(message('/vote open A B duraton:30s')).toContain('Did you mean duration?');
    });

    it('treats word:word that is not an option as text, so prose and links survive', () => {
      expect(parse('/action At 3:00 the sign reads Note:closed, see https://example.com')).toEqual({
        command: 'action',
        options: { text: 'At 3:00 the sign reads Note:closed, see https://example.com' },
      });
    });
  });

  describe('options by position', () => {
    it('fills options in declared order, the free-text one taking the rest of the line', () => {
      expect(parse('/say Alice Hello there friend')).toEqual({
        command: 'say',
        options: { character: 'Alice', text: 'Hello there friend' },
      });
      expect(parse('/line Bob make it   sharp')).toEqual({
        command: 'line',
        options: { character: 'Bob', direction: 'make it sharp' },
      });
      expect(parse('/character add Vera A retired safecracker')).toEqual({
        command: 'character add',
        options: { name: 'Vera', description: 'A retired safecracker' },
      });
    });

    it('reads a whole action line as its text', () => {
      expect(parse('/action The door creaks open.')).toEqual({
        command: 'action',
        options: { text: 'The door creaks open.' },
      });
    });

    it('gives each quoted word its own option and mixes with named ones', () => {
      expect(parse('/vote open "Go left" "Go right" duration:30s')).toEqual({
        command: 'vote open',
        options: { option1: 'Go left', option2: 'Go right', duration: '30s' },
      });
    });

    it('skips options given by name when filling positions', () => {
      expect(parse('/say text:"Not now." Alice')).toEqual({
        command: 'say',
        options: { character: 'Alice', text: 'Not now.' },
      });
    });

    it('joins extra words into the last option when none is free text', () => {
      expect(parse('/vote close 1 2')).toEqual({ command: 'vote close', options: { pick: '1 2' } });
    });

    it('says how many options a vote takes when one word too many lands in the duration', () => {
      const tooMany =
        '/vote open takes at most 5 options, so "F" is one too many. Put quotes around each option that has spaces, e.g. /vote open "Go left" "Go right".';
      expect(message('/vote open A B C D E F')).toBe(tooMany);
      expect(message('/vote open A B C D E F 30s')).toBe(tooMany);
      expect(message('/vote open A B C D E F duration:30s')).toBe(tooMany);
      expect(message('/vote open A B option3:C D E F')).toBe(tooMany);
      // Four options and a bad duration given by name: the duration is refused later, as a duration.
      expect(parse('/vote open A B C D duration:G')).toMatchObject({
        options: { option4: 'D', duration: 'G' },
      });
    });

    it('still reads a word after five options as the duration when it is one', () => {
      expect(parse('/vote open A B C D E 30s')).toEqual({
        command: 'vote open',
        options: { option1: 'A', option2: 'B', option3: 'C', option4: 'D', option5: 'E', duration: '30s' },
      });
    });

    it('reports which options were filled by position, in order', () => {
      const parsed = parseCommandText('/scene new EXT. ROOF - DAY', commands);
      expect(parsed.ok && parsed.positional).toEqual([
        { name: 'heading', text: 'EXT.' },
        { name: 'description', text: 'ROOF - DAY' },
      ]);
    });

    it('refuses words for a command that takes no options', () => {
      expect(message('/help me please')).toBe('/help takes no options, so "me please" has nowhere to go.');
    });

    it('refuses words when every option is already given by name', () => {
      expect(message('/action text:"One." Two')).toBe(
        'Every option of /action is already given by name, so "Two" has nowhere to go.',
      );
    });

    it('reads apostrophes inside words as letters', () => {
      expect(parse("/say Alice I don't know, it's Bob's")).toEqual({
        command: 'say',
        options: { character: 'Alice', text: "I don't know, it's Bob's" },
      });
    });

    it('splits on any whitespace, including the ideographic space', () => {
      expect(parse('/say\u3000李雷\u3000你好，世界')).toEqual({
        command: 'say',
        options: { character: '李雷', text: '你好，世界' },
      });
    });
  });

  describe('command names', () => {
    it('matches the longest command name, in any case, with or without the slash', () => {
      const note = defineCommand({
        name: 'note',
        description: 'A note',
        options: z.object({ text: z.string().meta({ description: 'Text', input: 'string' }).optional() }),
        access: 'everyone',
        execute: async () => privateReply(),
      });
      const noteAdd = defineCommand({ ...note, name: 'note add' });
      const both = [note, noteAdd];
      const name = (line: string) => {
        const parsed = parseCommandText(line, both);
        return parsed.ok ? [parsed.command.name, parsed.options] : shownText(parsed.message);
      };
      expect(name('/note add milk')).toEqual(['note add', { text: 'milk' }]);
      expect(name('/note milk')).toEqual(['note', { text: 'milk' }]);
      expect(name('NOTE ADD milk')).toEqual(['note add', { text: 'milk' }]);
    });

    it('suggests /help and the closest command for an unknown one', () => {
      expect(message('/sceen start')).toBe(
        'There is no command /sceen. Did you mean /scene start? Type /help to see every command.',
      );
      expect(message('/undo')).toContain('Did you mean /scene undo?');
      expect(message('/frobnicate')).toBe(
        'There is no command /frobnicate. Type /help to see every command.',
      );
    });

    it('suggests a command only when it is genuinely close, not for a word half of which differs', () => {
      expect(message('/quit extra')).toBe('There is no command /quit. Type /help to see every command.');
      expect(message('/stauts')).toContain('Did you mean /vote status?');
    });

    it('lists the subcommands of a group and guesses a mistyped one', () => {
      expect(message('/vote')).toBe(
        '/vote needs one more word. Try one of: /vote open, /vote cast, /vote close, /vote extend, /vote cancel, /vote status.',
      );
      expect(message('/scene contiue')).toContain('/scene has no "contiue". Did you mean /scene continue?');
    });

    it('refuses a quoted command name', () => {
      expect(message('/"scene" start')).toBe('Write the command name without quotes, e.g. /scene start.');
    });
  });

  describe('lines it refuses with a clear message', () => {
    it('refuses an empty line and a lone slash', () => {
      expect(message('')).toBe('Type a command after the slash, e.g. /help.');
      expect(message('  /  ')).toBe('Type a command after the slash, e.g. /help.');
    });

    it('refuses a quote that is never closed', () => {
      expect(message('/say Alice "Wait')).toBe(
        'The quote " in "Wait is never closed. Close it with ", or put a backslash before a quote that is part of the text.',
      );
      expect(message("/vote open 'Go left")).toContain('is never closed');
      // What is quoted back stays on one line: a tab typed in it (found by the property test) shows as a space.
      expect(message('/scene start > " \t > ')).toBe(
        'The quote " in "   > is never closed. Close it with ", or put a backslash before a quote that is part of the text.',
      );
    });

    it('refuses a line longer than 4,000 characters before reading it', () => {
      expect(message(`/action ${'a'.repeat(4000)}`)).toBe(
        'That line is 4,008 characters long; a command may be at most 4,000.',
      );
    });

    it('refuses control characters and broken UTF-16, naming the character', () => {
      expect(message('/action \u001b[31mred')).toBe(
        'That line contains an invisible control character (U+001B). Remove it and try again.',
      );
      expect(message('/action a\u0000b')).toContain('(U+0000)');
      expect(message('/action \uD800')).toContain('(U+D800)');
    });

    it('passes mentions through as text: escaping them is the platform adapter’s job', () => {
      expect(parse('/action @everyone <@123> <!channel>')).toEqual({
        command: 'action',
        options: { text: '@everyone <@123> <!channel>' },
      });
    });
  });
});
