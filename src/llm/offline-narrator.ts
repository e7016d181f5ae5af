// The narrator used when no model is configured: templates filled from the room's own state (characters,
// scene, direction, the vote's winner). Deterministic for a given seed, and it names itself as offline.
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
import { styleProfile } from '../story/style.ts';
import { currentScene, recentBeats } from '../story/tree.ts';
import type { RoomState } from '../story/types.ts';
import { fill as fillTemplate } from './offline/fill-template.ts';
import {
  closestToStyle,
  DIALOGUE_WINDOW,
  dialogueChance,
  followStyle,
  STYLE_CANDIDATES,
  STYLE_WINDOW,
} from './offline/follow-style.ts';
import { OFFLINE_TEMPLATES, templatesFor } from './offline/templates/index.ts';
import { offlineRecap, offlineReview } from './offline-audience.ts';
import {
  designOfflineCharacter,
  designOfflineScene,
  offlineCritique,
  offlineSummary,
} from './offline-tools.ts';
import { summaryDue } from './prompt/memory-plan.ts';
import { hashString, seededRandom } from './seeded-random.ts';

export const OFFLINE_MODEL = 'offline narrator';

// The templates are per language (offline/templates/): a room gets its story's language, or English.
// The direction, when there is one, opens the beat as its own sentence ("The cops arrive. Vera freezes."),
// so every beat shows what steered it and the templates stay grammatical whatever the direction says.

/** Scene heading prefixes of every language (INT., 内景…), longest first, to find the place in a heading. */
const HEADING_KIND = new RegExp(
  `^(?:${Object.values(OFFLINE_TEMPLATES)
    .flatMap((t) => t.scenes.kinds)
    .sort((a, b) => b.length - a.length)
    .map((kind) => kind.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))
    .join('|')}|[A-Z./]+)\\s*`,
);

/** Streamed pieces: a word and its space; text without spaces (Chinese) in pieces of a few characters. */
const PIECE_MAX = 12;
function pieces(text: string): string[] {
  return (text.match(/\S+\s*/g) ?? []).flatMap((word) => {
    if (word.length <= PIECE_MAX) return [word];
    const chars = Array.from(word);
    const out: string[] = [];
    for (let i = 0; i < chars.length; i += PIECE_MAX / 2)
      out.push(chars.slice(i, i + PIECE_MAX / 2).join(''));
    return out;
  });
}

export interface OfflineNarratorOptions {
  seed?: number;
}

