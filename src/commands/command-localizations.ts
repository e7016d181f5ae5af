// Names and group descriptions of commands in other languages, for platforms that show them (Discord
// localizes command names as well as descriptions). Platform-neutral: keyed by BCP 47 tag ("zh-CN").

/** Each word of a command name, in Chinese (Simplified). Words are shared: "cancel" is 取消 in every group. */
export const ZH_CN_WORDS: Record<string, string> = {
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
  audit: '日志',
  import: '导入',
  export: '导出',
  story: '故事',
  map: '地图',
  build: '构建',
  picture: '分镜',
  style: '文风',
  set: '设置',
  clear: '清除',
  react: '回应',
  recap: '前情提要',
  review: '评论',
};

export interface GroupText {
  description: string;
  descriptionLocalizations: Readonly<Record<string, string>>;
}

export const GROUPS: Record<string, GroupText> = {
  scene: {
    description: 'Write the story: start it, continue it, open scenes',
    descriptionLocalizations: { 'zh-CN': '写故事：开始、继续、新场景' },
  },
  character: {
    description: 'The cast: add, change and list characters',
    descriptionLocalizations: { 'zh-CN': '角色：添加、修改、查看' },
  },
  vote: {
    description: 'Branch votes: open one, vote, see the result',
    descriptionLocalizations: { 'zh-CN': '剧情分支投票' },
  },
  canon: {
    description: 'Pinned facts the narrator never forgets',
    descriptionLocalizations: { 'zh-CN': '叙述者始终记住的设定' },
  },
  room: {
    description: "This channel's story room: settings, usage, locking and the audit log",
    descriptionLocalizations: { 'zh-CN': '房间设置、用量、锁定与操作日志' },
  },
  style: {
    description: "The room's style: a sample passage and notes the narrator writes like",
    descriptionLocalizations: { 'zh-CN': '房间的文风：叙述者照着写的范文和说明' },
  },
  story: {
    description: 'The story as a whole: its map',
    descriptionLocalizations: { 'zh-CN': '整个故事：故事地图' },
  },
};

/** A top-level group's description ("scene", "vote"), with its translations. */
export function groupText(group: string): GroupText {
  return GROUPS[group] ?? { description: `${group} commands`, descriptionLocalizations: {} };
}
