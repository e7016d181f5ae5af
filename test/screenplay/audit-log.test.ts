// The audit log lists what moderators did, who and when, from the event log.
import { describe, expect, it } from 'vitest';
import { auditLog } from '../../src/screenplay/audit-log.ts';
import { describeAudit } from '../../src/screenplay/audit-text.ts';
import { makeRichHistory } from '../helpers/export-room.ts';

describe('audit log', () => {
  it('lists every moderator action in order, with who, what and when', async () => {
    const { history } = await makeRichHistory();
    const entries = auditLog(history);
    expect(entries.map((entry) => entry.action)).toEqual([
      'character-remove',
      'rewrite',
      'undo',
      'settings',
      'canon-remove',
      'vote-extend',
      'vote-close',
      'vote-cancel',
      'style-set',
      'lock',
      'unlock',
      'export',
    ]);
    for (const entry of entries) {
      expect(entry.by).toMatchObject({ kind: 'user', name: 'Mo' });
      expect(entry.at).toMatch(/^\d{4}-\d\d-\d\dT/);
    }
    expect(entries[0]?.subject).toBe('Extra');
    expect(entries[2]?.subject).toBe('An abandoned line.');
    expect(entries[3]?.details).toMatchObject({ voteDurationMs: 90000, cooldownMs: 0 });
    expect(entries[4]?.subject).toBe('The safe is empty.');
    expect(entries[6]?.details).toEqual({ winner: 2, reason: 'moderator' });
    expect(entries[8]?.subject).toBe('<img src=x onerror="window.__pwned = \'img\'">');
    expect(entries[11]?.details).toEqual({ format: 'pdf', scope: 'story' });
    expect(describeAudit(entries[1] as (typeof entries)[number])).toMatchObject({
      who: 'Mo',
      what: 'rewrote a beat',
    });
  });
});
