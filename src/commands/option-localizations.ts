// Chinese (Simplified) names and descriptions for command options and their choices, beside the commands so
// every platform can read them. Discord only displays them: interactions still carry the English option
// names and choice values, so reading options is unchanged.

export interface OptionText {
  /** What Discord shows instead of the option name: no spaces, 1-32 characters, unique within a command. */
  name: string;
  /** At most 100 characters. */
  description: string;
  /** Labels for the choices, by choice value. */
  choices?: Readonly<Record<string, string>>;
}

/** By option name: an option name means the same thing in every command that has it. */
export const ZH_CN_OPTIONS: Readonly<Record<string, OptionText>> = {
  title: { name: '标题', description: '故事标题' },
  premise: { name: '梗概', description: '故事讲的是什么' },
  genre: { name: '类型', description: '故事类型，例如黑色电影、喜剧、科幻' },
  tone: { name: '基调', description: '故事基调，例如紧张、轻松' },
  language: { name: '语言', description: '叙述者写作用的语言（BCP 47 代码，例如 en、zh-CN）' },
  rating: {
    name: '分级',
    description: '内容分级',
    choices: { general: '全年龄', teen: '青少年', mature: '成人' },
  },
  heading: { name: '场景标题', description: '场景标题，例如 INT. DINER - NIGHT（内景 餐馆 夜）' },
  direction: { name: '指示', description: '接下来应该发生什么（可选）' },
  description: { name: '简介', description: '角色是谁、什么样的人' },
  character: { name: '角色', description: '由哪个角色说话' },
  text: { name: '内容', description: '角色说的话' },
  parenthetical: { name: '语气', description: '怎么说，例如低声' },
  name: { name: '名字', description: '角色的名字' },
  new_name: { name: '新名字', description: '角色的新名字' },
  voice: { name: '说话风格', description: '角色说话的方式' },
  hint: { name: '提示', description: '想要什么样的角色（可选）' },
  id: { name: '编号', description: '叙述者设计的角色编号，例如 d3' },
  option1: { name: '选项1', description: '分支选项 1' },
  option2: { name: '选项2', description: '分支选项 2' },
  option3: { name: '选项3', description: '分支选项 3' },
  option4: { name: '选项4', description: '分支选项 4' },
  option5: { name: '选项5', description: '分支选项 5' },
  duration: { name: '时长', description: '投票持续多久，例如 60s 或 5m（10 秒至 24 小时）' },
  quorum: { name: '最低票数', description: '得出结果所需的最少票数' },
  option: { name: '选项', description: '选项：A-E 或 1-5' },
  vote: { name: '投票', description: '哪一场投票（按钮会自动带上）；默认为正在进行的投票' },
  pick: { name: '胜出选项', description: '直接宣布获胜的选项编号' },
  by: { name: '时长', description: '再延长多久，例如 30s 或 2m（默认为房间的投票时长）' },
  fact: { name: '设定', description: '设定内容，例如“Vera 从不对 Sam 说谎”' },
  number: { name: '编号', description: '「/设定 列表」中显示的编号' },
  vote_duration: { name: '投票时长', description: '默认投票时长，例如 60s（10 秒至 24 小时）' },
  who_may_continue: {
    name: '续写权限',
    description: '谁可以续写故事',
    choices: { everyone: '所有人', writers: '仅写手身份组' },
  },
  cooldown: {
    name: '冷却时间',
    description: '同一个人两段之间要等多久，例如 30s（0 至 1 小时；填“0”表示不限制）',
  },
  auto_vote: { name: '自动投票', description: '叙述者每写完一段就发起分支投票（开/关）' },
  character_voices: {
    name: '角色发言',
    description: 'Discord：通过 webhook 以角色的名字发出其台词（开/关）',
  },
  format: {
    name: '格式',
    description: 'Fountain、Final Draft、PDF、HTML 记录、Markdown 或 JSON',
    choices: {
      fountain: 'Fountain',
      fdx: 'Final Draft',
      pdf: 'PDF',
      html: 'HTML',
      md: 'Markdown',
      json: 'JSON',
    },
  },
  scope: {
    name: '范围',
    description: 'story：故事当前的样子（默认）；all：连同未保留的版本',
    choices: { story: '仅故事', all: '全部' },
  },
  gzip: { name: '压缩', description: '用 gzip 压缩文件（开/关）' },
  count: { name: '条数', description: '显示多少条（1 至 25，默认 10）' },
  file: { name: '文件', description: '房间的 JSON 导出文件（/export format:json）' },
  sample: { name: '范文', description: '一段照着写的范文（最多约 2000 字），也可以附上文本文件' },
  beat: { name: '段落', description: '哪一段：它在故事中的编号（1 为第一段）或 last（最新一段）' },
  emoji: { name: '表情', description: '一个表情，例如 👍 或 :fire:' },
  action: {
    name: '操作',
    description: 'add（默认，添加）或 remove（撤回）',
    choices: { add: '添加', remove: '撤回' },
  },
  personal: { name: '个人', description: '开：围绕你投票支持和回应过的内容，仅你可见' },
  model: { name: '模型', description: '本房间使用的模型，须在运营者允许的列表中（填“default”恢复默认）' },
  notes: { name: '说明', description: '简短的说明（可选）' },
};

/** By "command option", only where the option name asks for something different in that command. */
export const ZH_CN_OPTION_OVERRIDES: Readonly<Record<string, Partial<OptionText>>> = {
  'scene new description': { description: '用一句话介绍这个场景' },
  'scene build heading': { description: '场景标题，例如 INT. DINER - NIGHT（可选）' },
  'scene accept id': { description: '场景卡编号，例如 c2' },
  'scene discard id': { description: '场景卡编号，例如 c2' },
  'scene rewrite direction': { description: '新版本应该有什么不同（可选）' },
  'line direction': { description: '这句台词要起什么作用（可选）' },
  'action text': { description: '发生了什么' },
  'style set notes': { description: '简短的文风说明，例如“短句，不用副词，冷幽默”' },
  'scene build notes': { description: '这场戏应该有什么（可选）' },
  'scene picture beat': { description: '哪一段：从故事开头数起的编号（默认最新一段）' },
  'style set file': { description: '范文的文本文件（.txt），代替直接粘贴' },
  'transition text': { description: '转场，如“SMASH CUT TO:”（默认 CUT TO:）' },
};

/** The zh-CN text of an option of a command ("scene start", "title"), or undefined when it has none yet. */
export function zhCnOptionText(command: string, option: string): OptionText | undefined {
  const base = ZH_CN_OPTIONS[option];
  if (!base) return undefined;
  const override = ZH_CN_OPTION_OVERRIDES[`${command} ${option}`];
  return override ? { ...base, ...override } : base;
}
