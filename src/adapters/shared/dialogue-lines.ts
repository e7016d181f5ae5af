// Dialogue is set off as one quote on Discord and Slack alike: a blank line would end the quote, so its
// paragraphs become single lines, each trimmed, empty ones dropped. Each platform escapes the lines its way.
export function dialogueLines(text: string): string[] {
  return text
    .split(/\r\n?|\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}
