// People's and the model's text in Slack mrkdwn. Slack's own escaping (`&`, `<`, `>` as entities) is all that
// stands between text and `<!channel>`, `<!here>`, `<!everyone>`, `<@U…>`, `<!subteam^…>` and `<url|label>`:
// after it no `<` is left, so no mention or link can form (messages are also sent with link_names and unfurls
// off, and every mrkdwn object with verbatim on).
//
// mrkdwn has no escape for its formatting marks (`*` bold, `_` italic, `~` strike, `` ` `` code). Inside
// prose they are the writer's own formatting and are left as written: a block is formatted on its own, so
// they cannot reach past it. Where storyroom puts text inside its own marks (a CHARACTER cue, a scene
// heading, a vote option), `escapeLiteral` swaps each mark for a look-alike that Slack does not read (as
// jsx-slack's <Escape> does), so a name like `*bob*` cannot end the cue's bold early.

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/** `&`, `<` and `>` as Slack's entities; nothing else changes. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/[&<>]/g, (char) => ENTITIES[char] ?? char);
}

/** Formatting marks and their look-alikes: asterisk operator, modifier low macron, tilde operator, grave. */
export const LOOKALIKES: Readonly<Record<string, string>> = {
  '*': '\u2217',
  _: '\u02cd',
  '~': '\u223c',
  '`': '\u02cb',
};

/** Text shown inside storyroom's own formatting: escaped, and with no formatting mark of its own. */
export function escapeLiteral(text: string): string {
  return escapeMrkdwn(text).replace(/[*_~`]/g, (char) => LOOKALIKES[char] ?? char);
}

/** One line: a line break would end a cue or a quote, so any run of white space becomes one space. */
export const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();
