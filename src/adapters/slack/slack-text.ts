// Text as Slack delivers it in slash commands and messages: "&", "<" and ">" arrive as "&amp;", "&lt;" and
// "&gt;" (Slack's own markup uses the raw characters), so they are turned back into what the person typed.
// Slack's markup itself (<@U…>, <#C…|name>, <http://…|label>) stays as the text it is: storyroom never lets
// it through unescaped when showing the text again.

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>' };

/** What the person typed, from Slack's encoded text. One pass, so "&amp;lt;" becomes "&lt;", not "<". */
export function decodeSlackText(text: string): string {
  return text.replace(/&(?:amp|lt|gt);/g, (entity) => ENTITIES[entity] ?? entity);
}
