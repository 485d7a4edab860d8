import { describe, expect, it } from 'vitest';
import { jaroWinkler } from './jaro-winkler';
import { normalizeName } from './normalize';
import { DEFAULT_THRESHOLD, scoreCandidate } from './score';

const entry = (fullName: string, o: { aliases?: string[]; dob?: string | null; countries?: string[] } = {}) => ({ fullName, aliases: o.aliases ?? [], dateOfBirth: o.dob ?? null, countries: o.countries ?? [] });

describe('name normalisation', () => {
  it('drops accents, case, punctuation and token order', () => {
    expect(normalizeName('Müller, José')).toBe('jose muller');
    expect(normalizeName('  JOSÉ   müller ')).toBe('jose muller');
    expect(normalizeName("O'Brien-Smith, Seán")).toBe('obrien sean smith');
    expect(normalizeName('Strauß Øster')).toBe('oster strauss');
  });
});

describe('Jaro-Winkler', () => {
  it('matches the published reference values', () => {
    expect(jaroWinkler('martha', 'marhta')).toBeCloseTo(0.9611, 4);
    expect(jaroWinkler('dwayne', 'duane')).toBeCloseTo(0.84, 2);
    expect(jaroWinkler('dixon', 'dicksonx')).toBeCloseTo(0.8133, 4);
    expect(jaroWinkler('abc', 'xyz')).toBe(0);
  });
});

describe('screening score', () => {
  it('accented and reordered names are the same person', () => {
    expect(scoreCandidate({ name: 'José Müller' }, entry('MULLER Jose')).score).toBe(1);
  });

  it('spelling variants still reach the threshold', () => {
    expect(scoreCandidate({ name: 'Jose Mueller' }, entry('Müller, José')).score).toBeGreaterThanOrEqual(DEFAULT_THRESHOLD);
  });

  it('an alias hits and says so', () => {
    const m = scoreCandidate({ name: 'Pepe Smith' }, entry('Ivan Petrov', { aliases: ['Smith, Pepe'] }));
    expect(m.score).toBe(1);
    expect(m.matchedOn).toMatch(/^alias "Smith, Pepe"/);
  });

  it('a near miss stays below the threshold', () => {
    expect(scoreCandidate({ name: 'Jose Martinez' }, entry('Jose Muller')).score).toBeLessThan(DEFAULT_THRESHOLD);
    expect(scoreCandidate({ name: 'Maria Gonzalez' }, entry('Maria')).score).toBeLessThan(DEFAULT_THRESHOLD);
  });

  it('a date of birth mismatch lowers the score, a match raises it; country likewise', () => {
    const subject = { name: 'Jon Smyth', dateOfBirth: '1980-05-05' };
    const plain = scoreCandidate({ name: 'Jon Smyth' }, entry('John Smith', { dob: '1980-05-05' })).score;
    const same = scoreCandidate(subject, entry('John Smith', { dob: '1980-05-05' })).score;
    const other = scoreCandidate(subject, entry('John Smith', { dob: '1961-01-01' }));
    expect(same).toBeGreaterThan(plain);
    expect(other.score).toBeLessThan(plain);
    expect(other.score).toBeLessThan(DEFAULT_THRESHOLD);
    expect(other.matchedOn).toContain('date of birth differs');
    expect(scoreCandidate({ name: 'Jon Smyth', country: 'FR' }, entry('John Smith', { countries: ['RU'] })).score).toBeLessThan(plain);
    expect(scoreCandidate({ name: 'Jon Smyth', country: 'ru' }, entry('John Smith', { countries: ['RU'] })).score).toBeGreaterThan(plain);
  });
});
