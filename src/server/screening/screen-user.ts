import { audit } from '../audit/service';
import { findProfile, findUserById } from '../auth/repo';
import type { TenantTx } from '../db/tenant';
import { NotFound } from '../errors';
import { normalizeName } from './normalize';
import { candidateEntries, countOpenHits, entriesWithHits, findProviderHit, insertHit, lockHitsOf, tenantThreshold } from './repo';
import { DEFAULT_THRESHOLD, scoreCandidate } from './score';

const CANDIDATES = 200;
const NO_REQUEST = { ip: null, userAgent: null, requestId: null };

export type ScreeningResult = { opened: number; openHits: number; threshold: number };

/**
 * Screens one person against the tenant's sanctions and PEP lists. A match at or above the
 * threshold opens a review item; nothing here rejects or clears anyone. An entry that was
 * already decided for this person is not raised again.
 */
export async function screenUser(t: TenantTx, userId: string, opts: { threshold?: number } = {}): Promise<ScreeningResult> {
  const user = await findUserById(t, userId);
  if (!user) throw new NotFound('User not found');
  const profile = await findProfile(t, userId);
  const threshold = opts.threshold ?? (await tenantThreshold(t)) ?? DEFAULT_THRESHOLD;
  const name = `${user.first_name} ${user.last_name}`;
  const query = normalizeName(name);
  let opened = 0;
  if (query) {
    await lockHitsOf(t, userId);
    const seen = await entriesWithHits(t, userId);
    for (const c of await candidateEntries(t, query, CANDIDATES)) {
      if (seen.has(c.id)) continue;
      const m = scoreCandidate({ name, country: profile?.country ?? null }, { fullName: c.full_name, aliases: c.aliases, dateOfBirth: c.date_of_birth, countries: c.countries });
      if (m.score < threshold) continue;
      const hitId = await insertHit(t, { userId, entryId: c.id, source: 'list', score: m.score, matchedOn: m.matchedOn });
      await audit(t, { actorId: t.userId, action: 'screening.hit_opened', targetType: 'screening_hit', targetId: hitId, metadata: { userId, entryId: c.id, listId: c.list_id, score: m.score } }, NO_REQUEST);
      opened++;
    }
  }
  return { opened, openHits: await countOpenHits(t, userId), threshold };
}

/**
 * A KYC provider's own sanctions / PEP finding (for example Sumsub's review labels): it
 * goes to the same review queue as a list match. Idempotent per person, source and finding:
 * a provider that reports the same label again (a new review, a re-sent webhook) adds
 * nothing while a hit for it is open, and does not re-open one a reviewer already decided.
 */
export async function recordProviderHit(t: TenantTx, userId: string, finding: { provider: string; label: string; score?: number }): Promise<{ hitId: string; opened: boolean }> {
  const matchedOn = `${finding.provider}: ${finding.label}`;
  await lockHitsOf(t, userId);
  const existing = await findProviderHit(t, userId, matchedOn);
  if (existing) return { hitId: existing.id, opened: false };
  const hitId = await insertHit(t, { userId, entryId: null, source: 'provider', score: finding.score ?? 1, matchedOn });
  await audit(t, { actorId: t.userId, action: 'screening.hit_opened', targetType: 'screening_hit', targetId: hitId, metadata: { userId, provider: finding.provider, label: finding.label } }, NO_REQUEST);
  return { hitId, opened: true };
}
