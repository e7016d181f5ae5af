// The audit log in words (English, like the rest of the export files' own labels), for the HTML and
// Markdown exports. /room audit will phrase the same entries through the message catalog.
import type { AuditEntry } from './audit-log.ts';
import { authorName } from './room-log.ts';

const WHAT: Record<AuditEntry['action'], string> = {
  undo: 'undid a beat',
  rewrite: 'rewrote a beat',
  cancel: 'cancelled a beat being written',
  lock: 'locked the room',
  unlock: 'unlocked the room',
  settings: 'changed settings',
  'vote-close': 'closed a vote',
  'vote-extend': 'extended a vote',
  'vote-cancel': 'cancelled a vote',
  'canon-remove': 'removed a canon fact',
  'character-remove': 'removed a character',
  export: 'exported the story',
  import: 'imported the room',
};

/** "Mo rewrote a beat", then the particulars, as plain text (escape it for the medium). */
export function describeAudit(entry: AuditEntry): {
  who: string;
  what: string;
  subject?: string;
  details: string;
} {
  const details = Object.entries(entry.details)
    .map(([key, value]) => `${key}: ${value === null ? '—' : String(value)}`)
    .join(', ');
  return {
    who: authorName(entry.by),
    what: WHAT[entry.action],
    ...(entry.subject === undefined ? {} : { subject: entry.subject }),
    details,
  };
}
