// A zh-CN story night on Discord: private replies in each person's Discord language (the interaction's
// locale), the room's public messages (story, vote message) in the room's language.
import { Locale, MessageFlags } from 'discord.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type Harness, startHarness } from '../../helpers/discord-harness.ts';
import {
  ALICE,
  APP_ID,
  BOB,
  buttonClick,
  inLocale,
  MOD,
  slashCommand,
} from '../../helpers/discord-payloads.ts';

const eventually = (assertion: () => unknown) => vi.waitFor(assertion, { timeout: 5000, interval: 20 });

const harnesses: Harness[] = [];
afterEach(async () => {
  for (const harness of harnesses.splice(0)) await harness.close();
});

const zh = <T extends { locale: Locale }>(payload: T) => inLocale(payload, Locale.ChineseCN);

/** What the command's original reply ended up showing. */
const original = (h: Harness, token: string) =>
  h.rest.find('PATCH', new RegExp(`${token}/messages/@original$`)).at(-1)?.body;
const privateFollowUp = (h: Harness, token: string) =>
  h.rest.find('POST', new RegExp(`^/webhooks/${APP_ID}/${token}$`)).at(-1)?.body;

/** Edits of the vote message made after a time, through any token. */
const voteEdits = (h: Harness, after: number) =>
  h.rest.calls.filter(
    (call) =>
      call.method === 'PATCH' &&
      call.at >= after &&
      call.body?.embeds?.[0]?.title !== undefined &&
      !call.body.content,
  );

async function chineseRoom() {
  const h = await startHarness();
  harnesses.push(h);
  await h.send(zh(slashCommand('scene start', { title: '劫案', language: 'zh-CN' }, MOD)));
  await h.send(zh(slashCommand('character add', { name: '老周', description: '退休的老刑警' }, MOD)));
  await h.send(zh(slashCommand('scene continue', {}, MOD)));
  return h;
}

describe('a zh-CN story on Discord', () => {
  it('speaks Chinese to Chinese readers from the start to the vote to the critique', async () => {
    const h = await startHarness();
    harnesses.push(h);
    const start = zh(slashCommand('scene start', { title: '劫案', language: 'zh-CN' }, MOD));
    await h.send(start);
    expect(original(h, start.token)?.content).toMatch(/^mod 开始了故事《劫案》/);
    const add = zh(slashCommand('character add', { name: '老周', description: '退休的老刑警' }, MOD));
    await h.send(add);
    expect(original(h, add.token)?.content).toBe('mod 添加了角色 老周：退休的老刑警');
    const next = zh(slashCommand('scene continue', {}, MOD));
    await h.send(next);
    expect(original(h, next.token)?.content).toMatch(/\p{Script=Han}{4}/u);

    const open = zh(slashCommand('vote open', {}, MOD));
    await h.send(open);
    const opened = original(h, open.token);
    expect(opened?.content).toBe('mod 发起了投票：接下来会发生什么？');
    expect(opened?.embeds[0].title).toBe('接下来会发生什么？');
    expect(opened?.embeds[0].description).toMatch(/^\*\*A\.\*\* \p{Script=Han}+ · 0 票\n/u);
    expect(opened?.embeds[0].description).toMatch(
      /<t:\d+:R>截止 · 目前共 0 票。点击选项即可投票，改点另一个就能改票。$/,
    );

    const buttons = opened?.components[0].components ?? [];
    const before = Date.now();
    const click = zh(buttonClick(buttons[1]?.custom_id ?? '', h.rest.originalId(open.token) ?? '', BOB));
    await h.send(click);
    expect(privateFollowUp(h, click.token)).toMatchObject({ flags: MessageFlags.Ephemeral });
    expect(privateFollowUp(h, click.token)?.content).toMatch(/^你投给了 B（\p{Script=Han}+）。/u);
    await eventually(() => {
      expect(voteEdits(h, before).at(-1)?.body.embeds[0].description).toMatch(
        /\*\*B\.\*\* \p{Script=Han}+ · 1 票\n/u,
      );
    });

    const close = zh(slashCommand('vote close', {}, MOD));
    await h.send(close);
    expect(original(h, close.token)?.embeds[0].title).toBe('投票已结束');
    const late = zh(buttonClick(buttons[0]?.custom_id ?? '', h.rest.originalId(open.token) ?? '', BOB));
    await h.send(late);
    expect(privateFollowUp(h, late.token)?.content).toMatch(/^投票已经结束，你这次点击没有计入。B\. /);

    const critique = zh(slashCommand('critique', {}, MOD));
    await h.send(critique);
    const review = original(h, critique.token)?.embeds[0];
    expect(review?.fields?.[0]?.name).toMatch(/^结构：\d+\/10$/);
    expect(review?.fields?.map((field: { name: string }) => field.name)).toContain('建议 1');
  });

  it('gives a person whose Discord is English English private replies, and the story in Chinese', async () => {
    const h = await chineseRoom();
    const open = slashCommand('vote open', {}, ALICE);
    await h.send(open);
    // The room's message stays in the room's language, whoever opened it.
    expect(original(h, open.token)?.embeds[0].title).toBe('接下来会发生什么？');
    const buttons = original(h, open.token)?.components[0].components ?? [];

    const click = buttonClick(buttons[0]?.custom_id ?? '', h.rest.originalId(open.token) ?? '', ALICE);
    await h.send(click);
    expect(privateFollowUp(h, click.token)?.content).toMatch(
      /^You voted for A \(\p{Script=Han}+\)\. Vote again to change it\.$/u,
    );
    const status = slashCommand('vote status', {}, ALICE);
    await h.send(status);
    const shown = original(h, status.token)?.embeds[0];
    expect(shown?.title).toBe('What happens next?');
    expect(shown?.description).toMatch(/^\*\*A\.\*\* \p{Script=Han}+ · 1 vote\n/u);

    // A click on that private message keeps it in her language when the counts are redrawn.
    const statusButtons = original(h, status.token)?.components[0].components ?? [];
    const again = buttonClick(
      statusButtons[1]?.custom_id ?? '',
      h.rest.originalId(status.token) ?? '',
      ALICE,
    );
    again.message.flags = MessageFlags.Ephemeral;
    await h.send(again);
    await eventually(() => {
      const redrawn = original(h, again.token)?.embeds?.[0];
      expect(redrawn?.title).toBe('What happens next?');
      expect(redrawn?.description).toMatch(/\*\*B\.\*\* \p{Script=Han}+ · 1 vote\n/u);
    });

    const critique = slashCommand('critique', {}, ALICE);
    await h.send(critique);
    const review = original(h, critique.token)?.embeds[0];
    expect(review?.fields?.[0]?.name).toMatch(/^Structure: \d+\/10$/);
    // What the narrator wrote stays in the story's language.
    expect(review?.fields?.[0]?.value).toMatch(/\p{Script=Han}/u);
  });
});
