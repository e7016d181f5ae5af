import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LOOKALIKES } from '../../../../src/adapters/slack/render/escape-mrkdwn.ts';
import { escapeLiteral, escapeMrkdwn } from '../../../../src/adapters/slack/render/index.ts';
import { hostileText, withinBound } from '../../../helpers/hostile-text.ts';
import { expectNoMarkup, mentionSoup, unescapeMrkdwn } from '../../../helpers/slack-blocks.ts';

const RUNS = 500;
const text = fc.oneof(hostileText({ maxLength: 10_000 }), mentionSoup());

describe('escapeMrkdwn', () => {
  it(`gives back exactly the input once Slack unescapes it, with no "<" left (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(text, (input) => {
        const escaped = withinBound(() => escapeMrkdwn(input), 'escapeMrkdwn');
        expectNoMarkup(escaped);
        expect(escaped).not.toMatch(/>/);
        expect(unescapeMrkdwn(escaped)).toBe(input);
      }),
      { numRuns: RUNS },
    );
  });

  it('turns every mention and link form into text', () => {
    expect(escapeMrkdwn('<!channel> <@U1> <!subteam^S1> <http://a|b> & co')).toBe(
      '&lt;!channel&gt; &lt;@U1&gt; &lt;!subteam^S1&gt; &lt;http://a|b&gt; &amp; co',
    );
  });
});

describe('escapeLiteral', () => {
  const back = Object.fromEntries(Object.entries(LOOKALIKES).map(([mark, lookalike]) => [lookalike, mark]));
  const marksBack = (value: string) =>
    value.replace(/[\u2217\u02cd\u223c\u02cb]/g, (char) => back[char] ?? char);

  it(`leaves no formatting mark, and only swaps them for look-alikes (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(text, (input) => {
        const escaped = withinBound(() => escapeLiteral(input), 'escapeLiteral');
        expectNoMarkup(escaped);
        expect(escaped).not.toMatch(/[*_~`]/);
        expect(unescapeMrkdwn(marksBack(escaped))).toBe(marksBack(input));
      }),
      { numRuns: RUNS },
    );
  });

  it('keeps a name like *bob* from closing the bold around it', () => {
    expect(`*${escapeLiteral('*bob*')}*`).toBe('*\u2217bob\u2217*');
    expect(escapeLiteral('_a_ ~b~ `c`')).toBe('\u02cda\u02cd \u223cb\u223c \u02cbc\u02cb');
  });
});
