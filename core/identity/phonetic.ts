const VOWELS = new Set(['a', 'e', 'i', 'o', 'u']);
const FRONT_VOWELS = new Set(['e', 'i', 'y']);

function isVowel(ch: string | undefined): boolean {
  return ch !== undefined && VOWELS.has(ch);
}

/**
 * Metaphone (Lawrence Philips, 1990) phonetic key of a single name, at most `maxLength` characters.
 * Used as a blocking key, so spellings that sound alike ("Smith"/"Smyth", "Catherine"/"Kathryn")
 * meet in one index bucket. "0" stands for "th", "X" for "sh"/"ch".
 */
export function computePhoneticCode(value: string | null | undefined, maxLength = 4): string {
  if (!value) return '';
  let w = value.toLowerCase().replace(/[^a-z]/g, '');
  if (!w) return '';
  // Drop doubled letters except "c" (as in "accent").
  w = w.replace(/([a-bd-z])\1+/g, '$1');
  if (/^(kn|gn|pn|ae|wr)/.test(w)) w = w.slice(1);
  if (w[0] === 'x') w = `s${w.slice(1)}`;
  if (w.startsWith('wh')) w = `w${w.slice(2)}`;

  let out = '';
  for (let i = 0; i < w.length && out.length < maxLength; i += 1) {
    const c = w[i];
    const prev = w[i - 1];
    const next = w[i + 1];
    const next2 = w[i + 2];
    switch (c) {
      case 'a': case 'e': case 'i': case 'o': case 'u':
        if (i === 0) out += 'A';
        break;
      case 'b':
        if (!(prev === 'm' && i === w.length - 1)) out += 'B';
        break;
      case 'c':
        if (next === 'i' && next2 === 'a') out += 'X';
        else if (next === 'h') out += prev === 's' ? 'K' : 'X';
        else if (next !== undefined && FRONT_VOWELS.has(next)) { if (prev !== 's') out += 'S'; }
        else out += 'K';
        break;
      case 'd':
        out += next === 'g' && next2 !== undefined && FRONT_VOWELS.has(next2) ? 'J' : 'T';
        break;
      case 'g':
        if (next === 'h' && !(i + 2 >= w.length || isVowel(next2))) break;
        if (next === 'n' && (i + 2 === w.length || (next2 === 'e' && w[i + 3] === 'd' && i + 4 === w.length))) break;
        if (prev === 'd' && next !== undefined && FRONT_VOWELS.has(next)) break;
        out += next !== undefined && FRONT_VOWELS.has(next) ? 'J' : 'K';
        break;
      case 'h':
        if (isVowel(next) && !(prev !== undefined && 'cgpst'.includes(prev))) out += 'H';
        break;
      case 'k':
        if (prev !== 'c') out += 'K';
        break;
      case 'p':
        out += next === 'h' ? 'F' : 'P';
        break;
      case 'q':
        out += 'K';
        break;
      case 's':
        if (next === 'h' || (next === 'i' && (next2 === 'o' || next2 === 'a'))) out += 'X';
        else out += 'S';
        break;
      case 't':
        if (next === 'i' && (next2 === 'o' || next2 === 'a')) out += 'X';
        else if (next === 'h') out += '0';
        else if (!(next === 'c' && next2 === 'h')) out += 'T';
        break;
      case 'v':
        out += 'F';
        break;
      case 'w': case 'y':
        if (isVowel(next)) out += c.toUpperCase();
        break;
      case 'x':
        out += 'KS';
        break;
      case 'z':
        out += 'S';
        break;
      default:
        out += c.toUpperCase();
    }
  }
  return out.slice(0, maxLength);
}
