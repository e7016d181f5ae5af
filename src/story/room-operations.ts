// Starting a story, the cast of characters, room settings and locking.
import { msg } from '../i18n/message.ts';
import type { EngineCore } from './engine-core.ts';
import type { CharacterInput, SettingsPatch, StartInput } from './engine-types.ts';
import { UserError } from './errors.ts';
import type { EventBody } from './events.ts';
import { COOLDOWN_MAX_MS, GENRE_MAX, MAX_CHARACTERS, TITLE_MAX, TONE_MAX, VOICE_MAX } from './limits.ts';
import type { LoadedRoom } from './room-registry.ts';
import {
  authorOf,
  cleanHeading,
  cleanLabel,
  cleanName,
  cleanText,
  requireCharacter,
  requireDistinctName,
  requireModerator,
  requireStory,
  requireUnlocked,
  requireWriter,
} from './rules.ts';
import type { Actor, Character, RoomRef, RoomSettings } from './types.ts';
import { checkDuration } from './votes.ts';

/** A BCP 47 tag in its canonical form ("zh-cn" -> "zh-CN"), or a clear error. */
export function canonicalLanguage(tag: string): string {
  try {
    const [canonical] = Intl.getCanonicalLocales(tag.trim());
    if (canonical) return canonical;
  } catch {
    // fall through to the error below
  }
  throw new UserError('story.language', msg('story.story.language', { tag }));
}

/** A moderator may pick the room's model only from the operator's allow-list; "default" goes back to it. */
function allowedModel(model: string, allowed: readonly string[]): string | null {
  const wanted = model.trim();
  if (wanted.toLowerCase() === 'default') return null;
  if (allowed.includes(wanted)) return wanted;
  throw new UserError(
    'settings.model',
    allowed.length > 1
      ? // Model ids are the operator's identifiers, listed as written, not a sentence.
        msg('story.settings.model-not-allowed', { model: wanted, allowed: allowed.join(', ') })
      : msg('story.settings.no-models'),
  );
}

