// What the model must answer with, one zod schema per task. The schemas carry only types, enums and
// nullability (the subset every server's JSON-schema decoding accepts, OpenAI strict mode included);
// lengths, counts and ranges are checked after parsing by each task's `finish`, whose complaint is sent
// back to the model in the one repair attempt.

import { z } from 'zod';
import { SOURCE_LOCALE, sharedTranslator } from '../i18n/catalog.ts';
import type { Message } from '../i18n/message.ts';
import { cutText } from '../story/cut-text.ts';
import { isUserError } from '../story/errors.ts';
import { NARRATED_TEXT_MAX } from '../story/limits.ts';
import type { BeatDraft, CharacterDesign, Critique, LineDraft, SceneDraft } from '../story/narrator.ts';
import { cleanHeading } from '../story/rules.ts';

export const beatSchema = z.object({
  kind: z.enum(['action', 'dialogue', 'transition']),
  character: z.string().nullable(),
  parenthetical: z.string().nullable(),
  text: z.string(),
});

export const lineSchema = z.object({ parenthetical: z.string().nullable(), text: z.string() });

export const optionsSchema = z.object({ options: z.array(z.string()) });

export const sceneSchema = z.object({ heading: z.string(), description: z.string() });

export const characterSchema = z.object({
  name: z.string(),
  look: z.string(),
  personality: z.string(),
  backstory: z.string(),
  sampleLine: z.string(),
});

const scoreSchema = z.object({ score: z.number(), comment: z.string() });

export const critiqueSchema = z.object({
  structure: scoreSchema,
  pacing: scoreSchema,
  characterConsistency: scoreSchema,
  dialogue: scoreSchema,
  suggestions: z.array(z.string()),
});

export const summarySchema = z.object({ text: z.string() });

/** A task's check after parsing: the finished output, or what is wrong with it (for the repair request). */
export type Finish<Raw, Out> = (raw: Raw) => { ok: true; value: Out } | { ok: false; problem: string };

const ok = <T>(value: T) => ({ ok: true as const, value });
const problem = (text: string) => ({ ok: false as const, problem: text });
const clean = (text: string | null | undefined) => (text ?? '').replace(/\r\n?/g, '\n').trim();

export { cutText };

export const OPTION_MAX = 80;
export const SUMMARY_MAX_CHARS = 3000;

export const finishBeat: Finish<z.infer<typeof beatSchema>, BeatDraft> = (raw) => {
  const text = clean(raw.text);
  if (!text) return problem('"text" is empty');
  if (text.length > NARRATED_TEXT_MAX)
    return problem(`"text" is longer than ${NARRATED_TEXT_MAX} characters`);
  const character = clean(raw.character);
  if (raw.kind === 'dialogue' && !character) return problem('a dialogue beat needs "character"');
  return ok({
    kind: raw.kind,
    character: raw.kind === 'dialogue' ? character : undefined,
    parenthetical: clean(raw.parenthetical).replace(/^\((.*)\)$/s, '$1') || undefined,
    text,
  });
};

export const finishLine: Finish<z.infer<typeof lineSchema>, LineDraft> = (raw) => {
  const text = clean(raw.text);
  if (!text) return problem('"text" is empty');
  if (text.length > NARRATED_TEXT_MAX)
    return problem(`"text" is longer than ${NARRATED_TEXT_MAX} characters`);
  return ok({ parenthetical: clean(raw.parenthetical).replace(/^\((.*)\)$/s, '$1') || undefined, text });
};

export const finishOptions =
  (count: number): Finish<z.infer<typeof optionsSchema>, string[]> =>
  (raw) => {
    const seen = new Set<string>();
    const options: string[] = [];
    for (const option of raw.options.map(clean)) {
      if (!option || seen.has(option.toLowerCase())) continue;
      seen.add(option.toLowerCase());
      options.push(option);
    }
    if (options.length < 2) return problem(`give ${count} different, non-empty options`);
    const long = options.find((option) => option.length > OPTION_MAX);
    if (long) return problem(`each option must be at most ${OPTION_MAX} characters`);
    return ok(options.slice(0, count));
  };

const inEnglish = (text: string | Message) =>
  typeof text === 'string' ? text : sharedTranslator().translate(SOURCE_LOCALE, text);

export const finishScene: Finish<z.infer<typeof sceneSchema>, SceneDraft> = (raw) => {
  try {
    return ok({ heading: cleanHeading(raw.heading), description: cutText(clean(raw.description), 300) });
  } catch (error) {
    // The refusal, in English like the rest of the prompt, tells the model what to fix.
    if (isUserError(error)) return problem(`"heading": ${inEnglish(error.text)}`);
    throw error;
  }
};

export const finishCharacter =
  (taken: readonly string[]): Finish<z.infer<typeof characterSchema>, CharacterDesign> =>
  (raw) => {
    const name = clean(raw.name).replace(/\s+/g, ' ');
    if (!name) return problem('"name" is empty');
    if (name.length > 40) return problem('"name" must be at most 40 characters');
    if (taken.some((other) => other.toLowerCase() === name.toLowerCase())) {
      return problem(`"${name}" is already a character in this story; invent someone new`);
    }
    const fields = {
      look: clean(raw.look),
      personality: clean(raw.personality),
      backstory: clean(raw.backstory),
      sampleLine: clean(raw.sampleLine),
    };
    const empty = Object.entries(fields).find(([, value]) => !value);
    if (empty) return problem(`"${empty[0]}" is empty`);
    return ok({
      name,
      look: cutText(fields.look, 300),
      personality: cutText(fields.personality, 300),
      backstory: cutText(fields.backstory, 600),
      sampleLine: cutText(fields.sampleLine, 300),
    });
  };

export const finishCritique: Finish<z.infer<typeof critiqueSchema>, Critique> = (raw) => {
  const scores = [raw.structure, raw.pacing, raw.characterConsistency, raw.dialogue];
  if (scores.some((s) => !Number.isFinite(s.score) || s.score < 1 || s.score > 10)) {
    return problem('every "score" must be a number from 1 to 10');
  }
  const suggestions = raw.suggestions.map(clean).filter(Boolean);
  if (suggestions.length < 3) return problem('give exactly three non-empty "suggestions"');
  const score = (s: { score: number; comment: string }) => ({
    score: Math.round(s.score),
    comment: cutText(clean(s.comment), 500),
  });
  return ok({
    structure: score(raw.structure),
    pacing: score(raw.pacing),
    characterConsistency: score(raw.characterConsistency),
    dialogue: score(raw.dialogue),
    suggestions: suggestions.slice(0, 3).map((s) => cutText(s, 300)),
  });
};

export const finishSummary: Finish<z.infer<typeof summarySchema>, { text: string }> = (raw) => {
  const text = clean(raw.text);
  if (!text) return problem('"text" is empty');
  return ok({ text: cutText(text, SUMMARY_MAX_CHARS) });
};
