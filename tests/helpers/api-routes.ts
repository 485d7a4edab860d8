// Which operation of the OpenAPI document a route handler serves: every route file under
// src/app/api, loaded once, gives each exported handler its path template and method, so the
// API test helper can check a response against what the document promises for that operation.
type Handler = (req: Request, ctx?: { params?: Promise<Record<string, string>> }) => Promise<Response>;
export type RouteOperation = { path: string; method: 'get' | 'post' | 'put' | 'patch' | 'delete' };

const routeFiles = import.meta.glob('../../src/app/api/**/route.ts');
let byHandler: Map<Handler, RouteOperation> | undefined;

/** `/api/deals/[id]/invest` -> `/api/deals/{id}/invest`, as the document spells it. */
export function apiPathOf(file: string): string {
  const rel = file.slice(file.indexOf('/src/app/api/') + '/src/app'.length).replace(/\/route\.ts$/, '');
  return rel.replace(/\[([^\]]+)\]/g, '{$1}');
}

export async function operationOf(handler: Handler): Promise<RouteOperation | undefined> {
  if (!byHandler) {
    const map = new Map<Handler, RouteOperation>();
    for (const [file, load] of Object.entries(routeFiles)) {
      const mod = (await load()) as Record<string, unknown>;
      for (const m of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const) {
        const h = mod[m];
        if (typeof h === 'function') map.set(h as Handler, { path: apiPathOf(file), method: m.toLowerCase() as RouteOperation['method'] });
      }
    }
    byHandler = map;
  }
  return byHandler.get(handler);
}

/** The handler serving `method pathname` (as Next.js's router would pick it: static segments before dynamic ones), with its params. */
export async function routeFor(method: string, pathname: string): Promise<{ handler: Handler; params: Record<string, string> } | undefined> {
  const candidates: { file: string; params: Record<string, string>; dynamic: number }[] = [];
  const parts = pathname.split('/').filter(Boolean);
  for (const file of Object.keys(routeFiles)) {
    const tpl = apiPathOf(file).split('/').filter(Boolean);
    if (tpl.length !== parts.length) continue;
    const params: Record<string, string> = {};
    let dynamic = 0;
    if (tpl.every((seg, i) => (seg.startsWith('{') ? ((params[seg.slice(1, -1)] = decodeURIComponent(parts[i]!)), dynamic++, true) : seg === parts[i]))) candidates.push({ file, params, dynamic });
  }
  candidates.sort((a, b) => a.dynamic - b.dynamic);
  for (const c of candidates) {
    const handler = ((await routeFiles[c.file]!()) as Record<string, unknown>)[method.toUpperCase()];
    if (typeof handler === 'function') return { handler: handler as Handler, params: c.params };
  }
  return undefined;
}
