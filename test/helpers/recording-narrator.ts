// A narrator fake that records every request and answers from a script; it can hold a reply open
// (to test concurrent commands and cancellation) or fail.
import type {
  BeatDraft,
  LineDraft,
  Narration,
  NarrationOptions,
  NarrationRequest,
  Narrator,
  SceneDraft,
} from '../../src/story/narrator.ts';
import type { RecapRequest, ReviewRequest } from '../../src/story/recap-review.ts';
import type { SceneCard } from '../../src/story/scene-card.ts';

export interface RecordedCall {
  method: keyof Narrator;
  request: NarrationRequest & {
    character?: string;
    count?: number;
    heading?: string | undefined;
    notes?: string | undefined;
  } & Partial<RecapRequest & ReviewRequest>;
}

export interface RecordingNarrator extends Narrator {
  calls: RecordedCall[];
  /** Makes the next call wait until release() is called (or its signal aborts). */
  hold(): void;
  release(): void;
  /** Makes the next call reject with this error. */
  failNext(error: Error): void;
  beats: BeatDraft[];
  /** Scene cards designScene answers with, in order; then a default card. */
  cards: SceneCard[];
}

export function createRecordingNarrator(): RecordingNarrator {
  const calls: RecordedCall[] = [];
  let held: { promise: Promise<void>; resolve: () => void } | undefined;
  const waiting: (() => void)[] = [];
  let failure: Error | undefined;
  let counter = 0;

  async function answer<T>(
    method: keyof Narrator,
    request: RecordedCall['request'],
    options: NarrationOptions | undefined,
    output: T,
    text: string,
  ): Promise<Narration<T>> {
    calls.push({ method, request });
    if (failure) {
      const error = failure;
      failure = undefined;
      throw error;
    }
    options?.onText?.(text.slice(0, Math.ceil(text.length / 2)));
    if (held) {
      const gate = held;
      held = undefined;
      waiting.push(gate.resolve);
      await new Promise<void>((resolve, reject) => {
        gate.promise.then(resolve, reject);
        options?.signal?.addEventListener('abort', () => reject(options.signal?.reason), { once: true });
      });
    }
    options?.onText?.(text.slice(Math.ceil(text.length / 2)));
    return { output, model: 'recording', usage: { promptTokens: 100, completionTokens: 20 } };
  }

  const narrator: RecordingNarrator = {
    calls,
    beats: [],
    cards: [],
    hold() {
      let resolve = () => {};
      const promise = new Promise<void>((r) => {
        resolve = r;
      });
      held = { promise, resolve };
    },
    release() {
      held?.resolve();
      for (const resolve of waiting.splice(0)) resolve();
    },
    failNext(error) {
      failure = error;
    },
    writeBeat(request, options) {
      counter += 1;
      const draft: BeatDraft = narrator.beats.shift() ?? {
        kind: 'action',
        text: `Beat ${counter}${request.direction ? ` toward ${request.direction}` : ''}.`,
      };
      return answer('writeBeat', request, options, draft, draft.text);
    },
    writeLine(request, options) {
      const draft: LineDraft = { text: `${request.character} speaks.` };
      return answer('writeLine', request, options, draft, draft.text);
    },
    proposeOptions(request, options) {
      const output = ['Left', 'Right', 'Stay'].slice(0, Math.max(2, Math.min(4, request.count)));
      return answer('proposeOptions', request, options, output, output.join('\n'));
    },
    designScene(request, options) {
      const card: SceneCard = narrator.cards.shift() ?? {
        heading: request.heading ?? 'EXT. HARBOR - NIGHT',
        location: 'The end of the pier',
        timeOfDay: 'Just before dawn',
        atmosphere: request.notes ?? 'Cold and watchful',
        lighting: 'One sodium lamp',
        sounds: 'Water slapping the pilings',
        props: ['a coil of rope', 'a dead phone'],
        present: [{ name: 'Vera', wants: 'To see who comes first' }],
      };
      return answer('designScene', request, options, card, card.atmosphere);
    },
    recap(request, options) {
      const output = { text: `Recap of ${request.missed} beats for ${request.reader}.` };
      return answer('recap', request, options, output, output.text);
    },
    review(request, options) {
      const output = {
        logline: 'A heist goes wrong.',
        synopsis: 'Vera and Sam try a job.',
        strengths: ['Tension'],
        weaknesses: ['Slow start'],
        stars: 4,
        pullQuote: 'A safe bet.',
        forYou: request.personal ? `For ${request.personal.name}.` : undefined,
      };
      return answer('review', request, options, output, output.logline);
    },
    proposeScene(request, options) {
      const draft: SceneDraft = { heading: 'EXT. HARBOR - NIGHT', description: 'Fog.' };
      return answer('proposeScene', request, options, draft, draft.heading);
    },
  };
  return narrator;
}
