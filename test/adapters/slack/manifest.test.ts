import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  BOT_SCOPES,
  BUILT_IN_COMMANDS,
  buildSlackManifest,
  commandGroups,
  MANIFEST_LIMITS,
} from '../../../src/adapters/slack/manifest.ts';
import { parseManifestArgs, writeSlackManifest } from '../../../src/adapters/slack/manifest-command.ts';
import { type Command, defineCommand, privateReply } from '../../../src/commands/command.ts';
import { describeOptions } from '../../../src/commands/describe-options.ts';
import { commands } from '../../../src/commands/index.ts';

const socket = { socket: true } as const;
const topNames = [...new Set(commands.map((command) => command.name.split(' ')[0]))];

describe('the Slack app manifest', () => {
  it('has one slash command per top-level command name, exactly those defined, in their order', () => {
    const manifest = buildSlackManifest({ commands, mode: socket });
    expect(manifest.features.slash_commands.map((c) => c.command)).toEqual(
      topNames.map((name) => `/${name}`),
    );
    expect(topNames).toContain('scene');
    expect(topNames).toContain('help');
  });

  it('puts the prefix before every name', () => {
    const manifest = buildSlackManifest({ commands, prefix: 'sr-', mode: socket });
    expect(manifest.features.slash_commands.map((c) => c.command)).toEqual(
      topNames.map((name) => `/sr-${name}`),
    );
  });

  it('derives descriptions and usage hints from the definitions, every subcommand a slash command can run included', () => {
    const manifest = buildSlackManifest({ commands, mode: socket });
    const files = (command: Command) => describeOptions(command).filter((spec) => spec.input === 'file');
    for (const [top, group] of commandGroups(commands)) {
      const slash = manifest.features.slash_commands.find((c) => c.command === `/${top}`);
      for (const command of group) {
        // A command that needs a file is not advertised (a slash command carries only text).
        if (files(command).some((spec) => spec.required)) continue;
        const sub = command.name.slice(top.length).trim();
        expect(slash?.description).toContain(command.description);
        if (sub) expect(slash?.usage_hint).toContain(sub);
        for (const option of Object.keys(command.options.shape)) {
          if (files(command).every((spec) => spec.name !== option))
            expect(slash?.usage_hint).toContain(option);
        }
      }
    }
    const scene = manifest.features.slash_commands.find((c) => c.command === '/scene');
    expect(scene?.usage_hint).toMatch(/^start <title> \[premise\]/);
    expect(scene?.usage_hint).toContain(' | continue [direction] | ');
    const critique = manifest.features.slash_commands.find((c) => c.command === '/critique');
    expect(critique).not.toHaveProperty('usage_hint');
  });

  it('advertises no option a slash command cannot carry: /style set without its file, /scene import not at all', () => {
    const manifest = buildSlackManifest({ commands, prefix: 'sr-', mode: socket });
    const style = manifest.features.slash_commands.find((c) => c.command === '/sr-style');
    expect(style?.usage_hint).toContain('set [sample] [notes]');
    expect(style?.usage_hint).not.toContain('file');
    const scene = manifest.features.slash_commands.find((c) => c.command === '/sr-scene');
    expect(scene?.usage_hint).not.toMatch(/import|file/);
    expect(scene?.description).not.toContain('import:');
    // The whole hint is options, never the slash command itself (the prefix is Slack's to show).
    expect(scene?.usage_hint).toMatch(/^start <title>/);
  });

  it('keeps within the manifest schema limits, never escapes command text, and is plain JSON', () => {
    const manifest = buildSlackManifest({ commands, prefix: 'storyroom-', mode: socket });
    expect(JSON.parse(JSON.stringify(manifest))).toEqual(manifest);
    expect(manifest.display_information.name.length).toBeLessThanOrEqual(MANIFEST_LIMITS.appName);
    expect(manifest.display_information.description.length).toBeLessThanOrEqual(
      MANIFEST_LIMITS.appDescription,
    );
    for (const slash of manifest.features.slash_commands) {
      expect(slash.command).toMatch(/^\/[a-z0-9_-]+$/);
      expect(slash.command.length).toBeLessThanOrEqual(MANIFEST_LIMITS.command);
      expect(slash.description.length).toBeGreaterThan(0);
      expect(slash.description.length).toBeLessThanOrEqual(MANIFEST_LIMITS.commandDescription);
      expect(slash.usage_hint?.length ?? 0).toBeLessThanOrEqual(MANIFEST_LIMITS.usageHint);
      expect(slash.should_escape).toBe(false);
    }
  });

  it('asks for the smallest set of bot scopes, with interactivity, the shortcut, mentions and reactions', () => {
    const manifest = buildSlackManifest({ commands, mode: socket });
    expect(manifest.oauth_config.scopes.bot).toEqual([
      'commands',
      'chat:write',
      'chat:write.public',
      'chat:write.customize',
      'files:write',
      'im:write',
      'users:read',
      'usergroups:read',
      'app_mentions:read',
      'reactions:read',
    ]);
    expect(manifest.oauth_config.scopes.bot).toEqual([...BOT_SCOPES]);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.event_subscriptions.bot_events).toEqual([
      'app_mention',
      'reaction_added',
      'reaction_removed',
    ]);
    expect(manifest.features.shortcuts).toEqual([
      expect.objectContaining({ type: 'message', callback_id: 'storyroom_continue' }),
    ]);
  });

  it('turns Socket Mode on with no URLs, or off with every request URL under the public base', () => {
    const inSocket = buildSlackManifest({ commands, mode: socket });
    expect(inSocket.settings.socket_mode_enabled).toBe(true);
    expect(JSON.stringify(inSocket)).not.toMatch(/https?:/);

    const overHttp = buildSlackManifest({
      commands,
      mode: { socket: false, publicUrl: 'https://story.example.com/bot/' },
    });
    const events = 'https://story.example.com/bot/slack/events';
    expect(overHttp.settings.socket_mode_enabled).toBe(false);
    expect(overHttp.settings.event_subscriptions.request_url).toBe(events);
    expect(overHttp.settings.interactivity.request_url).toBe(events);
    expect(overHttp.features.slash_commands.every((c) => c.url === events)).toBe(true);
    expect(overHttp.oauth_config.redirect_urls).toEqual([
      'https://story.example.com/bot/slack/oauth_redirect',
    ]);
    expect(() =>
      buildSlackManifest({ commands, mode: { socket: false, publicUrl: 'http://x.example.com' } }),
    ).toThrow(/https/);
  });

  it('takes none of Slack’s built-in commands, and refuses one unless a prefix is set', () => {
    expect(topNames.filter((name) => BUILT_IN_COMMANDS.includes(name as string))).toEqual([]);
    const remind: Command = defineCommand({
      name: 'remind',
      description: 'x',
      options: z.object({}),
      access: 'everyone',
      execute: async () => privateReply(),
    });
    expect(() => buildSlackManifest({ commands: [remind], mode: socket })).toThrow(/SLACK_COMMAND_PREFIX/);
    expect(
      buildSlackManifest({ commands: [remind], prefix: 'sr-', mode: socket }).features.slash_commands[0]
        ?.command,
    ).toBe('/sr-remind');
  });
});

