// One spec per narrator method: what to ask (the instruction at the end of the prompt), the schema to answer
// in, the field whose text streams to the channel as it arrives, and the check after parsing.
import type { z } from 'zod';
import type { CharacterDesign, Critique, NarrationRequest } from '../story/narrator.ts';
import { receptionOf } from '../story/reception.ts';
import type { Beat, RoomState } from '../story/types.ts';
import { offlineLocale, templatesFor } from './offline/templates/index.ts';
import {
  beatSchema,
  characterSchema,
  critiqueSchema,
  type Finish,
  finishBeat,
  finishCharacter,
  finishCritique,
  finishLine,
  finishOptions,
  finishScene,
  finishSummary,
  lineSchema,
  OPTION_MAX,
  optionsSchema,
  sceneSchema,
  summarySchema,
} from './output-schemas.ts';
import { MATERIAL_MAX, material } from './prompt/story-material.ts';
import { languageName } from './prompt/system-prompt.ts';

export interface TaskSpec<Raw, Out> {
  /** Names the JSON schema sent to the server (a-z, 0-9, _). */
  name: string;
  schema: z.ZodType<Raw>;
  finish: Finish<Raw, Out>;
  /** The top-level field streamed to onText (a string, or an array of strings shown one per line). */
  stream?: string | undefined;
  instruction: string;
  direction?: string | undefined;
  fold?: { previous?: string | undefined; beats: readonly Beat[] } | undefined;
  /** Leaves the room's style out of the prompt (see PromptTask.omitStyle). */
  omitStyle?: boolean | undefined;
}

const castOf = (room: RoomState) =>
  room.characters.length > 0 ? room.characters.map((c) => c.name.toUpperCase()).join(', ') : 'none yet';

/**
 * Every task names the story's language for the text fields of its answer (the system prompt says it once
 * for all; a model answering in JSON drifts back to English without it at the task).
 */
function answerIn(room: RoomState, fields: string): string {
  const language = room.story?.language ?? 'en';
  return `Write ${fields} in ${languageName(language)} (${language}); the JSON keys stay in English.`;
}

/** How headings look in the story's language: "INT. DINER - NIGHT", "内景 餐馆 - 夜". */
function headingForm(room: RoomState): string {
  const language = room.story?.language;
  const { kinds, places, times } = templatesFor(language).scenes;
  const listed = `${kinds.slice(0, -1).join(', ')} or ${kinds.at(-1)}`;
  const example = `${kinds[0]} ${places[0]} - ${times[0]}`;
  const form = `The heading starts with ${listed}, then the place, " - ", and the time, e.g. "${example}".`;
  return offlineLocale(language) === 'en'
    ? `${form} Keep the heading in that form even when the story is in another language.`
    : form;
}

export function beatTask(request: NarrationRequest) {
  return {
    name: 'beat',
    schema: beatSchema,
    finish: finishBeat,
    stream: 'text',
    direction: request.direction,
    instruction: [
      'Write the next beat of the screenplay: one action paragraph (1-4 sentences), one line of dialogue, or a transition.',
      `Characters who may speak: ${castOf(request.room)}. A new minor character may speak if the scene needs one.`,
      request.direction
        ? 'Follow the direction from the group, in your own words.'
        : 'Move the story forward.',
      'Answer with JSON: {"kind": "action" | "dialogue" | "transition", "character": speaker name or null, "parenthetical": short acting note or null, "text": the beat}.',
      answerIn(request.room, 'the text and the parenthetical'),
    ].join('\n'),
  } satisfies TaskSpec<z.infer<typeof beatSchema>, unknown>;
}

export function lineTask(request: NarrationRequest & { character: string }) {
  const character = request.room.characters.find(
    (c) => c.name.toLowerCase() === request.character.toLowerCase(),
  );
  const voice = character?.voice ? ` Their voice: ${material(character.voice, MATERIAL_MAX.voice)}.` : '';
  return {
    name: 'line',
    schema: lineSchema,
    finish: finishLine,
    stream: 'text',
    direction: request.direction,
    instruction: [
      `Write the next line of dialogue for ${request.character.toUpperCase()}, in character.${voice}`,
      'Answer with JSON: {"parenthetical": short acting note or null, "text": the line, without the name}.',
      answerIn(request.room, 'the line and the parenthetical'),
    ].join('\n'),
  } satisfies TaskSpec<z.infer<typeof lineSchema>, unknown>;
}