export function createOfflineNarrator(options: OfflineNarratorOptions = {}): Narrator {
  const seed = options.seed ?? 1;
  const rngFor = (room: RoomState, task: string) =>
    seededRandom(hashString(`${seed}:${room.id}:${room.seq}:${task}`));
  const pick = <T>(rng: () => number, items: readonly T[]): T => items[Math.floor(rng() * items.length)] as T;

  function fill(template: string, room: RoomState, rng: () => number, who: string, direction?: string) {
    const { prose, beats } = templatesFor(room.story?.language);
    const heading = currentScene(room)?.heading;
    const place = heading?.replace(HEADING_KIND, '').split(' - ')[0]?.trim() || beats.noPlace;
    const steer = direction?.trim().replace(/[.!?…。！？]*$/, '');
    const opening = steer
      ? `${prose.cased ? `${steer.charAt(0).toUpperCase()}${steer.slice(1)}` : steer}${prose.stop}${prose.gap}`
      : '';
    const body = fillTemplate(template, {
      who,
      mood: pick(rng, beats.moods),
      place: fillTemplate(beats.place, { place: prose.cased ? place.toLowerCase() : place }),
    });
    return `${opening}${body}`.replace(/\s+/g, ' ').trim();
  }

  /** The text re-cut toward the room's style (its sample's sentence lengths), when the room has one. */
  function styled(text: string, room: RoomState, rng: () => number) {
    const profile = styleProfile(room.style);
    if (!profile) return text;
    const names = room.characters.map((c) => c.name);
    return followStyle(text, profile, { templates: templatesFor(room.story?.language), random: rng, names });
  }

  /** How often a beat is a line: 40%, or what moves the story's dialogue share toward the style's. */
  function dialogueChanceFor(room: RoomState) {
    const profile = styleProfile(room.style);
    return profile ? dialogueChance(profile, recentBeats(room, DIALOGUE_WINDOW)) : 0.4;
  }

  /** Streams text a few words at a time like a model would, honouring cancellation. */
  async function emit(text: string, opts: NarrationOptions | undefined) {
    for (const piece of pieces(text)) {
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

  function draftBeat(
    room: RoomState,
    rng: () => number,
    direction: string | undefined,
    chance: number,
  ): BeatDraft {
    const { beats } = templatesFor(room.story?.language);
    const speaker = speakerFor(room, rng);
    // In a scene built from a card, some beats turn on one of its props (the card is the scene's description).
    const props = currentScene(room)?.card?.props ?? [];
    if (props.length > 0 && rng() < 0.3) {
      const template = fillTemplate(pick(rng, templatesFor(room.story?.language).sceneCards.propActions), {
        prop: pick(rng, props),
      });
      return {
        kind: 'action',
        text: styled(fill(template, room, rng, speaker ?? beats.someone, direction), room, rng),
      };
    }
    if (speaker && rng() < chance) {
      return {
        kind: 'dialogue',
        character: speaker,
        parenthetical: rng() < 0.3 ? pick(rng, beats.parentheticals) : undefined,
        text: styled(fill(pick(rng, beats.lines), room, rng, speaker, direction), room, rng),
      };
    }
    const who = speaker ?? beats.someone;
    return {
      kind: 'action',
      text: styled(fill(pick(rng, beats.actions), room, rng, who, direction), room, rng),
    };
  }

  /**
   * With a style, a few drafts (each from its own seeded source) and the one that brings the recent story
   * closest to the style's profile; without one, the single draft `first` makes.
   */
  function closestDraft<T extends { text: string }>(
    room: RoomState,
    task: string,
    make: (rng: () => number) => T,
    asBeat: (draft: T) => { kind: string; text: string },
  ): T {
    const first = make(rngFor(room, task));
    const profile = styleProfile(room.style);
    if (!profile) return first;
    const others = Array.from({ length: STYLE_CANDIDATES - 1 }, (_, i) =>
      make(rngFor(room, `${task}:${i + 1}`)),
    );
    return closestToStyle(profile, recentBeats(room, STYLE_WINDOW), [first, ...others], asBeat);
  }

  return {
    async writeBeat(request: NarrationRequest, opts) {
      const { room } = request;
      const chance = dialogueChanceFor(room);
      const draft = closestDraft(
        room,
        'beat',
        (rng) => draftBeat(room, rng, request.direction, chance),
        (beat) => beat,
      );
      await emit(draft.text, opts);
      return narration(draft, room, draft.text);
    },

    async writeLine(request, opts) {
      const { room } = request;
      const { beats } = templatesFor(room.story?.language);
      const draft = closestDraft(
        room,
        `line:${request.character}`,
        (rng): LineDraft => ({
          parenthetical: rng() < 0.3 ? pick(rng, beats.parentheticals) : undefined,
          text: styled(
            fill(pick(rng, beats.lines), room, rng, request.character, request.direction),
            room,
            rng,
          ),
        }),
        (line) => ({ kind: 'dialogue', text: line.text }),
      );
      await emit(draft.text, opts);
      return narration(draft, room, draft.text);
    },

    async proposeOptions(request, opts) {
      const { room } = request;
      const templates = templatesFor(room.story?.language).options;
      const rng = rngFor(room, 'options');
      const count = Math.min(4, Math.max(2, request.count));
      const pool = [...templates.pool];
      const names = room.characters.map((c) => c.name);
      if (names.length > 0) {
        for (const template of templates.aboutCharacter)
          pool.push(fillTemplate(template, { name: pick(rng, names) }));
      }
      const options: string[] = [];
      while (options.length < count && pool.length > 0) {
        options.push(...pool.splice(Math.floor(rng() * pool.length), 1));
      }
      // The pool holds more options than a vote takes; fewer means the templates are broken.
      if (options.length < 2) throw new Error('the offline templates have fewer than two vote options');
      await emit(options.join('\n'), opts);
      return narration(options, room, options.join(' '));
    },

    async proposeScene(request, opts) {
      const { room } = request;
      const { scenes, prose } = templatesFor(room.story?.language);
      const rng = rngFor(room, 'scene');
      const [interior, exterior] = scenes.kinds;
      const kind = rng() < 0.6 ? interior : exterior;
      const direction = request.direction?.trim().replace(/[.!?…。！？]*$/, '');
      const draft: SceneDraft = {
        heading: fillTemplate(scenes.heading, {
          kind,
          place: pick(rng, scenes.places),
          time: pick(rng, scenes.times),
        }),
        description: direction
          ? fillTemplate(scenes.described, { direction: prose.cased ? direction.toLowerCase() : direction })
          : scenes.undirected,
      };
      await emit(draft.heading, opts);
      return narration(draft, room, draft.heading);
    },

    async designScene(request, opts) {
      const { room } = request;
      const { scenes } = templatesFor(room.story?.language);
      const rng = rngFor(room, `scene-card:${request.heading ?? ''}:${request.notes ?? ''}`);
      const [interior, exterior] = scenes.kinds;
      const heading =
        request.heading ??
        fillTemplate(scenes.heading, {
          kind: rng() < 0.6 ? interior : exterior,
          place: pick(rng, scenes.places),
          time: pick(rng, scenes.times),
        });
      const [place = '', time] = heading.replace(HEADING_KIND, '').split(' - ');
      const card = designOfflineScene(
        room,
        { heading, place: place.trim(), time: time?.trim() || pick(rng, scenes.times), notes: request.notes },
        (items) => pick(rng, items),
      );
      const text = [card.location, card.atmosphere].join('\n');
      await emit(text, opts);
      return narration(card, room, text);
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

    async recap(request, opts) {
      const recap = offlineRecap(request);
      await emit(recap.text, opts);
      return narration(recap, request.room, recap.text);
    },

    async review(request, opts) {
      const review = offlineReview(request);
      const text = [review.logline, review.synopsis, review.pullQuote, review.forYou ?? ''].join(' ');
      if (opts?.signal?.aborted) throw opts.signal.reason ?? new Error('aborted');
      return narration(review, request.room, text);
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
