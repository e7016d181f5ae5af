// The narrator's /recap and /review tasks on a model: the instruction at the end of the usual prompt (bible,
// rolling summary, recent beats, the audience line), in the story's language.
import type { z } from 'zod';
import {
  RECAP_MAX_CHARS,
  type Recap,
  type RecapRequest,
  type Review,
  type ReviewRequest,
} from '../story/recap-review.ts';
import { receptionOf } from '../story/reception.ts';
import type { Beat, RoomState } from '../story/types.ts';
import { finishRecap, finishReview, recapSchema, reviewSchema } from './audience-schemas.ts';
import type { TaskSpec } from './narration-tasks.ts';
import { material } from './prompt/story-material.ts';
import { languageName } from './prompt/system-prompt.ts';

/** What a personal review may quote of a beat or an option. */
const PERSONAL_QUOTE_MAX = 120;

function answerIn(room: RoomState, fields: string): string {
  const language = room.story?.language ?? 'en';
  return `Write ${fields} in ${languageName(language)} (${language}); the JSON keys stay in English.`;
}

const opening = (beat: Beat) =>
  material(
    `${beat.kind === 'dialogue' && beat.character ? `${beat.character.toUpperCase()}: ` : ''}${beat.text}`,
    PERSONAL_QUOTE_MAX,
  );

export function recapTask(request: RecapRequest) {
  const first = request.beats[0];
  const older = request.missed - request.beats.length;
  return {
    name: 'recap',
    schema: recapSchema,
    finish: finishRecap,
    stream: 'text',
    instruction: [
      `Write a short "previously on…" recap for ${material(request.reader, 40)}, who has missed the last ${request.missed} beats of the story.`,
      first ? `What they missed starts with the beat ${opening(first)}.` : '',
      // Every missed beat's opening, in order, so beats between the summary and the recent window are not
      // lost to the recap (at most RECAP_BEATS_MAX of them, each cut to a short quote).
      request.beats.length > 1
        ? `The beats they missed, oldest first:\n${request.beats.map((beat, i) => `${i + 1}. ${opening(beat)}`).join('\n')}`
        : '',
      older > 0
        ? `The first ${older} of those beats are older than the recent beats above: cover them from the summary.`
        : '',
      `Recap only what happened in those beats, in order, in past tense; name who did what. At most ${Math.floor(RECAP_MAX_CHARS / 2)} characters, no headings, no spoilers beyond the latest beat.`,
      'Answer with JSON: {"text": the recap}.',
      answerIn(request.room, 'the recap'),
    ]
      .filter(Boolean)
      .join('\n'),
  } satisfies TaskSpec<z.infer<typeof recapSchema>, Recap>;
}

export function reviewTask(request: ReviewRequest) {
  const { personal } = request;
  const angle: string[] = [];
  if (personal) {
    angle.push(
      `This review is personal, for ${material(personal.name, 40)}: weigh it toward what they backed and reacted to, and in "forYou" tell them, addressed as "you", how it paid off (e.g. "You backed the betrayal; here is how it paid off").`,
    );
    for (const vote of personal.backed) {
      angle.push(
        `- They voted for ${material(vote.option, PERSONAL_QUOTE_MAX)} (${vote.won ? 'it won' : 'it lost'})${vote.steered ? `; it led to ${opening(vote.steered)}` : ''}.`,
      );
    }
    for (const reaction of personal.reacted) {
      angle.push(
        `- They reacted ${reaction.emoji.join('')} (${reaction.sentiment}) to ${opening(reaction.beat)}.`,
      );
    }
    if (personal.backed.length === 0 && personal.reacted.length === 0)
      angle.push(
        '- They have not voted or reacted yet: say so kindly in "forYou" and tell them what to watch for.',
      );
  }
  return {
    name: 'review',
    schema: reviewSchema,
    finish: finishReview(personal !== undefined),
    instruction: [
      "Act as a film critic. Review the screenplay so far (the summary and the beats above) as a critic's review.",
      'Give a one-sentence logline, a short synopsis (2-4 sentences), one to three strengths, one to three weaknesses, a rating from 1 to 5 stars, and a pull quote: one punchy sentence a poster could print.',
      receptionOf(request.room)
        ? 'The AUDIENCE line above says how the group received the recent beats: let it inform the review.'
        : '',
      ...angle,
      `Answer with JSON: {"logline": text, "synopsis": text, "strengths": [texts], "weaknesses": [texts], "stars": number, "pullQuote": text, "forYou": ${personal ? 'text' : 'null'}}.`,
      answerIn(request.room, 'every text field'),
    ]
      .filter(Boolean)
      .join('\n'),
  } satisfies TaskSpec<z.infer<typeof reviewSchema>, Review>;
}
