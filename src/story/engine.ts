// The story engine: every rule about rooms, beats, votes and characters, behind one interface and one factory.
// Platform-neutral: adapters call it with a RoomRef and an Actor; it talks to the store and the narrator.
import { msg } from '../i18n/message.ts';
import { createBallotBatching } from './ballot-batching.ts';
import { createCanon } from './canon.ts';
import { createCharacterDesigns } from './character-designs.ts';
import type { CharacterProposal } from './character-proposals.ts';
import { createCritique } from './critique.ts';
import { createDraining } from './draining.ts';
import type { EngineCore, EngineDeps } from './engine-core.ts';
import type {
  BallotInput,
  BallotReceipt,
  BeatOutcome,
  CanonEntry,
  CanonFact,
  ChangeListener,
  CharacterInput,
  DirectionInput,
  OpenVoteInput,
  RoomUsage,
  SettingsPatch,
  StartInput,
  StartOptions,
  UndoOutcome,
} from './engine-types.ts';
import { UserError } from './errors.ts';
import type { StoryEvent } from './events.ts';
import { createNarratedBeats } from './narrated-beats.ts';
import type { Critique, Narration, NarrationOptions } from './narrator.ts';
import { createReactions, type ReactionInput, type ReactionOutcome } from './reactions.ts';
import type { Review } from './recap-review.ts';
import { createRecaps, type RecapOutcome } from './recaps.ts';
import { createReviews } from './reviews.ts';
import { createRollingSummary } from './rolling-summary.ts';
import { createRoomHistory, type ExportScope, type RoomHistory } from './room-history.ts';
import { roomIdOf } from './room-id.ts';
import { createRoomOperations } from './room-operations.ts';
import { createRoomRegistry } from './room-registry.ts';
import { createSceneDesigns } from './scene-designs.ts';
import { createScenePictures, type PictureOutcome } from './scene-pictures.ts';
import type { SceneProposal } from './scene-proposals.ts';
import { createStyle, type StyleInput, type StyleView } from './style.ts';
import { createTokenBudget, withTokenBudget } from './token-budget.ts';
import { createTokenUsage } from './token-usage.ts';
import type { Actor, Character, RoomRef, RoomSettings, RoomState, Vote } from './types.ts';
import { createVoteLifecycle } from './vote-lifecycle.ts';
import { createVoteTimers } from './vote-timers.ts';
import { createWrittenBeats } from './written-beats.ts';

export type { EngineDeps } from './engine-core.ts';
export type { ChangeListener, RoomChange } from './engine-types.ts';
export type { ReactionInput, ReactionOutcome } from './reactions.ts';
export type { RecapOutcome } from './recaps.ts';
export type { ExportScope, RoomHistory } from './room-history.ts';
export type { PictureOutcome } from './scene-pictures.ts';
export type { SceneProposal } from './scene-proposals.ts';

/** What adapters, commands and main.ts may ask of the engine. Every change is stored before it is applied. */
export interface StoryEngine {
  /** Current state of a room (read-only; a room that was never used is empty). */
  room(ref: RoomRef): Promise<RoomState>;
  /**
   * The room's language as this process last saw it, without reading the store: for showing a command's
   * reply right after the command ran (which brought the room up to date), even while shutting down.
   */
  roomLanguage(ref: RoomRef): string | undefined;
  /**
   * The room's whole event log and the state it folds into, for exports and the audit log; with `pictures`,
   * the kept bytes of its storyboard frames too (for the HTML transcript).
   */
  history(ref: RoomRef, options?: { pictures?: boolean | undefined }): Promise<RoomHistory>;
  /** A moderator's export, noted in the log for the audit (call after reading the history). */
  recordExport(ref: RoomRef, actor: Actor, input: { format: string; scope: ExportScope }): Promise<void>;
  /** Recreates a room from another room's events (a JSON import); refused when the room has a story. */
  importRoom(
    ref: RoomRef,
    actor: Actor,
    input: { fromRoomId: string; events: readonly StoryEvent[] },
  ): Promise<RoomState>;
  /** Calls the listener after each stored change to any room; returns how to stop. */
  subscribe(listener: ChangeListener): () => void;
  /**
   * Re-arms vote deadlines stored before a restart; overdue votes close with every recorded ballot.
   * Call once, after the adapters listen, so votes closing now are shown.
   */
  start(options?: StartOptions): Promise<void>;
  /** Clears vote timers, cancels beats being written and summaries in progress; resolves once no background
   * summary still uses the store. */
  stop(): Promise<void>;
  /**
   * Graceful shutdown: refuses new commands ("restarting, try again in a moment"), lets commands in flight
   * finish for up to graceMs, then cancels beats still being written (releasing their leases). Call stop() after.
   */
  drain(graceMs: number): Promise<void>;

