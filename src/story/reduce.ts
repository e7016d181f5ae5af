// Folds events into room state. The only place state changes; it trusts events, which were checked
// by the engine's rules before they were stored.
import type { StoryEvent } from './events.ts';
import { applyReaction } from './reactions-state.ts';
import { type Author, DEFAULT_SETTINGS, type RoomRef, type RoomState } from './types.ts';

export function emptyRoom(id: string, ref: RoomRef): RoomState {
  return {
    id,
    ref,
    seq: 0,
    settings: { ...DEFAULT_SETTINGS },
    characters: [],
    scenes: {},
    beats: {},
    headId: null,
    votes: {},
    contributors: {},
    lastBeatAt: {},
    canon: [],
    usage: { promptTokens: 0, completionTokens: 0 },
  };
}

function touchContributor(room: RoomState, actor: Author, at: string, field?: 'beats' | 'ballots') {
  if (actor.kind !== 'user') return;
  const existing = room.contributors[actor.id];
  const contributor = existing ?? {
    id: actor.id,
    name: actor.name,
    beats: 0,
    ballots: 0,
    firstAt: at,
    lastAt: at,
  };
  contributor.name = actor.name;
  contributor.lastAt = at;
  if (field) contributor[field] += 1;
  room.contributors[actor.id] = contributor;
}

/** Applies one event to the room in place. */
export function applyEvent(room: RoomState, event: StoryEvent): void {
  room.seq = event.seq;
  switch (event.type) {
    case 'story.started':
      room.story = event.story;
      room.settings = { ...event.settings };
      touchContributor(room, event.actor, event.at);
      break;
    case 'settings.changed': {
      const { model, ...rest } = event.patch;
      // A key without a value leaves that setting as it is.
      const changed = Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== undefined));
      room.settings = { ...room.settings, ...changed };
      if (model === null) delete room.settings.model;
      else if (model !== undefined) room.settings.model = model;
      break;
    }
    case 'room.locked':
      room.locked = { by: event.actor, at: event.at };
      break;
    case 'room.unlocked':
      room.locked = undefined;
      break;
    case 'character.added':
      room.characters.push(event.character);
      touchContributor(room, event.actor, event.at);
      break;
    case 'character.edited': {
      const wanted = event.name.toLowerCase();
      const character = room.characters.find((c) => c.name.toLowerCase() === wanted);
      if (character) Object.assign(character, event.patch);
      break;
    }
    case 'character.removed': {
      const wanted = event.name.toLowerCase();
      room.characters = room.characters.filter((c) => c.name.toLowerCase() !== wanted);
      break;
    }
    case 'beat.added': {
      const { beat } = event;
      room.beats[beat.id] = beat;
      if (event.scene) room.scenes[event.scene.id] = event.scene;
      room.headId = beat.id;
      // The narrator's next beat or line takes the vote's winner as its direction; a scene heading doesn't.
      if (beat.author.kind === 'narrator' && beat.kind !== 'scene') room.pendingDirection = undefined;
      if (event.actor.kind === 'user') room.lastBeatAt[event.actor.id] = event.at;
      if (beat.usage) addUsage(room, beat.usage);
      touchContributor(room, event.actor, event.at, 'beats');
      break;
    }
    case 'head.moved': {
      const left = room.headId ? room.beats[room.headId] : undefined;
      room.headId = event.headId;
      // Undoing the beat a vote's winner steered gives the winner back to the next beat, unless a newer vote's has.
      const vote = left?.voteId ? room.votes[left.voteId] : undefined;
      const winner = vote?.result?.winner;
      if (
        event.reason === 'undo' &&
        vote &&
        !room.pendingDirection &&
        winner !== null &&
        winner !== undefined
      ) {
        const text = vote.options[winner];
        if (text !== undefined) room.pendingDirection = { text, voteId: vote.id };
      }
      break;
    }
    case 'vote.opened':
      room.votes[event.voteId] = {
        id: event.voteId,
        options: event.options,
        openedBy: event.actor,
        openedAt: event.at,
        deadline: event.deadline,
        quorum: event.quorum,
        ballots: {},
        status: 'open',
      };
      room.openVoteId = event.voteId;
      break;
    case 'vote.cast': {
      const vote = room.votes[event.voteId];
      if (!vote || event.actor.kind !== 'user') break;
      const first = vote.ballots[event.actor.id] === undefined;
      vote.ballots[event.actor.id] = event.option;
      touchContributor(room, event.actor, event.at, first ? 'ballots' : undefined);
      break;
    }
    case 'vote.extended': {
      const vote = room.votes[event.voteId];
      if (vote) vote.deadline = event.deadline;
      break;
    }
    case 'vote.closed': {
      const vote = room.votes[event.voteId];
      if (!vote) break;
      vote.status = 'closed';
      vote.result = event.result;
      vote.closedAt = event.at;
      if (room.openVoteId === vote.id) room.openVoteId = undefined;
      const winner = event.result.winner === null ? undefined : vote.options[event.result.winner];
      room.pendingDirection = winner === undefined ? undefined : { text: winner, voteId: vote.id };
      break;
    }
    case 'vote.cancelled': {
      const vote = room.votes[event.voteId];
      if (!vote) break;
      vote.status = 'cancelled';
      vote.closedAt = event.at;
      if (room.openVoteId === vote.id) room.openVoteId = undefined;
      break;
    }
    case 'canon.added':
      room.canon.push({ id: event.id, text: event.text, addedBy: event.actor, at: event.at });
      break;
    case 'canon.removed':
      room.canon = room.canon.filter((fact) => fact.id !== event.id);
      break;
    case 'summary.updated':
      room.summary = { text: event.text, throughBeatId: event.throughBeatId, beatCount: event.beatCount };
      break;
    case 'usage.recorded':
      addUsage(room, event.usage);
      break;
    case 'scene.pictured':
      room.pictures = [...(room.pictures ?? []), event.picture];
      break;
    case 'style.set':
      room.style = { ...event.style, setBy: event.actor, at: event.at };
      break;
    case 'style.cleared':
      room.style = undefined;
      break;
    case 'reaction.added':
    case 'reaction.removed':
      applyReaction(room, event);
      break;
    case 'recap.given':
      if (event.actor.kind === 'user') room.recaps = { ...room.recaps, [event.actor.id]: event.headId };
      break;
    case 'generation.cancelled':
    case 'room.exported':
    case 'room.imported':
      // Audit entries: the log keeps them, the state has nothing to change.
      break;
  }
}

function addUsage(room: RoomState, usage: { promptTokens: number; completionTokens: number }) {
  room.usage.promptTokens += usage.promptTokens;
  room.usage.completionTokens += usage.completionTokens;
}
