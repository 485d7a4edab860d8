import { describe, expect, it } from 'vitest';
import { uuidv7 } from './ids';

describe('uuidv7', () => {
  it('is an RFC 9562 version 7 UUID carrying its millisecond, unique across many ids drawn from the shared random pool', () => {
    const at = Date.UTC(2026, 10, 25, 12, 0, 0, 123);
    const ids = Array.from({ length: 5_000 }, () => uuidv7(at));
    for (const id of ids.slice(0, 50)) {
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(at);
    }
    expect(new Set(ids).size).toBe(ids.length);
    // Later milliseconds sort later.
    expect(uuidv7(at + 1) > uuidv7(at)).toBe(true);
  });
});
