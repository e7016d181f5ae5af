// Distributed with the OAuth install flow, one process serves every workspace that installed storyroom, each
// with the bot token its installation left in the rooms' store; a workspace that never installed gets nothing.
import type { Installation } from '@slack/bolt';
import Keyv from 'keyv';
import { afterEach, describe, expect, it } from 'vitest';
import { createInstallationStore } from '../../../src/adapters/slack/installation-store.ts';
import { createKeyvEventStore } from '../../../src/store/keyv-event-store.ts';
import { type SlackHarness, startSlackHarness } from '../../helpers/slack-harness.ts';

const install = (teamId: string, token: string): Installation<'v2', false> => ({
  team: { id: teamId, name: teamId },
  enterprise: undefined,
  user: { token: undefined, scopes: undefined, id: 'U0ADMIN' },
  bot: { token, scopes: ['commands', 'chat:write'], id: 'B0BOT', userId: 'U0BOT' },
  appId: 'A0STORY',
  tokenType: 'bot',
  isEnterpriseInstall: false,
  authVersion: 'v2',
});

let h: SlackHarness | undefined;
afterEach(async () => {
  await h?.close();
});

describe('Slack workspaces installed through OAuth', () => {
  it("answers each workspace with its own installation's token", async () => {
    const store = createKeyvEventStore(new Keyv());
    const installations = createInstallationStore(store);
    await installations.storeInstallation(install('T0ONE', 'xoxb-one'));
    await installations.storeInstallation(install('T0TWO', 'xoxb-two'));
    h = await startSlackHarness({
      store,
      config: {
        botToken: undefined,
        clientId: '123.456',
        clientSecret: 'client-secret',
        stateSecret: 'state-secret',
      },
    });
    for (const teamId of ['T0ONE', 'T0TWO', 'T0NEVER']) {
      await h.slash({ command: '/scene', text: 'start title:"Across"', teamId });
    }
    await h.idle();
    const posted = h.api.callsOf('chat.postMessage');
    expect(posted.map((call) => call.token).sort()).toEqual(['xoxb-one', 'xoxb-two']);
    const never = await h.engine.room({ platform: 'slack', workspaceId: 'T0NEVER', channelId: 'C0STORY' });
    expect(never.story).toBeUndefined();
  });
});
