// The text grammar of commands ("/scene continue the detective lies"), the same for every platform where
// people type commands as text: the terminal room and Slack.
export { type ParsedCommandText, type PositionalOption, parseCommandText } from './parse-command-text.ts';
export { quoteHint } from './quote-hint.ts';
