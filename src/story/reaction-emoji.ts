// Reactions as the engine keeps them: one emoji, normalized whatever the platform sent (Discord's Unicode
// emoji or a custom emoji's name, Slack's names such as "+1::skin-tone-2", what someone typed), and whether
// it reads as praise, disapproval or neither. Common emoji have one form: Slack's "+1" is Discord's 👍.

export type Sentiment = 'positive' | 'negative' | 'neutral';

/** An emoji, its usual names on Slack, Discord and GitHub, and how it reads on a beat. */
const TABLE: readonly (readonly [emoji: string, names: readonly string[], sentiment: Sentiment])[] = [
  ['👍', ['+1', 'thumbsup', 'thumbs_up', 'like'], 'positive'],
  ['❤', ['heart', 'red_heart', 'love'], 'positive'],
  ['😂', ['joy', 'face_with_tears_of_joy'], 'positive'],
  ['🤣', ['rofl', 'rolling_on_the_floor_laughing'], 'positive'],
  ['😆', ['laughing', 'satisfied'], 'positive'],
  ['😄', ['smile'], 'positive'],
  ['😀', ['grinning'], 'positive'],
  ['😊', ['blush'], 'positive'],
  ['😍', ['heart_eyes'], 'positive'],
  ['🥰', ['smiling_face_with_3_hearts', 'smiling_face_with_hearts'], 'positive'],
  ['🤩', ['star_struck', 'star-struck'], 'positive'],
  ['🔥', ['fire', 'flame'], 'positive'],
  ['👏', ['clap'], 'positive'],
  ['🙌', ['raised_hands'], 'positive'],
  ['🎉', ['tada'], 'positive'],
  ['🥳', ['partying_face'], 'positive'],
  ['💯', ['100'], 'positive'],
  ['⭐', ['star'], 'positive'],
  ['🌟', ['star2', 'glowing_star'], 'positive'],
  ['✨', ['sparkles'], 'positive'],
  ['👌', ['ok_hand'], 'positive'],
  ['✅', ['white_check_mark', 'check'], 'positive'],
  ['💪', ['muscle'], 'positive'],
  ['💖', ['sparkling_heart'], 'positive'],
  ['😎', ['sunglasses'], 'positive'],
  ['👎', ['-1', 'thumbsdown', 'thumbs_down', 'dislike'], 'negative'],
  ['😴', ['sleeping'], 'negative'],
  ['💤', ['zzz'], 'negative'],
  ['🥱', ['yawning_face', 'yawn'], 'negative'],
  ['😒', ['unamused'], 'negative'],
  ['🙄', ['rolling_eyes', 'face_with_rolling_eyes'], 'negative'],
  ['😠', ['angry'], 'negative'],
  ['😡', ['rage', 'pout'], 'negative'],
  ['🤢', ['nauseated_face'], 'negative'],
  ['🤮', ['face_vomiting', 'vomiting_face'], 'negative'],
  ['😞', ['disappointed'], 'negative'],
  ['😕', ['confused'], 'negative'],
  ['😑', ['expressionless'], 'negative'],
  ['❌', ['x', 'cross_mark'], 'negative'],
  ['🍅', ['tomato'], 'negative'],
  ['💩', ['poop', 'hankey', 'shit'], 'negative'],
  ['😮', ['open_mouth', 'astonished'], 'neutral'],
  ['😱', ['scream'], 'neutral'],
  ['😢', ['cry'], 'neutral'],
  ['😭', ['sob'], 'neutral'],
  ['🤔', ['thinking_face', 'thinking'], 'neutral'],
  ['👀', ['eyes'], 'neutral'],
];

const BY_NAME = new Map(TABLE.flatMap(([emoji, names]) => names.map((name) => [name, emoji] as const)));
const SENTIMENT = new Map(TABLE.map(([emoji, , sentiment]) => [emoji, sentiment]));

/** The longest emoji name kept (Slack's are at most 100; Discord's custom emoji at most 32). */
export const EMOJI_NAME_MAX = 64;

const NAME = /^[\p{L}\p{N}_+'-]+$/u;
const PICTOGRAPH = /\p{Extended_Pictographic}|\p{Regional_Indicator}|\u20e3/u;
// Variation selectors and skin tones: 👍🏽 is 👍 here (one reaction per person per emoji).
const MODIFIERS = /[\ufe0e\ufe0f\u{1f3fb}-\u{1f3ff}]/gu;
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * The emoji as stored: a Unicode emoji (one grapheme, without skin tone or variation selector), or a lower-case
 * name (":thumbsup:", "+1::skin-tone-2", Discord's "<:party_parrot:123>"), common names mapped to their
 * Unicode emoji. Undefined for anything else (words, several emoji, "__proto__").
 */
export function normalizeEmoji(raw: string): string | undefined {
  const text = raw.trim();
  if (text.length === 0 || text.length > EMOJI_NAME_MAX * 2) return undefined;
  const custom = /^<a?:([^:<>]+):\d+>$/.exec(text);
  if (custom?.[1]) return normalizeName(custom[1]);
  if (PICTOGRAPH.test(text)) {
    const bare = text.replace(MODIFIERS, '');
    const pieces = [...graphemes.segment(bare)];
    if (pieces.length !== 1 || !PICTOGRAPH.test(bare)) return undefined;
    return bare;
  }
  return normalizeName(text.replace(/^:|:$/g, '').replace(/::skin-tone-\d$/, ''));
}

function normalizeName(raw: string): string | undefined {
  const name = raw.replace(/^:|:$/g, '').toLowerCase();
  if (name.length === 0 || name.length > EMOJI_NAME_MAX || !NAME.test(name) || name === '__proto__')
    return undefined;
  return BY_NAME.get(name) ?? name;
}

/** How a (normalized) emoji reads on a beat; names and emoji outside the table are neutral. */
export const sentimentOf = (emoji: string): Sentiment => SENTIMENT.get(emoji) ?? 'neutral';
