import { describe, expect, it } from 'vitest';
import { repliesPrivately } from '../../../src/adapters/shared/replies-privately.ts';

describe('repliesPrivately', () => {
  it('follows the command: public by default, private when it says so', () => {
    expect(repliesPrivately({}, { text: 'x' })).toBe(false);
    expect(repliesPrivately({ replies: 'public' }, {})).toBe(false);
    expect(repliesPrivately({ replies: 'private' }, { option: 'A' })).toBe(true);
  });

  it('is private for a command that only shows something when run without options, public once one is given', () => {
    const settings = { replies: 'private-without-options' } as const;

    expect(repliesPrivately(settings, {})).toBe(true);
    expect(repliesPrivately(settings, { who_may_continue: undefined, language: '' })).toBe(true);
    expect(repliesPrivately(settings, { language: 'zh-CN' })).toBe(false);
  });
});
