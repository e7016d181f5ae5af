// The narrator used when no model is configured: templates filled from the room's own state (characters,
// scene, direction, the vote's winner). Deterministic for a given seed, and it names itself as offline.
import { msg } from '../i18n/message.ts';
import { UserError } from '../story/errors.ts';
import type {
  BeatDraft,
  CharacterDesign,
  LineDraft,
  Narration,
  NarrationOptions,
  NarrationRequest,
  Narrator,
  SceneDraft,
} from '../story/narrator.ts';
import { currentScene, recentBeats } from '../story/tree.ts';
import type { RoomState } from '../story/types.ts';
import { designOfflineCharacter, offlineCritique, offlineSummary } from './offline-tools.ts';
import { summaryDue } from './prompt/memory-plan.ts';
import { hashString, seededRandom } from './seeded-random.ts';

export const OFFLINE_MODEL = 'offline narrator';

// The direction, when there is one, opens the beat as its own sentence ("The cops arrive. Vera freezes."),
// so every beat shows what steered it and the templates stay grammatical whatever the direction says.
const ACTIONS = [
  '{who} steps into the light, {mood}.',
  'A silence settles over {place}. {who} breaks it.',
  'Somewhere outside, a door slams. {who} freezes, {mood}.',
  '{who} crosses {place} without a word, {mood}.',
  'The light flickers. When it steadies, {who} is no longer alone.',
  '{who} finds something that should not be here, and pockets it.',
];

const LINES = [
  "I didn't come all this way to walk away now.",
  'You know as well as I do what happens next.',
  'Fine. But we do it my way.',
  'Nobody leaves {place} until this is settled.',
  'Say that again. Slowly.',
  "I've been waiting for someone to ask me that.",
];

const PARENTHETICALS = ['quietly', 'beat', 'not looking up', 'too fast', 'smiling'];

const MOODS = ['wary', 'unhurried', 'jaw tight', 'almost amused', 'out of breath', 'very still'];

const OPTIONS = [
  'Someone tells the truth',
  'A stranger arrives',
  'The lights go out',
  'An old debt is called in',
  'Somebody runs',
  'A secret is overheard',
  'The plan falls apart',
  'An unexpected alliance',
];

const PLACES = ['DINER', 'ROOFTOP', 'TRAIN STATION', 'BACK ALLEY', 'HOTEL LOBBY', 'HARBOR', 'LIBRARY'];
const TIMES = ['NIGHT', 'DAY', 'DAWN', 'LATER', 'CONTINUOUS'];

export interface OfflineNarratorOptions {
  seed?: number;
}