export function createRoomOperations(core: EngineCore) {
  const { registry, clock } = core;

  async function change(actor: Actor, bodies: EventBody[], room: LoadedRoom) {
    const events = await registry.commit(room, authorOf(actor), bodies);
    core.notify(room.state, events);
    return room.state;
  }

  return {
    /** Opens the channel's story. One story per room. */
    async startStory(ref: RoomRef, actor: Actor, input: StartInput) {
      const { title, premise, genre, tone, heading } = input;
      await core.narrator.checkText?.([title, premise, genre, tone, heading]);
      return registry.run(ref, async (room) => {
        if (room.state.story) {
          throw new UserError('story.exists', msg('story.story.exists', { title: room.state.story.title }));
        }
        requireWriter(room.state, actor);
        const at = new Date(clock.now()).toISOString();
        const story = {
          title: cleanLabel(input.title, 'title', TITLE_MAX),
          premise: input.premise === undefined ? '' : cleanText(input.premise, 'premise'),
          genre: input.genre === undefined ? 'drama' : cleanLabel(input.genre, 'genre', GENRE_MAX),
          tone: input.tone === undefined ? 'earnest' : cleanLabel(input.tone, 'tone', TONE_MAX),
          language: input.language === undefined ? 'en' : canonicalLanguage(input.language),
          rating: input.rating ?? 'teen',
          startedBy: authorOf(actor),
          startedAt: at,
        };
        const bodies: EventBody[] = [{ type: 'story.started', story, settings: room.state.settings }];
        if (input.heading !== undefined) {
          const heading = cleanHeading(input.heading);
          const sceneId = `s${room.state.seq + 2}`;
          bodies.push({
            type: 'beat.added',
            scene: { id: sceneId, heading, description: '' },
            beat: {
              id: `b${room.state.seq + 2}`,
              parentId: null,
              kind: 'scene',
              text: heading,
              sceneId,
              author: authorOf(actor),
              at,
            },
          });
        }
        return change(actor, bodies, room);
      });
    },

    async addCharacter(ref: RoomRef, actor: Actor, input: CharacterInput) {
      await core.narrator.checkText?.([input.name, input.description, input.voice]);
      return registry.run(ref, async (room) => {
        requireStory(room.state);
        requireUnlocked(room.state);
        requireWriter(room.state, actor);
        const name = cleanName(input.name);
        requireDistinctName(room.state, name);
        if (room.state.characters.length >= MAX_CHARACTERS) {
          throw new UserError('character.limit', msg('story.character.limit', { max: MAX_CHARACTERS }));
        }
        const character: Character = {
          name,
          description: input.description === undefined ? '' : cleanText(input.description, 'description'),
          voice: input.voice === undefined ? '' : cleanText(input.voice, 'voice', VOICE_MAX),
          createdBy: authorOf(actor),
          createdAt: new Date(clock.now()).toISOString(),
        };
        await change(actor, [{ type: 'character.added', character }], room);
        return character;
      });
    },

    async editCharacter(
      ref: RoomRef,
      actor: Actor,
      input: CharacterInput & { newName?: string | undefined },
    ) {
      await core.narrator.checkText?.([input.newName, input.description, input.voice]);
      return registry.run(ref, async (room) => {
        requireStory(room.state);
        requireUnlocked(room.state);
        requireWriter(room.state, actor);
        const character = requireCharacter(room.state, input.name);
        const patch: { name?: string; description?: string; voice?: string } = {};
        if (input.newName !== undefined) {
          patch.name = cleanName(input.newName);
          requireDistinctName(room.state, patch.name, character);
        }
        if (input.description !== undefined) patch.description = cleanText(input.description, 'description');
        if (input.voice !== undefined) patch.voice = cleanText(input.voice, 'voice', VOICE_MAX);
        if (Object.keys(patch).length === 0) {
          throw new UserError('character.nothing', msg('story.character.nothing-to-change'));
        }
        await change(actor, [{ type: 'character.edited', name: character.name, patch }], room);
        return character;
      });
    },

    removeCharacter(ref: RoomRef, actor: Actor, input: { name: string }) {
      return registry.run(ref, async (room) => {
        requireStory(room.state);
        requireUnlocked(room.state);
        const character = requireCharacter(room.state, input.name);
        const isCreator = character.createdBy.kind === 'user' && character.createdBy.id === actor.id;
        if (!isCreator) requireModerator(actor, 'remove-others-characters');
        await change(actor, [{ type: 'character.removed', name: character.name }], room);
        return character;
      });
    },

    /** The room's settings, for moderators (/room is a moderator's panel). */
    settings(ref: RoomRef, actor: Actor): Promise<RoomSettings> {
      return registry.run(ref, async (room) => {
        requireStory(room.state);
        requireModerator(actor, 'see-settings');
        return room.state.settings;
      });
    },

    updateSettings(ref: RoomRef, actor: Actor, patch: SettingsPatch) {
      return registry.run(ref, async (room) => {
        requireStory(room.state);
        requireModerator(actor, 'change-settings');
        const clean: Omit<Partial<RoomSettings>, 'model'> & { model?: string | null } = {};
        if (patch.voteDurationMs !== undefined) clean.voteDurationMs = checkDuration(patch.voteDurationMs);
        if (patch.cooldownMs !== undefined) {
          if (patch.cooldownMs < 0 || patch.cooldownMs > COOLDOWN_MAX_MS) {
            throw new UserError('settings.cooldown', msg('story.settings.cooldown'));
          }
          clean.cooldownMs = Math.round(patch.cooldownMs);
        }
        if (patch.whoMayContinue !== undefined) clean.whoMayContinue = patch.whoMayContinue;
        if (patch.autoVote !== undefined) clean.autoVote = patch.autoVote;
        if (patch.characterVoices !== undefined) clean.characterVoices = patch.characterVoices;
        if (patch.model !== undefined) clean.model = allowedModel(patch.model, core.narrator.models ?? []);
        if (Object.keys(clean).length === 0) return room.state.settings;
        await change(actor, [{ type: 'settings.changed', patch: clean }], room);
        return room.state.settings;
      });
    },

    lock(ref: RoomRef, actor: Actor) {
      return registry.run(ref, async (room) => {
        requireStory(room.state);
        requireModerator(actor, 'lock-room');
        if (room.state.locked) throw new UserError('room.locked', msg('story.room.already-locked'));
        room.generation?.controller.abort(
          new UserError('generation.cancelled', msg('story.generation.cancelled')),
        );
        return change(actor, [{ type: 'room.locked' }], room);
      });
    },

    unlock(ref: RoomRef, actor: Actor) {
      return registry.run(ref, async (room) => {
        requireStory(room.state);
        requireModerator(actor, 'unlock-room');
        if (!room.state.locked) throw new UserError('room.unlocked', msg('story.room.not-locked'));
        return change(actor, [{ type: 'room.unlocked' }], room);
      });
    },
  };
}
