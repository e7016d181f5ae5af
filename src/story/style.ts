// The room's style (/style): a sample passage and short notes a moderator sets, kept in the story bible (an
// event), with the sample's profile. The narrator reads both in every prompt that writes story text.
import { msg } from '../i18n/message.ts';
import { commitAndNotify, type EngineCore, readStory } from './engine-core.ts';
import { UserError } from './errors.ts';
import { authorOf, cleanLabel, cleanText, requireModerator, requireStory, requireUnlocked } from './rules.ts';
import { profileOf, type StyleProfile } from './style-profile.ts';
import type { Actor, RoomRef, RoomStyle } from './types.ts';

/** About 2,000 characters: a page of prose, enough for a profile, small enough for every prompt. */
export const STYLE_SAMPLE_MAX = 2000;
/** "Short sentences, no adverbs, dry humour." */
export const STYLE_NOTES_MAX = 300;

/** What /style set changes: a part that is absent keeps its value. */
export interface StyleInput {
  sample?: string | undefined;
  notes?: string | undefined;
}

/** The room's style with its sample's profile (none without a sample). */
export interface StyleView extends RoomStyle {
  profile?: StyleProfile | undefined;
}

// A style object is replaced whenever the style changes, so its profile is computed once.
const profiles = new WeakMap<RoomStyle, StyleProfile>();

/** The profile of the style's sample, or undefined when it has none. */
export function styleProfile(style: RoomStyle | undefined): StyleProfile | undefined {
  if (!style?.sample) return undefined;
  let profile = profiles.get(style);
  if (!profile) {
    profile = profileOf(style.sample);
    profiles.set(style, profile);
  }
  return profile;
}

const viewOf = (style: RoomStyle): StyleView => ({ ...style, profile: styleProfile(style) });

export function createStyle(core: EngineCore) {
  const { registry } = core;

  return {
    /** A moderator sets the room's style: the sample, the notes, or both (what is not given is kept). */
    async setStyle(ref: RoomRef, actor: Actor, input: StyleInput): Promise<StyleView> {
      if (input.sample === undefined && input.notes === undefined) {
        throw new UserError('style.nothing', msg('style.set.nothing'));
      }
      // Only a moderator's text is worth a moderation call; the room's rules are checked again inside.
      requireModerator(actor, 'set-style');
      await core.narrator.checkText?.([input.sample, input.notes]);
      return registry.run(ref, async (room) => {
        requireStory(room.state);
        requireModerator(actor, 'set-style');
        requireUnlocked(room.state);
        const current = room.state.style;
        const sample =
          input.sample === undefined
            ? current?.sample
            : cleanText(input.sample, 'style-sample', STYLE_SAMPLE_MAX);
        const notes =
          input.notes === undefined
            ? current?.notes
            : cleanLabel(input.notes, 'style-notes', STYLE_NOTES_MAX);
        const style = {
          ...(sample !== undefined && { sample }),
          ...(notes !== undefined && { notes }),
        };
        await commitAndNotify(core, room, authorOf(actor), [{ type: 'style.set', style }]);
        return viewOf(room.state.style as RoomStyle);
      });
    },

    /** A moderator clears the room's style; the narrator writes in its own manner again. */
    clearStyle(ref: RoomRef, actor: Actor): Promise<StyleView> {
      return registry.run(ref, async (room) => {
        requireStory(room.state);
        requireModerator(actor, 'clear-style');
        requireUnlocked(room.state);
        const current = room.state.style;
        if (!current) throw new UserError('style.none', msg('style.none'));
        await commitAndNotify(core, room, authorOf(actor), [{ type: 'style.cleared' }]);
        return viewOf(current);
      });
    },

    /** The room's style with its profile, or undefined when none is set. */
    async style(ref: RoomRef): Promise<StyleView | undefined> {
      const state = await readStory(core, ref);
      return state.style ? viewOf(state.style) : undefined;
    },
  };
}
