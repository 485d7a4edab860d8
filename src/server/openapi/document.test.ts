import { describe, expect, it } from 'vitest';
import { derefSchema, openApiDocument, type OpenApiOperation } from './document';

const doc = openApiDocument();
const operations = Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ name: `${method.toUpperCase()} ${path}`, op: op as OpenApiOperation })));
const bodyOf = (path: string, method: string) => derefSchema(doc, doc.paths[path]![method]!.requestBody!.content['application/json']!.schema) as { properties?: Record<string, unknown>; required?: string[] };

describe('OpenAPI document', () => {
  it('is OpenAPI 3.1 with servers, the seed endpoints and their request schemas', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.servers.length).toBeGreaterThan(0);
    expect(bodyOf('/api/auth/login', 'post').required).toEqual(expect.arrayContaining(['email', 'password']));
    expect(Object.keys(bodyOf('/api/deals/{id}/invest', 'post').properties ?? {})).toEqual(expect.arrayContaining(['amount', 'paymentMethod', 'walletAddress']));
    expect(doc.paths['/api/deals']!.get).toBeDefined();
    expect(doc.paths['/api/health']!.get).toBeDefined();
  });

  it('gives every operation a unique operationId, a tag the document declares, and success and error responses with schemas', () => {
    const ids = operations.map((o) => o.op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    const tags = new Set(doc.tags.map((t) => t.name));
    const problems: string[] = [];
    for (const { name, op } of operations) {
      if (!/^[a-z][A-Za-z0-9]+$/.test(op.operationId)) problems.push(`${name}: operationId ${op.operationId}`);
      if (!op.tags.every((t) => tags.has(t))) problems.push(`${name}: undeclared tag ${op.tags.join()}`);
      const statuses = Object.keys(op.responses).map(Number);
      const successes = statuses.filter((s) => s < 400);
      if (!successes.length) problems.push(`${name}: no success response`);
      for (const s of successes) {
        const r = op.responses[s]!;
        if ('$ref' in r) continue;
        // 204 and redirects (a followed referral link: 302 with Location) carry no body.
        if (s !== 204 && !(s >= 300 && s < 400) && !r.content) problems.push(`${name}: ${s} has no content`);
        for (const [type, media] of Object.entries(r.content ?? {})) if (type.endsWith('json') && typeof media.schema.$ref !== 'string') problems.push(`${name}: ${s} schema is not a component`);
      }
      for (const s of statuses.filter((x) => x >= 400)) {
        const r = op.responses[s]!;
        if (!('$ref' in r) && r.content?.['application/json']) continue; // health and readiness: 503 with the same report
        const schema = '$ref' in r ? (doc.components.responses[r.$ref.split('/').pop()!] as { content: Record<string, { schema: { $ref: string } }> }).content['application/problem+json']!.schema : r.content?.['application/problem+json']?.schema;
        if (schema?.$ref !== '#/components/schemas/Problem') problems.push(`${name}: ${s} is not a Problem`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('shares components by $ref: the UUID pattern is written once, and every $ref resolves', () => {
    const text = JSON.stringify(doc);
    expect(text.split('[0-9a-fA-F]{8}-').length - 1).toBe(1);
    const refs = [...text.matchAll(/"\$ref":"#\/components\/(schemas|responses)\/([^"]+)"/g)];
    expect(refs.length).toBeGreaterThan(100);
    const missing = refs.filter(([, kind, name]) => !(doc.components as unknown as Record<string, Record<string, unknown>>)[kind!]![name!]);
    expect(missing.map((m) => m[0])).toEqual([]);
  });

  it('passes Redocly’s recommended lint rules with zero errors', async () => {
    const { lintFromString, createConfig, stringifyYaml } = await import('@redocly/openapi-core');
    const config = await createConfig({ extends: ['recommended'], rules: { 'info-license-url': 'off', 'no-server-example.com': 'off' } });
    const results = await lintFromString({ source: stringifyYaml(doc), absoluteRef: '/openapi.yaml', config });
    const errors = results.filter((r) => r.severity === 'error').map((r) => `${r.ruleId}: ${r.message} at ${r.location[0]?.pointer}`);
    expect(errors).toEqual([]);
  }, 60_000);
});

describe('OpenAPI coverage', () => {
  it('documents every API route file and method, and documents nothing that no route serves', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const path = await import('node:path');
    const root = path.resolve(import.meta.dirname, '../../app/api');
    const walk = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : e.name === 'route.ts' ? [path.join(dir, e.name)] : []));
    const missing: string[] = [];
    const served = new Set<string>();
    for (const file of walk(root)) {
      const apiPath = '/api/' + path.relative(root, path.dirname(file)).split(path.sep).map((s) => s.replace(/^\[(.+)\]$/, '{$1}')).join('/');
      if (apiPath.startsWith('/api/bench/')) continue; // benchmark floor, off unless ENABLE_BENCH_ROUTES=1
      const source = readFileSync(file, 'utf8');
      const direct = [...source.matchAll(/export (?:const|async function|function) (GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1]!);
      const destructured = [...source.matchAll(/export const \{([^}]+)\}/g)].flatMap((m) => m[1]!.split(',').map((x) => x.trim()));
      const methods = [...direct, ...destructured].filter((x) => /^(GET|POST|PUT|PATCH|DELETE)$/.test(x)).map((x) => x.toLowerCase());
      for (const m of methods) {
        served.add(`${m.toUpperCase()} ${apiPath}`);
        if (!doc.paths[apiPath]?.[m]) missing.push(`${m.toUpperCase()} ${apiPath}`);
      }
    }
    expect(missing).toEqual([]);
    expect(operations.map((o) => o.name).filter((name) => !served.has(name))).toEqual([]);
  });
});
