// The Slack adapter's public surface, for main.ts, the register script and tests.
export { type AttachedSlackAdapter, attachSlackAdapter } from './attach-slack-adapter.ts';
export { type SlackConfig, slackConfigSchema, slackEnabled } from './slack-config.ts';
export { EVENTS_PATH, type SlackAdapter, startSlackAdapter } from './start-slack-adapter.ts';
