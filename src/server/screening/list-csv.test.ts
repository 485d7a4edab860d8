import { describe, expect, it } from 'vitest';
import { parseScreeningList } from './list-csv';

const today = new Date('2030-01-01T00:00:00Z');

describe('screening list CSV', () => {
  it('reads quoted names, aliases and countries split by ;', () => {
    const r = parseScreeningList('name,aliases,date_of_birth,countries\r\n"Müller, José","Pepe; ""El Jefe""",1970-02-03,es;ar\nIvan Petrov,,,\n', today);
    expect(r.errors).toEqual([]);
    expect(r.entries).toEqual([
      { fullName: 'Müller, José', normalizedName: 'jose muller', aliases: ['Pepe', '"El Jefe"'], searchText: 'jose muller pepe el jefe', dateOfBirth: '1970-02-03', countries: ['ES', 'AR'] },
      { fullName: 'Ivan Petrov', normalizedName: 'ivan petrov', aliases: [], searchText: 'ivan petrov', dateOfBirth: null, countries: [] },
    ]);
  });

  it('names every bad line, counting lines inside quoted fields', () => {
    const csv = ['name,aliases,date_of_birth,countries', 'Good One,,,', ',,,', 'Bad Date,,1970-13-01,', '"Multi', 'line",,,', 'Bad Country,,,Spain', 'Too,Many,Columns,,', 'Future,,2031-01-01,'].join('\n');
    const r = parseScreeningList(csv, today);
    expect(r.errors.map((e) => e.line)).toEqual([3, 4, 7, 8, 9]);
    expect(r.errors[0]!.message).toBe('name is empty');
    expect(r.entries.map((e) => e.fullName)).toEqual(['Good One', 'Multi\nline']);
  });

  it('refuses a missing header and an empty list', () => {
    expect(parseScreeningList('Jose Muller,,,\n', today).errors[0]).toMatchObject({ line: 1 });
    expect(parseScreeningList('name,aliases,date_of_birth,countries\n', today).errors[0]).toMatchObject({ line: 2, message: 'the list has no entries' });
  });
});