  /** Opens the channel's story. One story per room. */
  startStory(ref: RoomRef, actor: Actor, input: StartInput): Promise<RoomState>;
  addCharacter(ref: RoomRef, actor: Actor, input: CharacterInput): Promise<Character>;
  editCharacter(
    ref: RoomRef,
    actor: Actor,
    input: CharacterInput & { newName?: string | undefined },
  ): Promise<Character>;
  removeCharacter(ref: RoomRef, actor: Actor, input: { name: string }): Promise<Character>;
  /** The room's settings, for moderators (/room is a moderator's panel). */
  settings(ref: RoomRef, actor: Actor): Promise<RoomSettings>;
  updateSettings(ref: RoomRef, actor: Actor, patch: SettingsPatch): Promise<RoomSettings>;
  lock(ref: RoomRef, actor: Actor): Promise<RoomState>;
  unlock(ref: RoomRef, actor: Actor): Promise<RoomState>;

  /** The narrator writes the next beat, steered by a direction and/or the last vote's winner. */
  continueStory(
    ref: RoomRef,
    actor: Actor,
    input: DirectionInput,
    stream?: NarrationOptions,
  ): Promise<BeatOutcome>;
  /** A moderator replaces the last beat: the new one becomes a sibling and the old one stays in the tree. */
  rewrite(ref: RoomRef, actor: Actor, input: DirectionInput, stream?: NarrationOptions): Promise<BeatOutcome>;
  /** The narrator writes one line for a character already in the room. */
  writeLine(
    ref: RoomRef,
    actor: Actor,
    input: DirectionInput & { character: string },
    stream?: NarrationOptions,
  ): Promise<BeatOutcome>;
  /** Opens a new scene; without a heading the narrator proposes one. */
  newScene(
    ref: RoomRef,
    actor: Actor,
    input: { heading?: string | undefined; description?: string | undefined },
    stream?: NarrationOptions,
  ): Promise<BeatOutcome>;
  /** A person writes a character's line themselves. */
  say(
    ref: RoomRef,
    actor: Actor,
    input: { character: string; text: string; parenthetical?: string | undefined },
  ): Promise<BeatOutcome>;
  /** A person writes an action (or, with kind "transition", a transition such as CUT TO:). */
  action(
    ref: RoomRef,
    actor: Actor,
    input: { text: string; kind?: 'action' | 'transition' | undefined },
  ): Promise<BeatOutcome>;
  /** A moderator moves the head back one beat; the retracted beat stays in the tree. */
  undo(ref: RoomRef, actor: Actor): Promise<UndoOutcome>;
  /** Stops the beat being written; the requester or a moderator may. Returns who asked for it. */
  cancelGeneration(ref: RoomRef, actor: Actor): Promise<Actor>;

