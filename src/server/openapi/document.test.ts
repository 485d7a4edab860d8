import { describe, expect, it } from 'vitest';
import { openApiDocument } from './document';

describe('OpenAPI document', () => {
  it('is OpenAPI 3.1 with the seed endpoints and their request schemas', () => {
    const doc = openApiDocument() as { openapi: string; paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { properties?: Record<string, unknown>; required?: string[] } }> } }>> };
    expect(doc.openapi).toBe('3.1.0');
    const login = doc.paths['/api/auth/login']!.post!.requestBody!.content['application/json']!.schema;
    expect(login.required).toEqual(expect.arrayContaining(['email', 'password']));
    const invest = doc.paths['/api/deals/{id}/invest']!.post!.requestBody!.content['application/json']!.schema;
    expect(Object.keys(invest.properties ?? {})).toEqual(expect.arrayContaining(['amount', 'paymentMethod', 'walletAddress']));
    expect(doc.paths['/api/deals']!.get).toBeDefined();
    expect(doc.paths['/api/health']!.get).toBeDefined();
  });
});

describe('OpenAPI coverage', () => {
  it('documents every API route file and method (a new route without documentation fails here)', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const path = await import('node:path');
    const root = path.resolve(import.meta.dirname, '../../app/api');
    const walk = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : e.name === 'route.ts' ? [path.join(dir, e.name)] : []));
    const doc = openApiDocument() as { paths: Record<string, Record<string, unknown>> };
    const missing: string[] = [];
    for (const file of walk(root)) {
      const apiPath = '/api/' + path.relative(root, path.dirname(file)).split(path.sep).map((s) => s.replace(/^\[(.+)\]$/, '{$1}')).join('/');
      if (apiPath === '/api/openapi.json' || apiPath.startsWith('/api/bench/')) continue;
      const source = readFileSync(file, 'utf8');
      const direct = [...source.matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1]!);
      const destructured = [...source.matchAll(/export const \{([^}]+)\}/g)].flatMap((m) => m[1]!.split(',').map((x) => x.trim()));
      const methods = [...direct, ...destructured].filter((x) => /^(GET|POST|PUT|PATCH|DELETE)$/.test(x)).map((x) => x.toLowerCase());
      for (const m of methods) if (!doc.paths[apiPath]?.[m]) missing.push(`${m.toUpperCase()} ${apiPath}`);
    }
    expect(missing).toEqual([]);
  });
});
