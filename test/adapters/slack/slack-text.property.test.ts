// Slack's encoding of typed text ("&", "<", ">" as entities) is undone exactly: what the person typed comes
// back, whatever it was, in one pass (an encoded "&lt;" stays "&lt;").
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeSlackText } from '../../../src/adapters/slack/slack-text.ts';
import { hostileText, withinBound } from '../../helpers/hostile-text.ts';
import { slackEncode } from '../../helpers/slack-payloads.ts';

describe('decodeSlackText', () => {
  it('gives back exactly what was typed, quickly', () => {
    fc.assert(
      fc.property(
        fc.oneof(hostileText(), fc.stringMatching(/^(?:&(?:amp|lt|gt);|[&<>;a-z ])*$/)),
        (typed) => {
          expect(withinBound(() => decodeSlackText(slackEncode(typed)))).toBe(typed);
        },
      ),
    );
  });

  it('decodes each entity once', () => {
    expect(decodeSlackText('&amp;lt;!channel&amp;gt; &lt;b&gt; a &amp; b &quot;')).toBe(
      '&lt;!channel&gt; <b> a & b &quot;',
    );
  });
});