  /** A moderator pins a fact the narrator must never contradict. */
  addCanon(ref: RoomRef, actor: Actor, input: { text: string }): Promise<CanonEntry>;
  /** Removes a pinned fact by its number in /canon list (1-based). */
  removeCanon(ref: RoomRef, actor: Actor, input: { number: number }): Promise<CanonFact>;
  canon(ref: RoomRef): Promise<CanonEntry[]>;
  /** A moderator sets the room's style (a sample passage and/or notes); what is not given is kept. */
  setStyle(ref: RoomRef, actor: Actor, input: StyleInput): Promise<StyleView>;
  /** A moderator clears the room's style; returns the style that was cleared. */
  clearStyle(ref: RoomRef, actor: Actor): Promise<StyleView>;
  /** The room's style with its sample's profile, or undefined when none is set. */
  style(ref: RoomRef): Promise<StyleView | undefined>;
  /** The narrator reviews the script so far; the result is for the person who asked. */
  critique(ref: RoomRef, actor: Actor, stream?: NarrationOptions): Promise<Narration<Critique>>;
  /** The narrator proposes a character; nothing enters the room until someone accepts it. */
  designCharacter(
    ref: RoomRef,
    actor: Actor,
    input: { hint?: string | undefined },
    stream?: NarrationOptions,
  ): Promise<CharacterProposal>;
  acceptCharacter(ref: RoomRef, actor: Actor, input: { id: string }): Promise<Character>;
  discardCharacter(ref: RoomRef, actor: Actor, input: { id: string }): Promise<CharacterProposal>;
  /** The narrator designs a scene card (/scene build); nothing enters the story until someone accepts it. */
  designScene(
    ref: RoomRef,
    actor: Actor,
    input: { heading?: string | undefined; notes?: string | undefined },
    stream?: NarrationOptions,
  ): Promise<SceneProposal>;
  /** Opens the scene a card describes; the card is the scene's description while it lasts. */
  acceptScene(ref: RoomRef, actor: Actor, input: { id: string }): Promise<BeatOutcome>;
  discardScene(ref: RoomRef, actor: Actor, input: { id: string }): Promise<SceneProposal>;
  /** A storyboard frame of the current scene, or of the beat with this number on the story's path. */
  pictureScene(
    ref: RoomRef,
    actor: Actor,
    input: { beat?: number | undefined },
    options?: { signal?: AbortSignal | undefined },
  ): Promise<PictureOutcome>;
  /**
   * The audience (issue 13). A person reacts to a beat, or takes the reaction back (`removed`): one reaction
   * per person per emoji per beat, repeats change nothing. Every platform's reactions come through here.
   */
  react(ref: RoomRef, actor: Actor, input: ReactionInput): Promise<ReactionOutcome>;
  /** A private "previously on…" of what the person missed; remembered for their next one. */
  recap(ref: RoomRef, actor: Actor, stream?: NarrationOptions): Promise<RecapOutcome>;
  /** A critic's review of the story so far; `personal` weighs it toward the asker's votes and reactions. */
  review(
    ref: RoomRef,
    actor: Actor,
    input: { personal?: boolean | undefined },
    stream?: NarrationOptions,
  ): Promise<Narration<Review>>;
  /** Tokens the room has used, for moderators. */
  usage(ref: RoomRef, actor: Actor): Promise<RoomUsage>;

  /** Opens a vote; without options, the narrator proposes 2 to 4 from the story so far. */
  openVote(ref: RoomRef, actor: Actor, input: OpenVoteInput, stream?: NarrationOptions): Promise<Vote>;
  /** Records one person's ballot; voting again changes it. */
  castVote(ref: RoomRef, actor: Actor, input: BallotInput): Promise<BallotReceipt>;
  /** A moderator ends the vote now; `pick` (1-based) chooses the winner regardless of the count. */
  closeVote(ref: RoomRef, actor: Actor, input: { pick?: number | undefined }): Promise<Vote>;
  extendVote(ref: RoomRef, actor: Actor, input: { byMs?: number | undefined }): Promise<Vote>;
  cancelVote(ref: RoomRef, actor: Actor): Promise<Vote>;
  /** The open vote, or else the most recent one. */
  voteStatus(ref: RoomRef): Promise<Vote>;
}

