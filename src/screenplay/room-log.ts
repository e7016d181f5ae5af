// Reads a room's history the way every export needs it: the script in reading order (the story's path, or
// with scope "all" also the takes and branches not kept), each vote with its ballots and result, and the
// room's writers. Built from the event log, so it shows what happened, not only where the story ended.
import type { StoryEvent } from '../story/events.ts';
import type { ExportScope, RoomHistory } from '../story/room-history.ts';
import { canonicalPath } from '../story/tree.ts';
import type { Author, Beat } from '../story/types.ts';
import { LABELS } from './export-labels.ts';
import type { NotKeptReason, VoteRecord } from './log-types.ts';

export type { Ballot, NotKeptReason, VoteRecord } from './log-types.ts';

export type ScriptPart =
  | { type: 'beat'; beat: Beat; kept: boolean }
  | { type: 'vote'; vote: VoteRecord }
  | { type: 'not-kept-start'; reason: NotKeptReason; beatId: string }
  | { type: 'not-kept-end'; beatId: string };

export interface RoomLog {
  votes: VoteRecord[];
  /** Beat id -> the beat it replaced (a rewrite adds a sibling of the head). */
  rewriteOf: Map<string, string>;
  /** Ids of beats a rewrite replaced. */
  rewritten: Set<string>;
  /** Ids of beats on the story's path. */
  onPath: Set<string>;
  /** Beats by parent (root: ""), in the order they were written. */
  children: Map<string, Beat[]>;
  /** Event seq that added each beat. */
  addedBy: Map<string, StoryEvent>;
}

const ROOT = '';

export function readRoomLog(history: RoomHistory): RoomLog {
  const votes = new Map<string, VoteRecord>();
  const rewriteOf = new Map<string, string>();
  const children = new Map<string, Beat[]>();
  const addedBy = new Map<string, StoryEvent>();
  let head: string | null = null;
  for (const event of history.events) {
    switch (event.type) {
      case 'beat.added': {
        const { beat } = event;
        if (head !== null && beat.parentId !== head) rewriteOf.set(beat.id, head);
        const key = beat.parentId ?? ROOT;
        const siblings = children.get(key);
        if (siblings) siblings.push(beat);
        else children.set(key, [beat]);
        addedBy.set(beat.id, event);
        head = beat.id;
        break;
      }
      case 'head.moved':
        head = event.headId;
        break;
      case 'vote.opened':
        votes.set(event.voteId, {
          id: event.voteId,
          options: event.options,
          openedBy: event.actor,
          openedAt: event.at,
          deadline: event.deadline,
          quorum: event.quorum,
          extensions: [],
          ballots: [],
          status: 'open',
          anchorId: head,
        });
        break;
      case 'vote.cast': {
        const vote = votes.get(event.voteId);
        if (!vote || event.actor.kind !== 'user') break;
        const voter = { id: event.actor.id, name: event.actor.name };
        const existing = vote.ballots.find((ballot) => ballot.voter.id === voter.id);
        if (existing)
          Object.assign(existing, {
            voter,
            option: event.option,
            at: event.at,
            changes: existing.changes + 1,
          });
        else vote.ballots.push({ voter, option: event.option, at: event.at, changes: 0 });
        break;
      }
      case 'vote.extended': {
        const vote = votes.get(event.voteId);
        if (!vote) break;
        vote.deadline = event.deadline;
        vote.extensions.push({ by: event.actor, at: event.at, deadline: event.deadline });
        break;
      }
      case 'vote.closed':
      case 'vote.cancelled': {
        const vote = votes.get(event.voteId);
        if (!vote) break;
        vote.status = event.type === 'vote.closed' ? 'closed' : 'cancelled';
        if (event.type === 'vote.closed') vote.result = event.result;
        vote.endedBy = event.actor;
        vote.endedAt = event.at;
        break;
      }
      default:
        break;
    }
  }
  const onPath = new Set(canonicalPath(history.state).map((beat) => beat.id));
  return {
    votes: [...votes.values()],
    rewriteOf,
    rewritten: new Set(rewriteOf.values()),
    onPath,
    children,
    addedBy,
  };
}

/**
 * The script in reading order. "story": the beats on the path to the head. "all": every beat, depth first
 * in the order written, with each take or branch not kept between a start and an end marker. Votes follow
 * the beat that was the head when they opened (in "story", only those on the path).
 */
export function scriptParts(
  history: RoomHistory,
  scope: ExportScope,
  log = readRoomLog(history),
): ScriptPart[] {
  const votesAt = new Map<string, VoteRecord[]>();
  for (const vote of log.votes) {
    const key = vote.anchorId ?? ROOT;
    const list = votesAt.get(key);
    if (list) list.push(vote);
    else votesAt.set(key, [vote]);
  }
  const parts: ScriptPart[] = [];
  for (const vote of votesAt.get(ROOT) ?? []) parts.push({ type: 'vote', vote });
  // Iterative depth-first walk: a 5,000-beat story is 5,000 levels deep.
  type Step = { beat: Beat } | { end: string };
  const stack: Step[] = [];
  const pushChildren = (key: string) => {
    const list = log.children.get(key) ?? [];
    for (let i = list.length - 1; i >= 0; i--) {
      const beat = list[i] as Beat;
      if (scope === 'story' && !log.onPath.has(beat.id)) continue;
      stack.push({ beat });
    }
  };
  pushChildren(ROOT);
  while (stack.length > 0) {
    const step = stack.pop() as Step;
    if ('end' in step) {
      parts.push({ type: 'not-kept-end', beatId: step.end });
      continue;
    }
    const { beat } = step;
    const kept = log.onPath.has(beat.id);
    const parentKept = beat.parentId === null || log.onPath.has(beat.parentId);
    if (!kept && parentKept) {
      parts.push({ type: 'not-kept-start', reason: notKeptReason(beat, log), beatId: beat.id });
      stack.push({ end: beat.id });
    }
    parts.push({ type: 'beat', beat, kept });
    for (const vote of votesAt.get(beat.id) ?? []) parts.push({ type: 'vote', vote });
    pushChildren(beat.id);
  }
  return parts;
}

function notKeptReason(beat: Beat, log: RoomLog): NotKeptReason {
  return log.rewritten.has(beat.id) ? 'rewritten' : 'undone';
}

/** The people who wrote the story: who started it, then everyone who added a beat, in order of first beat. */
export function writers(history: RoomHistory): string[] {
  const names = new Map<string, string>();
  const starter = history.state.story?.startedBy;
  if (starter?.kind === 'user') names.set(starter.id, starter.name);
  for (const event of history.events) {
    if (event.type === 'beat.added' && event.actor.kind === 'user' && !names.has(event.actor.id)) {
      names.set(event.actor.id, event.actor.name);
    }
  }
  return [...names.values()];
}

/** Who an author is, in a line: a person's name, the narrator with its model, or storyroom itself. */
export function authorName(author: Author): string {
  if (author.kind === 'user') return author.name;
  if (author.kind === 'narrator') return LABELS.narrator(author.model);
  return LABELS.system;
}
