// The audit log: what moderators did in a room (undo, rewrite, cancel, lock, unlock, settings, vote close,
// extend and cancel, canon and character removals, export, import, the room's style), who and when, read from
// the event log.
import type { StoryEvent } from '../story/events.ts';
import type { RoomHistory } from '../story/room-history.ts';
import type { Author } from '../story/types.ts';
import { readRoomLog } from './room-log.ts';

export type AuditAction =
  | 'undo'
  | 'rewrite'
  | 'cancel'
  | 'lock'
  | 'unlock'
  | 'settings'
  | 'vote-close'
  | 'vote-extend'
  | 'vote-cancel'
  | 'canon-remove'
  | 'character-remove'
  | 'export'
  | 'import'
  | 'style-set'
  | 'style-clear';

export interface AuditEntry {
  seq: number;
  at: string;
  by: Author;
  action: AuditAction;
  /** What it was about, raw (people's text): the beat undone or replaced, the fact, the name, the vote... */
  subject?: string | undefined;
  /** The particulars, e.g. the settings changed, an export's format and scope, a vote's new deadline. */
  details: Record<string, string | number | boolean | null>;
}

/** Every moderator action in the room, oldest first. */
export function auditLog(history: RoomHistory): AuditEntry[] {
  const log = readRoomLog(history);
  const beats = history.state.beats;
  const canon = new Map<string, string>();
  let head: string | null = null;
  const entries: AuditEntry[] = [];
  const add = (
    event: StoryEvent,
    action: AuditAction,
    subject?: string,
    details: AuditEntry['details'] = {},
  ) => entries.push({ seq: event.seq, at: event.at, by: event.actor, action, subject, details });
  for (const event of history.events) {
    switch (event.type) {
      case 'beat.added': {
        const replaced = log.rewriteOf.get(event.beat.id);
        if (replaced) add(event, 'rewrite', beats[replaced]?.text, { replaced: replaced, by: event.beat.id });
        head = event.beat.id;
        break;
      }
      case 'head.moved':
        if (head) add(event, 'undo', beats[head]?.text, { beat: head });
        head = event.headId;
        break;
      case 'generation.cancelled':
        add(event, 'cancel', undefined, {
          requestedBy: event.requestedBy.kind === 'user' ? event.requestedBy.name : event.requestedBy.kind,
        });
        break;
      case 'room.locked':
        add(event, 'lock');
        break;
      case 'room.unlocked':
        add(event, 'unlock');
        break;
      case 'settings.changed': {
        const details: AuditEntry['details'] = {};
        for (const [key, value] of Object.entries(event.patch)) if (value !== undefined) details[key] = value;
        add(event, 'settings', undefined, details);
        break;
      }
      case 'vote.closed':
        if (event.actor.kind === 'user') {
          add(event, 'vote-close', event.voteId, {
            winner: event.result.winner === null ? null : event.result.winner + 1,
            reason: event.result.reason,
          });
        }
        break;
      case 'vote.extended':
        add(event, 'vote-extend', event.voteId, { deadline: event.deadline });
        break;
      case 'vote.cancelled':
        add(event, 'vote-cancel', event.voteId);
        break;
      case 'canon.added':
        canon.set(event.id, event.text);
        break;
      case 'canon.removed':
        add(event, 'canon-remove', canon.get(event.id), { id: event.id });
        break;
      case 'character.removed':
        add(event, 'character-remove', event.name);
        break;
      case 'room.exported':
        add(event, 'export', undefined, { format: event.format, scope: event.scope });
        break;
      case 'room.imported':
        add(event, 'import', event.fromRoomId, { events: event.eventCount });
        break;
      case 'style.set':
        add(event, 'style-set', event.style.notes ?? event.style.sample);
        break;
      case 'style.cleared':
        add(event, 'style-clear');
        break;
      default:
        break;
    }
  }
  return entries;
}
