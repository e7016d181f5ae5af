// Style samples for the style-distance bench, written for it: short and terse, long and ornate, and
// dialogue-heavy, in English and in Chinese.

export interface StyleSample {
  name: string;
  language: 'en' | 'zh-CN';
  text: string;
}

const EN_TERSE = `The bus came late. Nobody got off. Mara stood in the rain and counted her money. Eleven dollars. Enough for one night. She walked. The motel sign buzzed. A dog watched her from a porch. She did not look back. Inside, the clerk slept. She rang the bell once. He woke. He gave her a key. Room nine. The door stuck. She kicked it. It opened.`;

const EN_ORNATE = `In the long violet hour before the lamps were lit along the harbour, when the gulls had gone quiet on the pilings and the water lay as flat and grey as hammered pewter, Mara walked the whole length of the pier without once turning to look at the town that had made her and, in its patient and provincial way, had also undone her. The wind that came off the sea carried salt and diesel and something older, a smell of rope and tar and wet timber that she remembered from childhood, from the afternoons she had spent on her father's boat while he mended nets and told her, in his slow and certain voice, that the sea forgives nothing but forgets everything. She had believed him then, as children believe the weather, and she half believed him still, standing at the end of the pier with her collar turned up against the cold and her hands deep in the pockets of a coat that had once been his, waiting for a ferry that the timetable promised and the dark horizon seemed determined to withhold.`;

const EN_DIALOGUE = `“You're late,” said Mara.
“I'm early for tomorrow,” said Jonah.
“That's not how it works.”
“It is if you're generous.”
She looked at him. “I'm not generous.”
“Then I'm late.” He sat down. “Did you order?”
“Coffee. For me.”
“Cruel.”
“Practical. You'll want to leave soon.”
“Why would I want to leave?”
“Because I'm about to ask you where the money went.”
He laughed, but not for long.`;

const ZH_TERSE = `车来晚了。没人下车。玛拉站在雨里数钱。十一块。够住一晚。她走了。旅馆的招牌嗡嗡响。一条狗在门廊上看着她。她没回头。前台的人睡着了。她按了一下铃。他醒了。他给了她一把钥匙。九号房。门卡住了。她踢了一脚。门开了。`;

const ZH_ORNATE = `在港口的灯还没有一盏盏亮起来之前那段漫长的紫色黄昏里，海鸥已经在木桩上安静下来，海水平得像一块被敲打过的灰色锡板，玛拉沿着栈桥一直走到尽头，始终没有回头去看那座养育了她、又以它那种耐心而狭小的方式毁掉了她的小城。从海上吹来的风带着盐味和柴油味，还有一种更古老的气味，那是绳索、沥青和湿木头的味道，她记得那是童年的气味，是那些在父亲船上度过的下午，父亲一边补网，一边用他缓慢而笃定的声音告诉她，大海什么都不原谅，却什么都会忘记。那时她信了他，就像孩子相信天气一样，而此刻她站在栈桥尽头，竖起衣领抵挡寒风，双手深深插在那件曾经属于父亲的大衣口袋里，等着一班时刻表上写着会来、而漆黑的海平线却似乎执意不肯交出来的渡船，她发现自己仍然半信半疑。`;

const ZH_DIALOGUE = `“你迟到了。”玛拉说。
“我是为明天早到。”乔纳说。
“不是这么算的。”
“你大方一点就是。”
她看着他。“我不大方。”
“那我就是迟到了。”他坐下来。“你点了吗？”
“咖啡。我自己的。”
“真狠。”
“实际。你很快就会想走的。”
“我为什么会想走？”
“因为我正要问你，那笔钱去哪儿了。”
他笑了，但没笑多久。`;

export const STYLE_SAMPLES: readonly StyleSample[] = [
  { name: 'en-terse', language: 'en', text: EN_TERSE },
  { name: 'en-ornate', language: 'en', text: EN_ORNATE },
  { name: 'en-dialogue', language: 'en', text: EN_DIALOGUE },
  { name: 'zh-terse', language: 'zh-CN', text: ZH_TERSE },
  { name: 'zh-ornate', language: 'zh-CN', text: ZH_ORNATE },
  { name: 'zh-dialogue', language: 'zh-CN', text: ZH_DIALOGUE },
];
