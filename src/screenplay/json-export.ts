// The JSON export: the room's complete event log with its schema version, so nothing is lost, and the import
// that checks such a file and gives back events a new room can be recreated from.
import { z } from 'zod';
import { SCHEMA_VERSION, type StoryEvent } from '../story/events.ts';
import { normalizeEmoji } from '../story/reaction-emoji.ts';
import { type RoomHistory, replay } from '../story/room-history.ts';
import { CorruptEventError, upgradeEvent } from '../story/upgrade-event.ts';

export const ROOM_EXPORT_FORMAT = 'storyroom.room';
/** Version of the file's envelope (the events carry their own schema version). */
export const ROOM_EXPORT_VERSION = 1;

export interface JsonOptions {
  /** When the file was made (ISO); default: the time of the room's last event. */
  exportedAt?: string | undefined;
}

const fileSchema = z.object({
  format: z.literal(ROOM_EXPORT_FORMAT),
  version: z.number().int().positive(),
  schemaVersion: z.number().int().positive(),
  exportedAt: z.string(),
  room: z.object({ id: z.string(), platform: z.string(), workspaceId: z.string(), channelId: z.string() }),
  title: z.string(),
  events: z.array(z.unknown()).min(1),
});

export type RoomExportFile = z.infer<typeof fileSchema>;

/** The room as a versioned JSON document, events exactly as stored (oldest first). */
export function toJson(history: RoomHistory, options: JsonOptions = {}): string {
  const file: RoomExportFile = {
    format: ROOM_EXPORT_FORMAT,
    version: ROOM_EXPORT_VERSION,
    schemaVersion: history.schemaVersion,
    exportedAt: options.exportedAt ?? history.events.at(-1)?.at ?? '',
    room: { id: history.roomId, ...history.ref },
    title: history.state.story?.title ?? '',
    events: history.events,
  };
  return `${JSON.stringify(file, null, 1)}\n`;
}

/** Why a file was refused: a code for the message catalog and the particulars in plain English. */
export interface ImportRefusal {
  code: 'not-json' | 'not-an-export' | 'too-new' | 'bad-event' | 'not-a-story';
  detail: string;
}

export type ImportResult =
  | { ok: true; fromRoomId: string; title: string; events: StoryEvent[] }
  | { ok: false; refusal: ImportRefusal };

const refuse = (code: ImportRefusal['code'], detail: string): ImportResult => ({
  ok: false,
  refusal: { code, detail },
});

/**
 * Checks a JSON export and gives back its events, upgraded to this release's schema and numbered from 1,
 * ready for StoryEngine.importRoom in an empty room. Refuses anything it could not recreate faithfully.
 */
export function parseRoomExport(text: string): ImportResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return refuse(
      'not-json',
      `The file is not JSON (${error instanceof Error ? error.message : 'unreadable'}).`,
    );
  }
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return refuse(
      'not-an-export',
      `The file is not a storyroom export (${issue?.path.join('.') || 'file'}: ${issue?.message}).`,
    );
  }
  const file = parsed.data;
  if (file.version > ROOM_EXPORT_VERSION || file.schemaVersion > SCHEMA_VERSION) {
    return refuse(
      'too-new',
      `The file was made by a newer storyroom (file ${file.version}, schema ${file.schemaVersion}); upgrade first.`,
    );
  }
  const events: StoryEvent[] = [];
  for (const [index, candidate] of file.events.entries()) {
    try {
      const event = upgradeEvent(candidate);
      if (event.seq !== index + 1)
        return refuse('bad-event', `Event ${index + 1} is numbered ${event.seq}; events must run 1, 2, 3...`);
      events.push(event);
    } catch (error) {
      const detail = error instanceof CorruptEventError ? error.message : 'unreadable';
      return refuse('bad-event', `Event ${index + 1} cannot be read: ${detail}`);
    }
  }
  const problem = inconsistency(events);
  if (problem) return refuse('not-a-story', problem);
  return { ok: true, fromRoomId: file.room.id, title: file.title, events };
}

/** What in the events would make a broken room: no story first, a beat hanging off nothing, a stray vote. */
function inconsistency(events: readonly StoryEvent[]): string | undefined {
  if (events[0]?.type !== 'story.started') return 'The first event must start the story.';
  const beats = new Set<string>();
  const votes = new Set<string>();
  for (const event of events) {
    if (event.type === 'story.started' && event !== events[0])
      return `Event ${event.seq} starts a second story.`;
    if (event.type === 'beat.added') {
      const { id, parentId } = event.beat;
      if (beats.has(id)) return `Event ${event.seq} adds beat ${id} a second time.`;
      if (parentId !== null && !beats.has(parentId))
        return `Event ${event.seq} adds a beat after ${parentId}, which does not exist.`;
      beats.add(id);
    }
    if (event.type === 'head.moved' && event.headId !== null && !beats.has(event.headId)) {
      return `Event ${event.seq} moves the story to beat ${event.headId}, which does not exist.`;
    }
    if ((event.type === 'reaction.added' || event.type === 'reaction.removed') && !beats.has(event.beatId)) {
      return `Event ${event.seq} reacts to beat ${event.beatId}, which does not exist.`;
    }
    if (
      (event.type === 'reaction.added' || event.type === 'reaction.removed') &&
      normalizeEmoji(event.emoji) !== event.emoji
    ) {
      return `Event ${event.seq} reacts with something that is not an emoji.`;
    }
    if (event.type === 'vote.opened') votes.add(event.voteId);
    if (
      (event.type === 'vote.cast' ||
        event.type === 'vote.closed' ||
        event.type === 'vote.extended' ||
        event.type === 'vote.cancelled') &&
      !votes.has(event.voteId)
    ) {
      return `Event ${event.seq} refers to vote ${event.voteId}, which was never opened.`;
    }
  }
  try {
    replay('import-check', { platform: 'console', workspaceId: 'import', channelId: 'check' }, events);
  } catch {
    return 'The events do not fold into a room.';
  }
  return undefined;
}
