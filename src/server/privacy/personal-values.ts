/** Regular-expression text for PostgreSQL (ARE) matching any of the values literally. */
export function alternation(values: string[]): string {
  return values.map((v) => v.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')).join('|');
}

/** What the member is known by: only values long enough not to match unrelated text. */
export type PersonalValues = { everywhere: string[]; ownRowsOnly: string[] };

export function personalValues(u: { email: string; first_name: string; last_name: string; display_name: string | null; phone: string | null; wallets: string[] }): PersonalValues {
  const long = (v: string | null | undefined): v is string => !!v && v.trim().length >= 3;
  const everywhere = [u.email, `${u.first_name} ${u.last_name}`, u.display_name, u.phone, ...u.wallets].filter(long);
  // A single first or last name may be another member's too: scrubbed only in the member's own rows.
  const ownRowsOnly = [u.first_name, u.last_name].filter(long);
  return { everywhere: [...new Set(everywhere)], ownRowsOnly: [...new Set(ownRowsOnly)] };
}

export const ERASED = 'erased member';
