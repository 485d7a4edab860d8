const BASE = 'https://same-origin.invalid';

/**
 * Only a path on this site: "/deals/x" yes; "//evil.example", "https://…", "/\\evil" or
 * "/\t/evil.example" no. The browser's URL parser drops tabs and newlines and reads "\" as
 * "/", so the value is judged after the same parsing, on what the browser would follow.
 */
export function safeNext(next: string | null | undefined, fallback = '/deals'): string {
  // Control characters and backslashes never belong in a path we hand out.
  if (!next || !next.startsWith('/') || /[\u0000-\u001f\u007f\\]/.test(next)) return fallback;
  let url: URL;
  try {
    url = new URL(next, BASE);
  } catch {
    return fallback;
  }
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (url.origin !== BASE || path.startsWith('//')) return fallback;
  return path;
}