describe('npm run register -- slack', () => {
  const run = async (args: string[], prefix?: string) => {
    let stdout = '';
    let stderr = '';
    const code = await writeSlackManifest({
      args,
      commands,
      prefix,
      stdout: (text) => {
        stdout += text;
      },
      stderr: (text) => {
        stderr += text;
      },
    });
    return { code, stdout, stderr };
  };

  it('prints the Socket Mode manifest by default', async () => {
    const { code, stdout } = await run([], 'sr-');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual(buildSlackManifest({ commands, prefix: 'sr-', mode: socket }));
  });

  it('writes the HTTP manifest to a file with --http and --out', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'manifest-'));
    try {
      const out = join(dir, 'slack.json');
      const { code, stdout } = await run(['--http', 'https://story.example.com', '--out', out]);
      expect(code).toBe(0);
      expect(stdout).toBe('');
      const written = JSON.parse(await readFile(out, 'utf8'));
      expect(written.settings.socket_mode_enabled).toBe(false);
      expect(written.settings.interactivity.request_url).toBe('https://story.example.com/slack/events');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('says how to use it when the words are wrong', async () => {
    for (const args of [['--http'], ['--out'], ['--verbose'], ['--http', '--out', 'x']]) {
      expect(parseManifestArgs(args)).toHaveProperty('error');
      const { code, stderr } = await run(args);
      expect(code).toBe(1);
      expect(stderr).toContain('Usage: npm run register -- slack');
    }
    expect((await run(['--http', 'ftp://x'])).code).toBe(1);
  });
});
