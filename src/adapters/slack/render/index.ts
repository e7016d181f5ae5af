// Slack's rendering: pure functions from a command's reply to Block Kit messages, within Slack's limits.
export { escapeLiteral, escapeMrkdwn } from './escape-mrkdwn.ts';
export * from './limits.ts';
export {
  type RenderedReply,
  renderFailure,
  renderPreview,
  renderReply,
  type SlackFile,
} from './render-reply.ts';
export {
  renderVoicedReply,
  USERNAME_MAX,
  type VoicedMessage,
  type VoicedReply,
  voicesPointer,
} from './render-voices.ts';
export { renderVote } from './render-vote.ts';
export type { KnownBlock, SlackMessage } from './slack-message.ts';
export { isVoteButtonId, parseVoteButtonId, type VoteButton, voteButtonId } from './vote-button-id.ts';
