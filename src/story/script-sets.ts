// Unicode TR39 §5.1 resolved script sets: the scripts a string could be written in. Each character counts with
// its Script_Extensions; Common and Inherited characters (digits, punctuation, spaces, combining marks) fit any
// script. Han, Hiragana, Katakana, Hangul and Bopomofo are widened to the writing systems that mix them
// (Japanese, Korean, Han with Bopomofo), so 山田たろう is single-script. An empty set means mixed-script.

/** Every script JavaScript's regular expressions know, by ISO 15924 code (Common, Inherited, Unknown aside). */
const SCRIPT_CODES =
  'Adlm Aghb Ahom Arab Armi Armn Avst Bali Bamu Bass Batk Beng Berf Bhks Bopo Brah Brai Bugi Buhd Cakm Cans Cari Cham Cher Chrs Copt Cpmn Cprt Cyrl Deva Diak Dogr Dsrt Dupl Egyp Elba Elym Ethi Gara Geor Glag Gong Gonm Goth Gran Grek Gujr Gukh Guru Hang Hani Hano Hatr Hebr Hira Hluw Hmng Hmnp Hung Ital Java Kali Kana Kawi Khar Khmr Khoj Kits Knda Krai Kthi Lana Laoo Latn Lepc Limb Lina Linb Lisu Lyci Lydi Mahj Maka Mand Mani Marc Medf Mend Merc Mero Miao Mlym Modi Mong Mroo Mtei Mult Mymr Nagm Nand Narb Nbat Newa Nkoo Nshu Ogam Olck Onao Orkh Orya Osge Osma Ougr Palm Pauc Perm Phag Phli Phlp Phnx Plrd Prti Rjng Rohg Runr Samr Sarb Saur Sgnw Shaw Shrd Sidd Sidt Sind Sinh Sogd Sogo Sora Soyo Sund Sunu Sylo Syrc Tagb Takr Tale Talu Taml Tang Tavt Tayo Telu Tfng Tglg Thaa Thai Tibt Tirh Tnsa Todr Tols Toto Tutg Ugar Vaii Vith Wara Wcho Xpeo Xsux Yezi Yiii Zanb'.split(
    ' ',
  );

/** Tried first: the scripts names are usually written in. */
const LIKELY = ['Latn', 'Cyrl', 'Grek', 'Hani', 'Hira', 'Kana', 'Hang', 'Arab', 'Hebr', 'Deva', 'Thai'];
const SCRIPTS: readonly (readonly [string, RegExp])[] = [
  ...LIKELY,
  ...SCRIPT_CODES.filter((code) => !LIKELY.includes(code)),
].map((code) => [code, new RegExp(`\\p{scx=${code}}`, 'u')] as const);
const ANY_SCRIPT = /[\p{scx=Zyyy}\p{scx=Zinh}]/u;
const WIDER: Readonly<Record<string, readonly string[]>> = {
  Hani: ['Jpan', 'Kore', 'Hanb'],
  Hira: ['Jpan'],
  Kana: ['Jpan'],
  Hang: ['Kore'],
  Bopo: ['Hanb'],
};

/** The scripts of one character, or undefined when it fits any (Common, Inherited). */
function scriptsOf(char: string): Set<string> | undefined {
  if (ANY_SCRIPT.test(char)) return undefined;
  const found = new Set<string>();
  for (const [code, pattern] of SCRIPTS) {
    if (!pattern.test(char)) continue;
    found.add(code);
    for (const wider of WIDER[code] ?? []) found.add(wider);
  }
  // Unassigned code points: a script of their own.
  if (found.size === 0) found.add('Zzzz');
  return found;
}

/** The resolved script set; undefined when every character fits any script (digits, punctuation only). */
export function resolvedScripts(text: string): ReadonlySet<string> | undefined {
  let resolved: Set<string> | undefined;
  for (const char of text) {
    const scripts = scriptsOf(char);
    if (!scripts) continue;
    resolved = resolved ? new Set([...resolved].filter((code) => scripts.has(code))) : scripts;
    if (resolved.size === 0) break;
  }
  return resolved;
}

/** Whether the text mixes scripts that no single writing system uses together (Latin "V" + Cyrillic "е"). */
export const isMixedScript = (text: string): boolean => resolvedScripts(text)?.size === 0;

/** Whether two single-script texts share a script (undefined, digits and punctuation only, shares any). */
export function shareScript(a: string, b: string): boolean {
  const [first, second] = [resolvedScripts(a), resolvedScripts(b)];
  if (!first || !second) return true;
  return [...first].some((code) => second.has(code));
}
