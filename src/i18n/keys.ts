// The catalog's keys, typed from the English messages: a key that no English file has is a compile error.
// One file per area, so work in different areas never edits the same file.
import type commands from './messages/en/commands.json';
import type common from './messages/en/common.json';
import type console from './messages/en/console.json';
import type discord from './messages/en/discord.json';
import type exports from './messages/en/exports.json';
import type llm from './messages/en/llm.json';
import type operations from './messages/en/operations.json';
import type slack from './messages/en/slack.json';
import type slackRender from './messages/en/slack-render.json';
import type slackSetup from './messages/en/slack-setup.json';
import type story from './messages/en/story.json';

export type MessageKey =
  | keyof typeof common
  | keyof typeof story
  | keyof typeof commands
  | keyof typeof console
  | keyof typeof discord
  | keyof typeof slack
  | keyof typeof slackRender
  | keyof typeof slackSetup
  | keyof typeof exports
  | keyof typeof llm
  | keyof typeof operations;
