// Names as the screener compares them: NFKD with the combining marks dropped (é -> e,
// ü -> u), letters NFKD does not decompose spelled out (ß -> ss, ø -> o), lower case,
// apostrophes dropped (O'Brien -> obrien), any other punctuation a space, and the tokens
// sorted, so "Müller, José" and "jose MULLER" are the same name.

const SPELLED: Record<string, string> = { ß: 'ss', ø: 'o', æ: 'ae', œ: 'oe', đ: 'd', ð: 'd', ł: 'l', ı: 'i', þ: 'th', ħ: 'h' };

export function nameTokens(raw: string): string[] {
  return raw
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[ßøæœđðłıþħ]/g, (c) => SPELLED[c] ?? c)
    .replace(/['’`ʼ]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .split(' ')
    .filter(Boolean)
    .sort();
}

export function normalizeName(raw: string): string {
  return nameTokens(raw).join(' ');
}
