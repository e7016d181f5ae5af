// What Discord needs beyond the command list: names in other languages (Discord localizes names as well as
// descriptions) and descriptions for the top-level groups ("scene", "vote") that hold subcommands.
import { Locale, type LocalizationMap } from 'discord.js';

/** Each word of a command name, in Chinese (Simplified). Words are shared: "cancel" is 取消 in every group. */
const ZH_CN_WORDS: Record<string, string> = {
  scene: '场景',
  start: '开始',
  continue: '继续',
  new: '新建',
  rewrite: '重写',
  undo: '撤销',
  cancel: '取消',
  line: '台词',
  say: '说',
  action: '动作',
  transition: '转场',
  character: '角色',
  add: '添加',
  edit: '编辑',
  remove: '移除',
  list: '列表',
  show: '查看',
  vote: '投票',
  open: '发起',
  cast: '投',
  close: '结束',
  extend: '延长',
  status: '状态',
  room: '房间',
  settings: '设置',
  lock: '锁定',
  unlock: '解锁',
  help: '帮助',
  generate: '生成',
  accept: '接受',
  discard: '放弃',
  canon: '设定',
  critique: '点评',
  usage: '用量',
};

interface GroupText {
  description: string;
  descriptionLocalizations: LocalizationMap;
}

const GROUPS: Record<string, GroupText> = {
  scene: {
    description: 'Write the story: start it, continue it, open scenes',
    descriptionLocalizations: { [Locale.ChineseCN]: '写故事：开始、继续、新场景' },
  },
  character: {
    description: 'The cast: add, change and list characters',
    descriptionLocalizations: { [Locale.ChineseCN]: '角色：添加、修改、查看' },
  },
  vote: {
    description: 'Branch votes: open one, vote, see the result',
    descriptionLocalizations: { [Locale.ChineseCN]: '剧情分支投票' },
  },
  canon: {
    description: 'Pinned facts the narrator never forgets',
    descriptionLocalizations: { [Locale.ChineseCN]: '叙述者始终记住的设定' },
  },
  room: {
    description: "This channel's story room: settings, usage and locking",
    descriptionLocalizations: { [Locale.ChineseCN]: '房间设置与锁定' },
  },
};

export function nameLocalizations(word: string): LocalizationMap | undefined {
  const zh = ZH_CN_WORDS[word];
  return zh ? { [Locale.ChineseCN]: zh } : undefined;
}

export function groupText(group: string): GroupText {
  return GROUPS[group] ?? { description: `${group} commands`, descriptionLocalizations: {} };
}

const LOCALES = new Set<string>(Object.values(Locale));

/** Keeps the locales Discord knows (it rejects the whole payload for an unknown one). */
export function discordLocalizations(
  map: Readonly<Record<string, string | null | undefined>> | undefined,
): LocalizationMap | undefined {
  if (!map) return undefined;
  const entries = Object.entries(map).filter(([locale]) => LOCALES.has(locale));
  return entries.length > 0 ? (Object.fromEntries(entries) as LocalizationMap) : undefined;
}
