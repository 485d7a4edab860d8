/** The two letters on the account menu's button (also used by the signed-in page cache to fill them in). */
export function initialsOf(name: string): string {
  return name
    .split(/\s+/)
    .map((w) => w[0]?.toUpperCase())
    .join('')
    .slice(0, 2);
}
