// Hostile text from people and the model, in every kind of message storyroom sends to Slack (beat, line,
// character sheet, vote option, canon, critique, error), never becomes a mention (<!channel>, <!here>,
// <!everyone>, <@U…>, <!subteam^…>) or a link: every "<" Slack receives is storyroom's own date token.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Narrator } from '../../../src/story/narrator.ts';
import { scriptedNarrator } from '../../helpers/discord-narrator.ts';
import { hostileLine } from '../../helpers/hostile-text.ts';
import { startSlackHarness } from '../../helpers/slack-harness.ts';
import type { SlackCall } from '../../helpers/slack-web-api.ts';

const SLACK_MARKUP = [
  '<!channel>',
  '<!here>',
  '<!everyone>',
  '<@U0ALICE>',
  '<@W0ALICE|alice>',
  '<!subteam^S0MODS>',
  '<!subteam^S0MODS|@mods>',
  '<#C0OTHER|general>',
  '<https://evil.example|click me>',
  '<mailto:a@evil.example|mail>',
  '&lt;!channel&gt;',
  '@channel',
  '@here',
  '*bold* _it_ ~s~ `code` > quote',
];

/** Markup and hostile text mixed, as one line the grammar takes (no control characters). */
const attack = fc
  .array(fc.oneof(fc.constantFrom(...SLACK_MARKUP), hostileLine({ maxLength: 40 })), {
    minLength: 1,
    maxLength: 6,
  })
  .map((parts) =>
    parts
      .join(' ')
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed.
      .replace(/[\u0000-\u001f\u007f-\u009f]|\p{Cs}/gu, ' ')
      .slice(0, 300)
      .trim(),
  )
  .filter((text) => text.length > 0);

const quoted = (text: string) => `"${text.replace(/[\\"]/g, '\\$&')}"`;

/** The only "<" storyroom itself sends: Slack's date token in a vote's deadline. */
const OWN_MARKUP = /<!date\^\d+\^[^|>]*\|[^>]*>/g;
const SENT_METHODS = ['chat.postMessage', 'chat.update', 'chat.postEphemeral', 'response_url'];
/** Mentions and unfurls off, as each kind takes them (Web API calls are form fields, a response_url JSON). */
const FLAGS: Record<string, Record<string, unknown>> = {
  'chat.postMessage': { link_names: 'false', unfurl_links: 'false', unfurl_media: 'false', parse: 'none' },
  'chat.update': { link_names: 'false', parse: 'none' },
  'chat.postEphemeral': { link_names: 'false', parse: 'none' },
  response_url: { link_names: false, unfurl_links: false, unfurl_media: false, parse: 'none' },
};

function sentText(call: SlackCall): string {
  return `${String(call.args.text ?? '')}\n${JSON.stringify(call.args.blocks ?? [])}`.replace(OWN_MARKUP, '');
}

/** Every kind of message with `text` in it, as Slack receives them. */
async function sendEverywhere(text: string): Promise<SlackCall[]> {
  const scripted = scriptedNarrator({ pieces: [text], pauseMs: 0 });
  const comment = { score: 5, comment: text };
  const narrator: Narrator = {
    ...scripted,
    critique: async () => ({
      output: {
        structure: comment,
        pacing: comment,
        characterConsistency: comment,
        dialogue: comment,
        suggestions: [text, text, text],
      },
      usage: { promptTokens: 1, completionTokens: 1 },
      model: 'scripted',
    }),
  };
  const h = await startSlackHarness({ narrator });
  try {
    h.api.users.set('U0MOD', { is_admin: true });
    const run = async (command: string, line: string) => {
      await h.slash({ command, text: line, userId: 'U0MOD' });
      await h.idle();
    };
    await run('/scene', 'start title:"The Heist"');
    await run('/character', `add Vera ${text}`);
    await run('/character', 'show Vera');
    await run('/say', `Vera ${text}`);
    await run('/vote', `open ${quoted(text)} "Plain option" duration:5m`);
    await run('/canon', `add ${text}`);
    await run('/canon', 'list');
    await run('/critique', '');
    await run('/vote', 'close');
    await run('/scene', `continue ${text}`);
    await run('/character', `show ${quoted(text)}`);
    await run('/vote', `cast ${quoted(text)}`);

    return h.api.calls.filter((call) => SENT_METHODS.includes(call.method));
  } finally {
    await h.close();
  }
}

describe('hostile text in Slack', () => {
  it('reaches every kind of message, escaped', async () => {
    const sent = await sendEverywhere('Look <!channel> here');
    const carrying = sent.filter((call) => sentText(call).includes('Look &lt;!channel&gt; here'));
    // The character sheet, the line, the vote (posted, then closed), canon added and listed, the critique, the
    // beat and its direction: each a message of its own.
    expect(carrying.length).toBeGreaterThanOrEqual(7);
    // Posted, edited and private messages alike go out with mentions and unfurls off.
    const kinds = new Set(sent.map((call) => call.method));
    for (const kind of ['chat.postMessage', 'chat.update', 'response_url']) expect(kinds).toContain(kind);
    for (const call of sent) expect(call.args).toMatchObject(FLAGS[call.method] ?? {});
  });

  it('never becomes a mention or a link, in any kind of message', async () => {
    await fc.assert(
      fc.asyncProperty(attack, async (text) => {
        const sent = await sendEverywhere(text);
        expect(sent.length).toBeGreaterThan(10);
        for (const call of sent) {
          expect(sentText(call)).not.toContain('<');
          expect(call.args).toMatchObject(FLAGS[call.method] ?? {});
        }
      }),
      { numRuns: 12 },
    );
  });
});
