// 离线叙述者的简体中文模板：按中文剧本的写法来写，不是英文模板的逐字翻译。
import { zhCNAudience } from './audience-zh-CN.ts';
import type { OfflineTemplates } from './types.ts';

export const zhCN: OfflineTemplates = {
  prose: { gap: '', stop: '。', cased: false },
  beats: {
    actions: [
      '{who}走进灯光里，{mood}。',
      '{place}一片死寂。{who}先开了口。',
      '外头不知哪里砰地摔上一扇门。{who}僵在原地，{mood}。',
      '{who}一言不发地穿过{place}，{mood}。',
      '灯光闪了几下。等它重新亮稳，{who}身边已经多了一个人。',
      '{who}发现了一样本不该在这儿的东西，顺手揣进了兜里。',
    ],
    lines: [
      '我大老远跑这一趟，可不是为了现在掉头走人。',
      '接下来会发生什么，你跟我一样清楚。',
      '行。但得按我的来。',
      '这事没个了结，谁也别想离开{place}。',
      '你再说一遍。慢慢说。',
      '我一直在等有人问我这句话。',
    ],
    parentheticals: ['压低声音', '停顿', '头也不抬', '脱口而出', '笑了笑'],
    moods: ['神色戒备', '不慌不忙', '咬紧了牙', '嘴角似笑非笑', '还喘着粗气', '纹丝不动'],
    someone: '一个人影',
    place: '{place}',
    noPlace: '屋子',
  },
  options: {
    pool: [
      '有人说出了真相',
      '一个陌生人找上门来',
      '灯突然全灭了',
      '一笔旧账被翻了出来',
      '有人撒腿就跑',
      '秘密被人听到了',
      '计划全盘落空',
      '意想不到的人联手了',
    ],
    aboutCharacter: ['{name}做出了抉择', '{name}突然消失了'],
  },
  scenes: {
    kinds: ['内景', '外景', '内外景'],
    places: ['餐馆', '天台', '火车站', '后巷', '酒店大堂', '码头', '图书馆'],
    times: ['夜', '日', '清晨', '黄昏', '稍后'],
    heading: '{kind} {place} - {time}',
    described: '这场戏：{direction}。',
    undirected: '故事继续往下走。',
  },
  characters: {
    names: ['林晚', '周屹', '苏青', '老陈', '阿梅', '陆川', '何静', '宋野', '许言', '方桐', '唐果', '韩冬'],
    stranger: '陌生人{number}',
    looks: [
      '高个子，不修边幅，大衣大了两号，手表永远快五分钟。',
      '个子小，收拾得一丝不苟，十根手指戴满银戒指，一道疤斜穿过眉毛。',
      '膀大腰圆，指甲缝里沾着颜料，笑起来满屋子都听得见。',
      '西装笔挺，眼神疲惫，手里总端着一杯早就凉了的纸杯咖啡。',
    ],
    personalities: [
      '顺风顺水时人见人爱，被逼到墙角就六亲不认。',
      '话少，眼尖，谁欠过谁的人情，都记在账上。',
      '讲义气讲到犯傻，偏偏一撒谎就露馅。',
      '闲不住，嘴贫，最烦按计划办事。',
    ],
    backstories: [
      '在当铺楼上长大，早早就懂了凡事都有个价码。',
      '正当前途大好时一夜之间撂了挑子，至今没说过为什么。',
      '欠了不该欠的人一笔钱，只剩一个礼拜去还。',
      '离开十年后回到这座城，来了结一桩旧账。',
    ],
    sampleLines: [
      '我不讲人情，只做交易。',
      '你可以相信我。开玩笑的。',
      '不管你们打什么主意，算我一个。也可能不算——看是谁开口。',
      '我记得你。你还欠我一件大衣。',
    ],
  },
  critique: {
    structure: '目前写了{scenes}场戏，共{beats}段。',
    pacing: '平均每场戏约{perScene}段。',
    consistency: '角色共{cast}个，{spoken, plural, =0 {还没有人开过口} other {其中#个已经开口说话}}。',
    dialogue: '对白占全部段落的{share, number, percent}。',
    suggestions: {
      newPlace: '换一个地点，把故事的天地打开。',
      costOfChoice: '切到一场戏，让观众看到上一个选择付出的代价。',
      letThemTalk: '让角色开口：给某个人一句台词，透露出他真正想要什么。',
      contradictLine: '一句台词之后，紧接一个与之相悖的动作。',
      spotlight: '给一个始终沉默的角色一场高光戏。',
      plantSecret: '埋下一个秘密：只有一个角色知道，其他人都蒙在鼓里。',
    },
  },
  summary: { quote: '{name}：“{line}”' },
  audience: zhCNAudience,
};
