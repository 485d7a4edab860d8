import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate } from '../../../scripts/openapi-responses';

describe('generated response schemas', () => {
  it('match the route handlers’ return types (run `npm run openapi:responses` after changing a response)', () => {
    const current = readFileSync(path.resolve(import.meta.dirname, 'responses.generated.ts'), 'utf8');
    expect(generate() === current).toBe(true);
  }, 300_000);
});
