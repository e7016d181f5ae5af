// 离线叙述者关于观众功能的简体中文用语（见 audience-types.ts）。
import type { AudienceTemplates } from './audience-types.ts';

export const zhCNAudience: AudienceTemplates = {
  recap: {
    opening: '《{title}》前情提要……',
    earlier: '此前：{summary}',
    scene: '接着：{heading}。',
    line: '{name}：“{quote}”',
  },
  review: {
    loglineWithPremise: '《{title}》，一部{genre}故事：{premise}',
    logline: '《{title}》，一部关于{cast}的{genre}故事。',
    nobody: '夜色里的陌生人',
    synopsis: '{scenes}场戏、{beats}段下来，故事从“{first}”开场，如今走到了“{last}”',
    synopsisOneScene: '一场戏、{beats}段下来，故事从“{first}”开场，如今走到了“{last}”',
    synopsisShort: '第一场戏，共{beats}段：“{first}”',
    strengths: {
      structure: '结构清楚：每场戏有开有收，往前推进。',
      pacing: '节奏明快：没有哪场戏拖沓。',
      consistency: '每个角色背后都有清楚的设定。',
      dialogue: '对白与动作搭配得当。',
    },
    weaknesses: {
      structure: '场次还太少，撑不起一段旅程。',
      pacing: '有的戏太长，有的一闪而过。',
      consistency: '有些角色只有名字，缺少血肉。',
      dialogue: '对白和动作比例失衡。',
    },
    audienceLoved: '观众最爱“{quote}”',
    audienceCold: '“{quote}”让观众提不起劲。',
    backedWon: '你支持的“{option}”胜出了，故事随之展开：“{followed}”',
    backedWonPending: '你支持的“{option}”胜出了，下一段将沿着它写。',
    backedLost: '你支持的是“{option}”，但大家选了另一条路。',
    reactedWarm: '你为“{quote}”送上了 {emoji}。',
    reactedCold: '你对“{quote}”回了 {emoji}。',
    nothingYet: '你还没有投过票或回应过：用 /react（或直接在消息上）回应某一段，下次的评论就会照顾你的口味。',
  },
  critique: {
    favourite: '观众喜欢{name}：给这个角色更多戏份。',
    cold: '观众对“{quote}”反应冷淡：下次换个转折试试。',
  },
};
