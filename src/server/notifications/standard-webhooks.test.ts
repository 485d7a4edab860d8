import { describe, expect, it } from 'vitest';
import { signStandardWebhook, standardWebhookRefusal } from './standard-webhooks';

// Vectors from the Standard Webhooks reference library's tests (libraries/javascript/src/webhook.test.ts).
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const ID = 'msg_p5jXN8AQM9LWM0D4loKWxJek';
const PAYLOAD = '{"test": 2432232314}';

describe('Standard Webhooks signatures', () => {
  it('signs the specification’s vector', () => {
    expect(signStandardWebhook(SECRET, ID, 1614265330, PAYLOAD)).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
    // The secret with or without its whsec_ prefix.
    expect(signStandardWebhook(SECRET.slice(6), ID, 1614265330, PAYLOAD)).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });

  const now = 1614265330;
  const good = { id: ID, timestamp: String(now), signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=' };

  it('accepts the vector, also among other signatures, and refuses what the reference library refuses', () => {
    expect(standardWebhookRefusal(SECRET, good, PAYLOAD, now)).toBeNull();
    const multi = { ...good, signature: ['v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=', 'v2,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=', good.signature].join(' ') };
    expect(standardWebhookRefusal(SECRET, multi, PAYLOAD, now)).toBeNull();
    expect(standardWebhookRefusal(SECRET, { ...good, id: null }, PAYLOAD, now)).toMatch(/missing/);
    expect(standardWebhookRefusal(SECRET, { ...good, timestamp: null }, PAYLOAD, now)).toMatch(/missing/);
    expect(standardWebhookRefusal(SECRET, { ...good, signature: null }, PAYLOAD, now)).toMatch(/missing/);
    expect(standardWebhookRefusal(SECRET, { ...good, timestamp: 'hello' }, PAYLOAD, now)).toMatch(/Unix time/);
    expect(standardWebhookRefusal(SECRET, { ...good, signature: 'v1,dawfeoifkpqwoekfpqoekf' }, PAYLOAD, now)).toBe('no valid signature');
    expect(standardWebhookRefusal(SECRET, { ...good, signature: good.signature.slice(0, 8) }, PAYLOAD, now)).toBe('no valid signature');
    expect(standardWebhookRefusal(SECRET, { ...good, signature: 'v1,' }, PAYLOAD, now)).toBe('no valid signature');
    expect(standardWebhookRefusal(SECRET, good, PAYLOAD.replace('2432232314', '2432232315'), now)).toBe('no valid signature');
    // Five minutes either way, no more.
    expect(standardWebhookRefusal(SECRET, good, PAYLOAD, now + 300)).toBeNull();
    expect(standardWebhookRefusal(SECRET, good, PAYLOAD, now + 301)).toMatch(/too old/);
    expect(standardWebhookRefusal(SECRET, good, PAYLOAD, now - 301)).toMatch(/too old/);
  });
});
