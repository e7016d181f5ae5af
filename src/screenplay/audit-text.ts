// The audit log in words, from the message catalog: `auditMessage` for /room audit (shown in the reader's
// language), `describeAudit` for the HTML and Markdown files (in the files' language, English by default).
import { sharedTranslator } from '../i18n/catalog.ts';
import { type Message, msg } from '../i18n/message.ts';
import { optionLetter } from '../story/votes.ts';
import type { AuditEntry } from './audit-log.ts';
import { authorName } from './room-log.ts';

/** ICU select keys take no hyphens: "vote-close" is selected as "vote_close". */
const selector = (action: AuditEntry['action']) => action.replaceAll('-', '_');

/** People's text quoted in a line of the log is cut to this many characters. */
const SUBJECT_MAX = 120;

/** Actions whose words live in their feature's catalog area rather than in exports.audit.what. */
const OWN_WORDS: Partial<Record<AuditEntry['action'], Message>> = {
  'style-set': msg('style.audit.set'),
  'style-clear': msg('style.audit.clear'),
};

const whatOf = (action: AuditEntry['action']): Message =>
  OWN_WORDS[action] ?? msg('exports.audit.what', { action: selector(action) });

/** What the moderator did, the subject (people's text, cut short) and the particulars, as one message. */
export function auditMessage(entry: AuditEntry): Message {
  const what = whatOf(entry.action);
  const details = auditDetails(entry);
  const subject = entry.subject === undefined || subjectIsId(entry) ? undefined : shorten(entry.subject);
  const shape = subject !== undefined ? (details ? 'both' : 'subject') : details ? 'details' : 'plain';
  return msg('exports.audit.entry', {
    shape,
    what,
    subject: subject ?? '',
    details: details ?? '',
  });
}

/** Entries whose subject is an id (a vote's, a room's), said in the particulars instead. */
const subjectIsId = (entry: AuditEntry) =>
  entry.action === 'vote-close' ||
  entry.action === 'vote-extend' ||
  entry.action === 'vote-cancel' ||
  entry.action === 'import';

/** The particulars of an entry in words, or undefined when there are none worth saying. */
function auditDetails(entry: AuditEntry): Message | string | undefined {
  const { details } = entry;
  const vote = entry.subject ?? '';
  switch (entry.action) {
    case 'cancel':
      return typeof details.requestedBy === 'string' && details.requestedBy !== authorName(entry.by)
        ? msg('exports.audit.cancel-details', { name: details.requestedBy })
        : undefined;
    case 'vote-close': {
      const winner = typeof details.winner === 'number' ? optionLetter(details.winner - 1) : 'none';
      if (details.reason === 'moderator' && winner !== 'none')
        return msg('exports.audit.vote-picked', { vote, winner });
      return msg('exports.audit.vote-closed', { vote, winner });
    }
    case 'vote-extend':
      return typeof details.deadline === 'string'
        ? msg('exports.audit.vote-extended', { vote, deadline: new Date(details.deadline) })
        : msg('exports.audit.vote', { vote });
    case 'vote-cancel':
      return msg('exports.audit.vote', { vote });
    case 'settings': {
      // Setting names and values as stored: the same words /room settings takes.
      const changes = Object.entries(details).map(([key, value]) => `${key}: ${String(value)}`);
      return changes.length > 0 ? changes.join(', ') : undefined;
    }
    case 'export':
      return msg('exports.audit.export-details', {
        format: String(details.format ?? ''),
        scope: String(details.scope ?? 'story'),
      });
    case 'import':
      return msg('exports.audit.import-details', {
        room: entry.subject ?? '',
        count: Number(details.events ?? 0),
      });
    default:
      return undefined;
  }
}

function shorten(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  const chars = Array.from(line);
  return chars.length > SUBJECT_MAX ? `${chars.slice(0, SUBJECT_MAX - 1).join('')}…` : line;
}

/** "Mo rewrote a beat", then the particulars, as plain text (escape it for the medium). */
export function describeAudit(
  entry: AuditEntry,
  locale = 'en',
): {
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
    what: sharedTranslator().translate(locale, whatOf(entry.action)),
    ...(entry.subject === undefined ? {} : { subject: entry.subject }),
    details,
  };
}
