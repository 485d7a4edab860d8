import { jaroWinkler } from './jaro-winkler';
import { nameTokens } from './normalize';

// How close a person is to a list entry. Candidates come from a pg_trgm index (recall,
// cheap, order-insensitive because trigrams are taken per word); the score is a token-set
// Jaro-Winkler computed here (precision). Trigram similarity alone punishes one typo in a
// short name hard ("li wei" has few trigrams) and cannot weigh a shared prefix; Jaro-
// Winkler was made for personal names (US Census record linkage) and does both. Date of
// birth and country move the score only when both sides know them.

export const DEFAULT_THRESHOLD = 0.88;

export type ScreeningSubject = { name: string; dateOfBirth?: string | null; country?: string | null };
export type ScreeningCandidate = { fullName: string; aliases: string[]; dateOfBirth: string | null; countries: string[] };
export type MatchScore = { score: number; nameScore: number; matchedOn: string };

/** Token-set Jaro-Winkler: each token of the shorter name paired with its best unused partner. */
export function nameSimilarity(a: string[], b: string[]): number {
  if (!a.length || !b.length) return 0;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  const used = new Set<number>();
  let total = 0;
  let weight = 0;
  for (const s of short) {
    let best = 0;
    let bestAt = -1;
    long.forEach((l, i) => {
      if (used.has(i)) return;
      const v = jaroWinkler(s, l);
      if (v > best) [best, bestAt] = [v, i];
    });
    if (bestAt >= 0) used.add(bestAt);
    total += best * s.length;
    weight += s.length;
  }
  // A name that covers only part of the other is weaker evidence, a lone token ("Maria" vs
  // "Maria Lopez") much weaker; a missing middle name only a little.
  const coverage = short.length === 1 && long.length > 1 ? 0.8 : 0.85 + 0.15 * (short.length / long.length);
  let score = (total / weight) * coverage;
  // Split or joined names ("Abdul Rahman" vs "Abdulrahman").
  if (a.length !== b.length) score = Math.max(score, jaroWinkler(a.join(''), b.join('')));
  return score;
}

const DOB_EXACT = 0.05;
const DOB_SAME_YEAR = -0.05;
const DOB_DIFFERENT = -0.1;
const COUNTRY_SHARED = 0.02;
const COUNTRY_DISJOINT = -0.05;

export function scoreCandidate(subject: ScreeningSubject, entry: ScreeningCandidate): MatchScore {
  const tokens = nameTokens(subject.name);
  let nameScore = nameSimilarity(tokens, nameTokens(entry.fullName));
  let matchedOn = `name "${entry.fullName}"`;
  for (const alias of entry.aliases) {
    const v = nameSimilarity(tokens, nameTokens(alias));
    if (v > nameScore) [nameScore, matchedOn] = [v, `alias "${alias}"`];
  }
  const notes = [`name ${nameScore.toFixed(3)}`];
  let score = nameScore;
  if (subject.dateOfBirth && entry.dateOfBirth) {
    const delta = subject.dateOfBirth === entry.dateOfBirth ? DOB_EXACT : subject.dateOfBirth.slice(0, 4) === entry.dateOfBirth.slice(0, 4) ? DOB_SAME_YEAR : DOB_DIFFERENT;
    score += delta;
    notes.push(delta > 0 ? 'date of birth matches' : 'date of birth differs');
  }
  const country = subject.country?.toUpperCase();
  if (country && entry.countries.length) {
    const shared = entry.countries.includes(country);
    score += shared ? COUNTRY_SHARED : COUNTRY_DISJOINT;
    notes.push(shared ? `country ${country} listed` : `country ${country} not listed`);
  }
  score = Math.min(1, Math.max(0, score));
  return { score: Math.round(score * 10_000) / 10_000, nameScore, matchedOn: `${matchedOn} (${notes.join('; ')})` };
}