export function optionsTask(request: NarrationRequest & { count: number }) {
  const count = Math.min(4, Math.max(2, request.count));
  return {
    name: 'branch_options',
    schema: optionsSchema,
    finish: finishOptions(count),
    stream: 'options',
    direction: request.direction,
    instruction: [
      `Propose ${count} different ways the story could go next, for the audience to vote on.`,
      `Each is one short phrase (at most ${OPTION_MAX} characters), concrete and distinct from the others.`,
      'Answer with JSON: {"options": [the options]}.',
      answerIn(request.room, 'every option'),
    ].join('\n'),
  } satisfies TaskSpec<z.infer<typeof optionsSchema>, unknown>;
}

export function sceneTask(request: NarrationRequest) {
  return {
    name: 'scene',
    schema: sceneSchema,
    finish: finishScene,
    stream: 'heading',
    direction: request.direction,
    instruction: [
      'Open the next scene: a screenplay scene heading and a one-sentence description of the setting.',
      headingForm(request.room),
      'Answer with JSON: {"heading": the heading, "description": the setting}.',
      answerIn(request.room, 'the description, and the place and time of the heading'),
    ].join('\n'),
  } satisfies TaskSpec<z.infer<typeof sceneSchema>, unknown>;
}

export function characterTask(request: NarrationRequest & { hint?: string | undefined }) {
  const taken = request.room.characters.map((c) => c.name);
  return {
    name: 'character_design',
    schema: characterSchema,
    finish: finishCharacter(taken),
    instruction: [
      'Design one new character who would fit this story and create interesting conflict with the existing cast.',
      request.hint ? `The group asks for: ${material(request.hint, MATERIAL_MAX.hint)}` : '',
      taken.length > 0 ? `Do not reuse these names: ${castOf(request.room)}.` : '',
      'Answer with JSON: {"name": a name, "look": appearance in one or two sentences, "personality": one or two sentences, "backstory": two or three sentences, "sampleLine": one line of dialogue in their voice}.',
      answerIn(
        request.room,
        'the look, personality, backstory and sample line, and give a name that fits the language',
      ),
    ]
      .filter(Boolean)
      .join('\n'),
  } satisfies TaskSpec<z.infer<typeof characterSchema>, CharacterDesign>;
}

export function critiqueTask(request: NarrationRequest) {
  return {
    name: 'critique',
    schema: critiqueSchema,
    finish: finishCritique,
    instruction: [
      'Act as a script editor. Review the screenplay so far (the summary and the beats above) for structure, pacing, character consistency and dialogue.',
      'Score each from 1 (weak) to 10 (excellent) with a one- or two-sentence comment, then give exactly three concrete, actionable suggestions for the next scenes.',
      receptionOf(request.room)
        ? 'The AUDIENCE line above says how the group received the recent beats: weigh it in your comments and suggestions.'
        : '',
      'Answer with JSON: {"structure": {"score": number, "comment": text}, "pacing": {...}, "characterConsistency": {...}, "dialogue": {...}, "suggestions": [three suggestions]}.',
      answerIn(request.room, 'every comment and suggestion'),
    ]
      .filter(Boolean)
      .join('\n'),
  } satisfies TaskSpec<z.infer<typeof critiqueSchema>, Critique>;
}

export const SUMMARY_WORDS = 250;

export function summaryTask(
  room: RoomState,
  fold: { previous?: string | undefined; beats: readonly Beat[] },
) {
  return {
    name: 'summary',
    schema: summarySchema,
    finish: finishSummary,
    stream: 'text',
    fold,
    // The summary is the narrator's own memory, not story text: it is written plainly, without the style.
    omitStyle: true,
    instruction: [
      fold.previous
        ? 'Rewrite the summary so far to also cover the new beats above.'
        : 'Summarize the beats above.',
      `Keep it under ${SUMMARY_WORDS} words, in past tense. Keep every name, relationship, promise, secret, object and place that could matter later; drop moment-to-moment detail. Older events may be compressed more than recent ones.`,
      'Answer with JSON: {"text": the summary}.',
      answerIn(room, 'the summary'),
    ].join('\n'),
  } satisfies TaskSpec<z.infer<typeof summarySchema>, { text: string }>;
}
