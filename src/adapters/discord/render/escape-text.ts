// Text from people and the model is shown as written: markdown that would change how a message renders
// (code, bold, italics, underline, strikethrough, spoilers, masked links, and at a line's start headings,
// quotes, lists and subtext) is escaped with a backslash. Links and custom emoji stay as they are, so they
// still work. Mentions stay as text; they never ping because every message is sent with allowed_mentions
// parsing nothing.
//
// Written by hand rather than with discord.js's escapeMarkdown: its look-behinds rescan the line for every
// "_" (and its masked-link pattern backtracks), so a 16,000-character line of "*_" took four seconds of the
// event loop. These patterns look at each character a bounded number of times.

// A link or a custom emoji (kept), else a character or pair that starts markdown (escaped).
const INLINE = /(https?:\/\/\S+)|(<a?:\w+:\d+>)|[\\*_`[]|~~|\|\|/g;
// At a line's start: a quote, subtext, a heading, a bulleted list item.
const LINE_START = /^([ \t]*)(>|-#|#{1,3}(?=[ \t])|-(?=[ \t]))/gm;
// A numbered list item: "1." becomes "1\.".
const NUMBERED = /^([ \t]*\d+)\./gm;

export function escapeText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(INLINE, (match, link: string | undefined, emoji: string | undefined) => {
      if (link) return link.replaceAll('\\', '\\\\');
      if (emoji) return emoji;
      return match.replace(/[\s\S]/g, '\\$&');
    })
    .replace(LINE_START, '$1\\$2')
    .replace(NUMBERED, '$1\\.');
}
