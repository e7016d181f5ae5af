import { describe, expect, it } from 'vitest';
import { savedNotice as noticeOf } from '../../../src/adapters/shared/saved-notice.ts';
import { sharedTranslator } from '../../../src/i18n/catalog.ts';
import type { Vote } from '../../../src/story/types.ts';

const savedNotice = (...args: Parameters<typeof noticeOf>) =>
  sharedTranslator().translate('en', noticeOf(...args));

describe('savedNotice', () => {
  it('tells the person a public command is saved and must not be run again, naming the platform', () => {
    expect(savedNotice('line', { visibility: 'public', blocks: [] }, 'Slack')).toBe(
      'Your /line went through and is saved, but Slack refused part of the reply, so the channel may show ' +
        "only some of it. Please don't run it again: that would do it twice.",
    );
  });

  it('says less for a private reply, and points to /vote status when the reply showed a vote', () => {
    const vote = {
      type: 'vote',
      vote: {} as Vote,
      room: { platform: 'discord', workspaceId: '1', channelId: '2' },
    };

    expect(savedNotice('vote status', { visibility: 'private', blocks: [vote as never] }, 'Discord')).toBe(
      'Your /vote status went through, but Discord refused part of the reply, so you may see only some of it. ' +
        '/vote status shows the vote.',
    );
  });

  it('is written in Chinese for a Chinese reader, the platform named as it is', () => {
    expect(
      sharedTranslator().translate(
        'zh-CN',
        noticeOf('line', { visibility: 'public', blocks: [] }, 'Discord'),
      ),
    ).toBe(
      '你的 /line 已经执行并保存，但 Discord 拒收了部分回复，频道里可能只显示了一部分。请不要再执行一次，否则会重复操作。',
    );
  });
});
