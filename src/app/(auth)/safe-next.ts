/** Only same-site paths: "/deals/x" yes; "//evil.example", "https://…" or "/\\evil" no. */
export function safeNext(next: string | null | undefined, fallback = '/deals'): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  return next;
}
