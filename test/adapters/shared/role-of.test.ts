import { describe, expect, it } from 'vitest';
import { roleOf } from '../../../src/adapters/shared/role-of.ts';

describe('roleOf', () => {
  it('puts moderators first, then writers: everyone without a writers’ group, else its members', () => {
    expect(roleOf({ moderator: true, inWriterGroup: false })).toBe('moderator');
    expect(roleOf({ moderator: false, inWriterGroup: undefined })).toBe('writer');
    expect(roleOf({ moderator: false, inWriterGroup: true })).toBe('writer');
    expect(roleOf({ moderator: false, inWriterGroup: false })).toBe('audience');
  });
});
