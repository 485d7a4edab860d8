import { describe, expect, it } from 'vitest';
import { hash } from '@node-rs/argon2';
import bcrypt from 'bcryptjs';
import { ARGON2_PARAMS, dummyVerify, hashPassword, verifyPassword } from './password';

describe('hashPassword / verifyPassword', () => {
  it('round-trips with argon2id at the OWASP parameters, and needs no rehash', async () => {
    const stored = await hashPassword('correct horse battery staple');
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(stored, 'correct horse battery staple')).toEqual({ ok: true, needsRehash: false });
  });

  it('rejects a wrong password', async () => {
    const stored = await hashPassword('correct horse battery staple');
    expect(await verifyPassword(stored, 'correct horse battery stapler')).toEqual({ ok: false, needsRehash: false });
    expect(await verifyPassword(stored, '')).toEqual({ ok: false, needsRehash: false });
  });

  it('salts: the same password hashes differently each time', async () => {
    expect(await hashPassword('same password twice')).not.toBe(await hashPassword('same password twice'));
  });

  it('verifies a legacy bcrypt hash and asks for a rehash', async () => {
    const legacy = bcrypt.hashSync('imported from the old system', 4);
    expect(legacy).toMatch(/^\$2[ab]\$04\$/);
    expect(await verifyPassword(legacy, 'imported from the old system')).toEqual({ ok: true, needsRehash: true });
    expect(await verifyPassword(legacy, 'imported from the old systen')).toEqual({ ok: false, needsRehash: false });
    // $2y$ (PHP) is the same algorithm under another prefix.
    expect(await verifyPassword(legacy.replace(/^\$2[ab]\$/, '$2y$'), 'imported from the old system')).toMatchObject({ ok: true });
  });

  it('asks for a rehash of an argon2 hash weaker than the current parameters', async () => {
    for (const weaker of [{ memoryCost: 4096 }, { timeCost: 1 }]) {
      const weak = await hash('older parameters', { ...ARGON2_PARAMS, ...weaker });
      expect(await verifyPassword(weak, 'older parameters')).toEqual({ ok: true, needsRehash: true });
    }
    // Stronger than today's parameters is left alone.
    const stronger = await hash('older parameters', { ...ARGON2_PARAMS, timeCost: 3 });
    expect(await verifyPassword(stronger, 'older parameters')).toEqual({ ok: true, needsRehash: false });
    const argon2i = await hash('older parameters', { ...ARGON2_PARAMS, algorithm: 1 as typeof ARGON2_PARAMS.algorithm });
    expect(argon2i).toMatch(/^\$argon2i\$/);
    expect(await verifyPassword(argon2i, 'older parameters')).toEqual({ ok: true, needsRehash: true });
  });

  it('returns ok:false for malformed or unknown stored hashes instead of throwing', async () => {
    const good = await hashPassword('whatever it is');
    for (const stored of [
      '',
      'plaintext-password',
      '$argon2id$v=19$m=19456,t=2,p=1$garbage',
      good.slice(0, -5),
      good.replace('m=19456', 'm=99999999999'),
      '$2b$10$tooshort',
      '$1$md5crypt$abcdefghijklmnopqrstuv',
    ]) {
      await expect(verifyPassword(stored, 'whatever it is')).resolves.toEqual({ ok: false, needsRehash: false });
    }
  });
});

describe('dummyVerify', () => {
  it('takes about as long as a real verification (no timing oracle for unknown emails)', async () => {
    const stored = await hashPassword('a real user password');
    await dummyVerify('warm-up'); // the first call also makes the reference hash
    const time = async (fn: () => Promise<unknown>) => {
      const start = performance.now();
      await fn();
      return performance.now() - start;
    };
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const real: number[] = [];
    const dummy: number[] = [];
    for (let i = 0; i < 5; i++) {
      real.push(await time(() => verifyPassword(stored, 'a wrong guess')));
      dummy.push(await time(() => dummyVerify('a wrong guess')));
    }
    const ratio = median(dummy) / median(real);
    expect(ratio).toBeGreaterThan(0.6);
    expect(ratio).toBeLessThan(1.6);
  });
});
