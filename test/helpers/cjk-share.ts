// How Chinese a text is: the share of its letters that are Han characters (punctuation, digits and spaces
// do not count). A Chinese beat with a Chinese cast is close to 1; an English one is 0.
export function cjkShare(text: string): number {
  const letters = text.match(/\p{L}/gu) ?? [];
  if (letters.length === 0) return 0;
  return letters.filter((letter) => /\p{Script=Han}/u.test(letter)).length / letters.length;
}
