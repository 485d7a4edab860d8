// Cookie names and attributes in one place. Access and refresh cookies are httpOnly;
// the CSRF cookie is readable by our own script, which echoes it in a header.
export const ACCESS_COOKIE = 'cdp_at';
export const REFRESH_COOKIE = 'cdp_rt';
export const CSRF_COOKIE = 'cdp_csrf';
export const REFRESH_COOKIE_PATH = '/api/auth';

export type CookieSpec = { name: string; value: string; maxAgeSeconds: number; httpOnly: boolean; path?: string };

export function serializeCookie(c: CookieSpec, secure: boolean): string {
  const parts = [`${c.name}=${encodeURIComponent(c.value)}`, `Path=${c.path ?? '/'}`, `Max-Age=${c.maxAgeSeconds}`, 'SameSite=Lax'];
  if (c.httpOnly) parts.push('HttpOnly');
  if (secure) parts.push('Secure');
  return parts.join('; ');
}

export function readCookie(req: Request, name: string): string | null {
  const header = req.headers.get('cookie');
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return null;
      }
    }
  }
  return null;
}