export function createStoryEngine(deps: EngineDeps): StoryEngine {
  const listeners = new Set<ChangeListener>();
  const limits = deps.tokenBudget;
  const budget =
    limits && (limits.perRoom !== undefined || limits.perWorkspace !== undefined)
      ? createTokenBudget({ ...deps, limits })
      : undefined;
  const core: EngineCore = {
    ...deps,
    narrator: budget
      ? withTokenBudget(deps.narrator, budget, (error, ref) =>
          deps.logger.warn(
            { err: error, roomId: roomIdOf(ref) },
            'counting tokens against the budget failed',
          ),
        )
      : deps.narrator,
    budget,
    registry: createRoomRegistry({
      store: deps.store,
      logger: deps.logger,
      now: () => deps.clock.now(),
      maxCachedRooms: deps.maxCachedRooms,
      onConflict: deps.onConflict,
    }),
    notify(room, events) {
      for (const listener of listeners) {
        try {
          listener({ room, events });
        } catch (error) {
          deps.logger.error({ err: error, roomId: room.id }, 'room change listener failed');
        }
      }
    },
  };
  const timers = createVoteTimers(core);
  const rooms = createRoomOperations(core);
  const summary = createRollingSummary(core);
  // Long stories stay inside the model's context: after a beat, fold older beats into the summary in the
  // background (never blocking the command that wrote the beat). stop() waits for them: one still writing
  // after the store was closed would reopen its connection and keep the process alive.
  const background = new Set<Promise<void>>();
  listeners.add(({ room, events }) => {
    if (!events.some((event) => event.type === 'beat.added')) return;
    const task = summary.summarizeIfDue(room.ref);
    background.add(task);
    void task.finally(() => background.delete(task));
  });

  const draining = createDraining(() => {
    for (const room of core.registry.cached()) {
      room.generation?.controller.abort(
        new UserError('generation.cancelled', msg('story.generation.cancelled')),
      );
    }
  });

  const commands = {
    ...rooms,
    ...createWrittenBeats(core),
    ...createNarratedBeats(core, timers),
    ...createCanon(core),
    ...createStyle(core),
    ...createCritique(core),
    ...createReactions(core),
    ...createRecaps(core),
    ...createReviews(core),
    ...createCharacterDesigns(core, rooms.addCharacter),
    ...createTokenUsage(core),
    ...createVoteLifecycle(core, timers),
    ...createBallotBatching(core, timers),
    ...createRoomHistory(core, timers),
    ...createSceneDesigns(core),
    ...createScenePictures(core),
  };
  // Every command is refused once the engine drains, and counted while it runs.
  const guarded = Object.fromEntries(
    Object.entries(commands).map(([name, fn]) => [
      name,
      draining.guard(fn as (...args: unknown[]) => Promise<unknown>),
    ]),
  ) as typeof commands;

  return {
    ...guarded,

    drain: (graceMs) => draining.drain(graceMs),

    room(ref) {
      return core.registry.run(ref, (room) => room.state);
    },

    roomLanguage(ref) {
      return core.registry.cachedRoom(roomIdOf(ref))?.state.story?.language;
    },

    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    start(options = {}) {
      if (options.rearmEveryMs) return timers.watch(options.owns, options.rearmEveryMs);
      return timers.rearm(options.owns);
    },

    /** Stops timers and background work; resolves once no background summary is still using the store. */
    async stop(): Promise<void> {
      summary.stop();
      timers.stop();
      for (const room of core.registry.cached()) {
        if (room.voteTimer !== undefined) deps.clock.clearTimeout(room.voteTimer);
        room.voteTimer = undefined;
        room.generation?.controller.abort();
      }
      await Promise.allSettled([...background]);
    },
  };
}
