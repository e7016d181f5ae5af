// Parses one line of the slash grammar people type in the terminal (and in Slack):
//   /scene start title:"The Heist" genre:noir      /say Alice Hello there      /vote open "Go left" "Go right"
// Platform-neutral: it knows commands and their options, nothing about the console. Its messages write
// commands with the platform's spelling (Slack's prefix), as people type them there.
import { type Message, msg } from '../../i18n/message.ts';
import type { Command, CommandSpelling } from '../command.ts';
import { PLAIN_SPELLING, usableWith } from '../command-spelling.ts';
import { describeOptions } from '../describe-options.ts';
import { listed } from '../format.ts';
import { closest, editDistance, typoLimit } from './closest.ts';
import { type Token, tokenize } from './tokenize.ts';

/** Longest line accepted; the longest option (1,000 characters) fits with room to spare. */
export const COMMAND_TEXT_MAX = 4000;

/** An option this long or longer is free text: it takes all the words left over (see fillPositional). */
const FREE_TEXT_MIN_LENGTH = 300;

/** An option filled by position, and the words it got. */
export interface PositionalOption {
  name: string;
  text: string;
}

export type ParsedCommandText =
  | {
      ok: true;
      command: Command;
      options: Record<string, string>;
      /** The options filled by position, in order: lets a failure say how the words were read. */
      positional: PositionalOption[];
    }
  | { ok: false; message: Message };

const fail = (message: Message): ParsedCommandText => ({ ok: false, message });

// C0 controls except tab, line feed and carriage return; DEL and C1 controls; lone UTF-16 surrogates.
const CONTROL = /(?![\t\n\r])\p{Cc}|\p{Cs}/u;

const shorten = (value: string, max = 40) => (value.length > max ? `${value.slice(0, max)}…` : value);

