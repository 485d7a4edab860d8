import { normalizeName } from './normalize';

// A screening list as a tenant admin uploads it: RFC 4180 CSV with the header
// name,aliases,date_of_birth,countries; aliases and countries separated by ';'. Every row
// is checked and every bad line is reported, so one upload shows all the fixes needed.

export const LIST_HEADER = ['name', 'aliases', 'date_of_birth', 'countries'] as const;
export const MAX_LIST_ROWS = 200_000;

export type ListEntry = { fullName: string; normalizedName: string; aliases: string[]; searchText: string; dateOfBirth: string | null; countries: string[] };
export type LineError = { line: number; message: string };

type Record = { line: number; fields: string[] };

/** Splits CSV text into records, each with the line it starts on (1-based). */
export function parseCsvRecords(text: string): { records: Record[]; errors: LineError[] } {
  const records: Record[] = [];
  const errors: LineError[] = [];
  let line = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (i < text.length) {
    const start = line;
    const fields: string[] = [];
    let field = '';
    let broken = false;
    for (;;) {
      if (text[i] === '"' && field === '') {
        i++;
        for (;;) {
          if (i >= text.length) {
            errors.push({ line: start, message: 'unterminated quoted field' });
            broken = true;
            break;
          }
          if (text[i] === '"') {
            if (text[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (text[i] === '\n') line++;
          field += text[i++];
        }
        if (!broken && i < text.length && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') {
          errors.push({ line: start, message: 'characters after a closing quote' });
          broken = true;
        }
      }
      if (broken) break;
      while (i < text.length && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') field += text[i++];
      fields.push(field);
      field = '';
      if (text[i] === ',') {
        i++;
        continue;
      }
      break;
    }
    if (broken) {
      // Skip to the end of the physical line and carry on with the next record.
      while (i < text.length && text[i] !== '\n') i++;
    }
    if (text[i] === '\r') i++;
    if (text[i] === '\n') {
      i++;
      line++;
    }
    if (!broken && !(fields.length === 1 && fields[0]!.trim() === '')) records.push({ line: start, fields });
  }
  return { records, errors };
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const COUNTRY = /^[A-Z]{2}$/;
const split = (v: string) => v.split(';').map((s) => s.trim()).filter(Boolean);

function validDate(v: string, today: Date): boolean {
  const m = DATE.exec(v);
  if (!m) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(v) && Number(m[1]) >= 1900 && d <= today;
}

function entryOf(r: Record, today: Date): ListEntry | LineError {
  const bad = (message: string): LineError => ({ line: r.line, message });
  if (r.fields.length !== LIST_HEADER.length) return bad(`expected ${LIST_HEADER.length} columns, found ${r.fields.length}`);
  const [rawName, rawAliases, rawDob, rawCountries] = r.fields.map((f) => f.trim()) as [string, string, string, string];
  if (!rawName) return bad('name is empty');
  if (rawName.length > 300) return bad('name is longer than 300 characters');
  const normalizedName = normalizeName(rawName);
  if (!normalizedName) return bad('name has no letters or digits');
  const aliases = split(rawAliases);
  if (aliases.length > 50) return bad('more than 50 aliases');
  const badAlias = aliases.find((a) => a.length > 300 || !normalizeName(a));
  if (badAlias !== undefined) return bad(`alias "${badAlias.slice(0, 40)}" is empty of letters or longer than 300 characters`);
  if (rawDob && !validDate(rawDob, today)) return bad(`date_of_birth "${rawDob.slice(0, 20)}" is not a past date YYYY-MM-DD`);
  const countries = split(rawCountries).map((c) => c.toUpperCase());
  const badCountry = countries.find((c) => !COUNTRY.test(c));
  if (badCountry !== undefined) return bad(`country "${badCountry.slice(0, 10)}" is not a two-letter ISO 3166 code`);
  const searchText = [normalizedName, ...aliases.map(normalizeName)].join(' ');
  return { fullName: rawName, normalizedName, aliases, searchText, dateOfBirth: rawDob || null, countries: [...new Set(countries)] };
}

/** The entries of an uploaded list, or every line that is wrong with it. */
export function parseScreeningList(text: string, today = new Date()): { entries: ListEntry[]; errors: LineError[] } {
  const { records, errors } = parseCsvRecords(text);
  const [header, ...rows] = records;
  if (!header || header.line !== 1 || header.fields.map((f) => f.trim().toLowerCase()).join(',') !== LIST_HEADER.join(','))
    return { entries: [], errors: [{ line: 1, message: `the first line must be the header ${LIST_HEADER.join(',')}` }, ...errors] };
  if (!rows.length && !errors.length) return { entries: [], errors: [{ line: 2, message: 'the list has no entries' }] };
  if (rows.length > MAX_LIST_ROWS) return { entries: [], errors: [{ line: rows[MAX_LIST_ROWS]!.line, message: `a list holds at most ${MAX_LIST_ROWS} entries` }] };
  const entries: ListEntry[] = [];
  for (const r of rows) {
    const e = entryOf(r, today);
    if ('message' in e) errors.push(e);
    else entries.push(e);
  }
  errors.sort((a, b) => a.line - b.line);
  return { entries, errors };
}