export function createOfflineNarrator(options: OfflineNarratorOptions = {}): Narrator {
  const seed = options.seed ?? 1;
  const rngFor = (room: RoomState, task: string) =>
    seededRandom(hashString(`${seed}:${room.id}:${room.seq}:${task}`));
  const pick = <T>(rng: () => number, items: readonly T[]): T => items[Math.floor(rng() * items.length)] as T;

  function fill(template: string, room: RoomState, rng: () => number, who: string, direction?: string) {
    const heading = currentScene(room)?.heading;
    const place =
      heading
        ?.replace(/^[A-Z./]+\s+/, '')
        .split(' - ')[0]
        ?.trim()
        .toLowerCase() || 'room';
    const steer = direction?.trim().replace(/[.!?…]*$/, '');
    const opening = steer ? `${steer.charAt(0).toUpperCase()}${steer.slice(1)}. ` : '';
    const body = template
      .replaceAll('{who}', who)
      .replaceAll('{mood}', pick(rng, MOODS))
      .replaceAll('{place}', `the ${place}`);
    return `${opening}${body}`.replace(/\s+/g, ' ').trim();
  }

  /** Streams text word by word like a model would, honouring cancellation. */
  async function emit(text: string, opts: NarrationOptions | undefined) {
    for (const piece of text.match(/\S+\s*/g) ?? []) {
      if (opts?.signal?.aborted) throw opts.signal.reason ?? new Error('aborted');
      opts?.onText?.(piece);
      await Promise.resolve();
    }
    if (opts?.signal?.aborted) throw opts.signal.reason ?? new Error('aborted');
  }

  function narration<T>(output: T, room: RoomState, text: string): Narration<T> {
    const prompt = recentBeats(room, 20).reduce((sum, beat) => sum + Math.ceil(beat.text.length / 4), 50);
    return {
      output,
      model: OFFLINE_MODEL,
      usage: { promptTokens: prompt, completionTokens: Math.ceil(text.length / 4) },
    };
  }

  function speakerFor(room: RoomState, rng: () => number) {
    if (room.characters.length === 0) return undefined;
    const last = recentBeats(room, 1)[0];
    const others = room.characters.filter((c) => c.name !== last?.character);
    return pick(rng, others.length > 0 ? others : room.characters).name;
  }

  return {
    async writeBeat(request: NarrationRequest, opts) {
      const { room } = request;
      const rng = rngFor(room, 'beat');
      const speaker = speakerFor(room, rng);
      let draft: BeatDraft;
      if (speaker && rng() < 0.4) {
        draft = {
          kind: 'dialogue',
          character: speaker,
          parenthetical: rng() < 0.3 ? pick(rng, PARENTHETICALS) : undefined,
          text: fill(pick(rng, LINES), room, rng, speaker, request.direction),
        };
      } else {
        const who = speaker ?? 'A figure';
        draft = { kind: 'action', text: fill(pick(rng, ACTIONS), room, rng, who, request.direction) };
      }
      await emit(draft.text, opts);
      return narration(draft, room, draft.text);
    },

    async writeLine(request, opts) {
      const { room } = request;
      const rng = rngFor(room, `line:${request.character}`);
      const draft: LineDraft = {
        parenthetical: rng() < 0.3 ? pick(rng, PARENTHETICALS) : undefined,
        text: fill(pick(rng, LINES), room, rng, request.character, request.direction),
      };
      await emit(draft.text, opts);
      return narration(draft, room, draft.text);
    },

    async proposeOptions(request, opts) {
      const { room } = request;
      const rng = rngFor(room, 'options');
      const count = Math.min(4, Math.max(2, request.count));
      const pool = [...OPTIONS];
      const names = room.characters.map((c) => c.name);
      if (names.length > 0) pool.push(`${pick(rng, names)} makes a choice`, `${pick(rng, names)} disappears`);
      const options: string[] = [];
      while (options.length < count && pool.length > 0) {
        options.push(...pool.splice(Math.floor(rng() * pool.length), 1));
      }
      if (options.length < 2) throw new UserError('narrator.options', msg('llm.offline.no-options'));
      await emit(options.join('\n'), opts);
      return narration(options, room, options.join(' '));
    },

    async proposeScene(request, opts) {
      const { room } = request;
      const rng = rngFor(room, 'scene');
      const draft: SceneDraft = {
        heading: `${rng() < 0.6 ? 'INT.' : 'EXT.'} ${pick(rng, PLACES)} - ${pick(rng, TIMES)}`,
        description: request.direction ? `Where ${request.direction.toLowerCase()}.` : 'The story moves on.',
      };
      await emit(draft.heading, opts);
      return narration(draft, room, draft.heading);
    },

    async designCharacter(request, opts) {
      const { room } = request;
      const rng = rngFor(room, `character:${request.hint ?? ''}`);
      const design: CharacterDesign = designOfflineCharacter(room, request.hint, (items) => pick(rng, items));
      await emit(design.sampleLine, opts);
      return narration(design, room, Object.values(design).join(' '));
    },

    async critique(request, opts) {
      const critique = offlineCritique(request.room);
      const text = critique.suggestions.join('\n');
      await emit(text, opts);
      return narration(critique, request.room, text);
    },

    // No prompt of its own: the default memory window, so long offline stories are summarized as a model's are.
    summaryDue: (room) => summaryDue(room),

    async summarize(request, opts) {
      const text = offlineSummary(request);
      if (opts?.signal?.aborted) throw opts.signal.reason ?? new Error('aborted');
      return narration({ text }, request.room, text);
    },
  };
}