/** `line` names commands as defined ("scene start …"); `spelling` is only how messages write them. */
export function parseCommandText(
  line: string,
  commands: readonly Command[],
  spelling: CommandSpelling = PLAIN_SPELLING,
): ParsedCommandText {
  if (line.length > COMMAND_TEXT_MAX) {
    return fail(msg('commands.text.too-long', { length: line.length, max: COMMAND_TEXT_MAX }));
  }
  const control = CONTROL.exec(line);
  if (control) {
    const code = (control[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
    return fail(msg('commands.text.control-character', { code }));
  }
  const text = line.trim().replace(/^\//, '');
  if (text.trim().length === 0) return fail(msg('commands.text.empty'));

  const tokenized = tokenize(text);
  if (!tokenized.ok) return fail(tokenized.message);
  const found = resolveCommand(tokenized.tokens, commands, spelling);
  if ('message' in found) return fail(found.message);
  return readOptions(found.command, found.rest, spelling);
}

/** A plain word (not quoted, not name:value) in lower case, usable as part of a command name. */
function commandWord(token: Token | undefined): string | undefined {
  return token && !token.quoted && token.key === undefined ? token.text.toLowerCase() : undefined;
}

function resolveCommand(
  tokens: Token[],
  commands: readonly Command[],
  spelling: CommandSpelling,
): { command: Command; rest: Token[] } | { message: Message } {
  const first = commandWord(tokens[0]);
  const second = commandWord(tokens[1]);
  const byName = (name: string) => commands.find((command) => command.name === name);
  const two = first !== undefined && second !== undefined ? byName(`${first} ${second}`) : undefined;
  if (two) return { command: two, rest: tokens.slice(2) };
  const one = first !== undefined ? byName(first) : undefined;
  if (one) return { command: one, rest: tokens.slice(1) };

  if (tokens[0]?.quoted) return { message: msg('commands.text.quoted-name') };
  const typed = first ?? (tokens[0] ? `${tokens[0].key ? `${tokens[0].key}:` : ''}${tokens[0].text}` : '');
  // Offered: what the platform can run (a command needing a file is not, on Slack), as typed there.
  const group = commands.filter(
    (command) => command.name.startsWith(`${first} `) && usableWith(command, spelling),
  );
  if (first !== undefined && group.length > 0) {
    const subcommands = group.map((command) => command.name.slice(first.length + 1));
    const guess = second === undefined ? undefined : closest(second, subcommands);
    const values = {
      group: spelling.name(first),
      commands: listed(group.map((command) => `/${spelling.name(command.name)}`)),
    };
    if (second === undefined) return { message: msg('commands.text.group-incomplete', values) };
    const unknown = { ...values, typed: shorten(second, 20) };
    return {
      message: guess
        ? msg('commands.text.group-unknown-guess', {
            ...unknown,
            guess: spelling.name(`${first} ${guess}`),
          })
        : msg('commands.text.group-unknown', unknown),
    };
  }
  const guess = suggestCommand(first, second, commands);
  const shown = shorten(typed, 30);
  return {
    message: guess
      ? msg('commands.text.no-command-guess', { typed: shown, guess: spelling.name(guess) })
      : msg('commands.text.no-command', { typed: shown }),
  };
}

/** The command whose name (or its last word: "undo" for "scene undo") is nearest to what was typed. */
function suggestCommand(first: string | undefined, second: string | undefined, commands: readonly Command[]) {
  if (first === undefined) return undefined;
  const typed = [first, ...(second === undefined ? [] : [`${first} ${second}`])];
  let best: { name: string; distance: number } | undefined;
  for (const command of commands) {
    const words = command.name.split(' ');
    for (const form of [command.name, words.at(-1) ?? command.name]) {
      for (const attempt of typed) {
        const distance = editDistance(attempt.slice(0, 60), form);
        const limit = typoLimit(Math.min(attempt.length, form.length));
        if (distance <= limit && (!best || distance < best.distance)) best = { name: command.name, distance };
      }
    }
  }
  return best?.name;
}

interface Slot {
  name: string;
  freeText: boolean;
}

function slotsOf(command: Command): Slot[] {
  try {
    return describeOptions(command).map((spec) => ({
      name: spec.name,
      freeText: spec.input === 'string' && (spec.maxLength ?? 0) >= FREE_TEXT_MIN_LENGTH,
    }));
  } catch {
    // A command declared without option metadata still parses; its options just aren't free text.
    return Object.keys(command.options.shape).map((name) => ({ name, freeText: false }));
  }
}

function readOptions(command: Command, tokens: Token[], spelling: CommandSpelling): ParsedCommandText {
  const name = spelling.name(command.name);
  const slots = slotsOf(command);
  const names = slots.map((slot) => slot.name);
  const options: Record<string, string> = {};
  const words: string[] = [];
  for (const token of tokens) {
    if (token.key === undefined) {
      words.push(token.text);
      continue;
    }
    const key = token.key.toLowerCase().replaceAll('-', '_');
    if (names.includes(key)) {
      if (key in options) return fail(msg('commands.text.option-twice', { option: key }));
      options[key] = token.text;
      continue;
    }
    // Prose may contain "word:word"; treat it as text unless it looks like a mistyped option.
    const guess = closest(key, names);
    if (token.quoted || (guess !== undefined && editDistance(key, guess) <= (key.length <= 5 ? 1 : 2))) {
      const values = { command: name, option: shorten(token.key, 30) };
      return fail(
        guess
          ? msg('commands.text.unknown-option-guess', { ...values, guess, options: listed(names) })
          : names.length > 0
            ? msg('commands.option.unknown', { ...values, options: listed(names) })
            : msg('commands.option.unknown-none', values),
      );
    }
    words.push(`${token.key}:${token.text}`);
  }
  const filled = fillPositional(
    command,
    name,
    slots.filter((slot) => !(slot.name in options)),
    words,
  );
  if (!filled.ok) return filled;
  const overflow = seriesOverflow(command, name, slots, filled.positional);
  if (overflow) return fail(overflow);
  const positional = Object.fromEntries(filled.positional.map(({ name, text }) => [name, text]));
  return { ok: true, command, options: { ...options, ...positional }, positional: filled.positional };
}

/**
 * Positional words fill the options not given by name, in declared order, one word each. The first
 * free-text option (a direction, a line, a description) takes every word left from there on; without one,
 * extra words join the last option.
 */
function fillPositional(
  command: Command,
  name: string,
  slots: Slot[],
  words: string[],
): { ok: true; positional: PositionalOption[] } | { ok: false; message: Message } {
  const positional: PositionalOption[] = [];
  if (words.length === 0) return { ok: true, positional };
  if (slots.length === 0) {
    const values = { command: name, words: shorten(words.join(' ')) };
    const message =
      Object.keys(command.options.shape).length === 0
        ? msg('commands.text.no-options', values)
        : msg('commands.text.all-named', values);
    return { ok: false, message };
  }
  const freeText = slots.findIndex((slot) => slot.freeText);
  const greedy = freeText === -1 ? slots.length - 1 : freeText;
  slots.slice(0, greedy).forEach((slot, index) => {
    const word = words[index];
    if (word !== undefined) positional.push({ name: slot.name, text: word });
  });
  const rest = words.slice(greedy);
  const last = slots[greedy];
  if (last && rest.length > 0) positional.push({ name: last.name, text: rest.join(' ') });
  return { ok: true, positional };
}

/**
 * Numbered options (/vote open's option1 … option5) take one word each, so one word too many lands in the
 * option after them ("/vote open A B C D E F" gives duration "F"). When it is not valid there, the person
 * meant one more of the series: say how many there may be, rather than that "F" is not a duration.
 */
function seriesOverflow(
  command: Command,
  name: string,
  slots: Slot[],
  positional: PositionalOption[],
): Message | undefined {
  const series = (name: string) => /^(.*\D)\d+$/.exec(name)?.[1];
  const at = positional.findIndex(
    (entry, index) =>
      index > 0 &&
      series(entry.name) === undefined &&
      series(positional[index - 1]?.name ?? '') !== undefined,
  );
  const extra = positional[at];
  const prefix = series(positional[at - 1]?.name ?? '');
  if (!extra || prefix === undefined) return undefined;
  // Words fill the options in declared order, so every one of the series is given (by position or by name).
  const members = slots.filter((slot) => series(slot.name) === prefix);
  const schema = (
    command.options.shape as Record<string, { safeParse(value: unknown): { success: boolean } }>
  )[extra.name];
  if (!schema || schema.safeParse(extra.text).success) return undefined;
  const word = extra.text.split(' ')[0] ?? extra.text;
  return msg('commands.text.series-overflow', {
    command: name,
    count: members.length,
    series: prefix,
    word: shorten(word, 30),
  });
}
