import { audit, type RequestMeta } from '../audit/service';
import type { Principal } from '../auth/principal';
import { withTenant, type TenantTx } from '../db/tenant';
import { Conflict, ValidationError } from '../errors';
import { uuidv7 } from '../ids';
import { requireOwnIssuer } from '../issuers/service';
import type { TenantContext } from '../tenancy/resolve';
import { badActorStanding } from './covered-persons';
import { coveredPersonsOf, eventsOfIssuer } from './repo-covered-persons';
import { BAD_ACTOR_CERTIFICATION_DAYS } from './rules/bad-actor';
import type { BadActorCertificationInput } from './schema';

// The issuer's bad-actor certification (17 CFR 230.506(d), (e); 227.503): recorded per issuer,
// append-only; the latest one made within BAD_ACTOR_CERTIFICATION_DAYS lets its 506(b), 506(c)
// and Reg CF deals sell (rules/bad-actor.ts).

/** The latest certification of each issuer. */
export function latestCertifications(t: TenantTx, issuerIds: string[]) {
  if (issuerIds.length === 0) return Promise.resolve([]);
  return t.tx
    .selectFrom('issuer_bad_actor_certifications')
    .select(['issuer_id', 'id', 'certified_at', 'certified_by', 'covered_persons', 'prior_events_disclosure', 'covered_person_ids'])
    .distinctOn('issuer_id')
    .where('tenant_id', '=', t.tenantId)
    .where('issuer_id', 'in', issuerIds)
    .orderBy('issuer_id')
    .orderBy('certified_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

export function certificationView(c: { id: string; certified_at: Date; covered_persons: unknown; prior_events_disclosure: string | null; covered_person_ids?: string[] }) {
  const validUntil = new Date(c.certified_at.getTime() + BAD_ACTOR_CERTIFICATION_DAYS * 86_400_000);
  return {
    id: c.id,
    certifiedAt: c.certified_at.toISOString(),
    validUntil: validUntil.toISOString(),
    current: validUntil.getTime() > Date.now(),
    coveredPersons: c.covered_persons,
    coveredPersonIds: c.covered_person_ids ?? [],
    priorEventsDisclosure: c.prior_events_disclosure,
  };
}

/**
 * POST /api/issuer/bad-actor-certification: the caller's issuer certifies; 201 with the record. With
 * covered persons on record, the certification covers each of them, and is refused while one was not
 * inquired into (506(d)(2)(iv)) or has a disqualifying event not waived (506(d)); events before
 * 23 September 2013 must be disclosed (506(e)).
 */
export async function certifyNoBadActors(tenant: TenantContext, p: Principal, input: BadActorCertificationInput, meta: RequestMeta) {
  return withTenant(tenant.id, { userId: p.userId }, async (t) => {
    const issuer = await requireOwnIssuer(t, p, { verified: false });
    const persons = await coveredPersonsOf(t, issuer.id);
    if (persons.length === 0 && !input.coveredPersons)
      throw new ValidationError([{ field: 'coveredPersons', message: 'list every covered person inquired about, or record them as covered persons first (17 CFR 230.506(d)(1))' }]);
    const uninquired = persons.filter((x) => !x.inquired_at).map((x) => x.name);
    if (uninquired.length)
      throw new Conflict('covered_person_inquiry_missing', `Record the factual inquiry made into each covered person before certifying (17 CFR 230.506(d)(2)(iv)): ${uninquired.join(', ')}`);
    const standing = badActorStanding(persons, await eventsOfIssuer(t, issuer.id), { covered_person_ids: persons.map((x) => x.id), prior_events_disclosure: input.priorEventsDisclosure ?? null });
    if (standing.disqualifying.length)
      throw new Conflict(
        'bad_actor_disqualified',
        `A covered person has a disqualifying event on or after 23 September 2013 with no waiver (17 CFR 230.506(d)): ${standing.disqualifying.map((d) => `${d.name} (${d.eventType}, ${d.eventDate})`).join('; ')}`,
      );
    if (standing.undisclosedPriorEvents)
      throw new ValidationError([{ field: 'priorEventsDisclosure', message: 'a covered person has an event before 23 September 2013: describe it here, for purchasers (17 CFR 230.506(e))' }]);
    const listed = input.coveredPersons ?? persons.map((x) => ({ name: x.name, role: x.role }));
    const row = await t.tx
      .insertInto('issuer_bad_actor_certifications')
      .values({
        tenant_id: t.tenantId,
        id: uuidv7(),
        issuer_id: issuer.id,
        certified_by: p.userId,
        covered_persons: JSON.stringify(listed),
        covered_person_ids: persons.map((x) => x.id),
        prior_events_disclosure: input.priorEventsDisclosure ?? null,
        statement: input.statement,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(t, { actorId: p.userId, actorRole: p.role, action: 'compliance.bad_actor_certified', targetType: 'issuer', targetId: issuer.id, metadata: { coveredPersons: listed.length, onRecord: persons.length } }, meta);
    return certificationView(row);
  });
}

/** GET /api/issuer/bad-actor-certification: the caller's issuer's latest certification, or null. */
export async function ownCertification(tenant: TenantContext, p: Principal) {
  return withTenant(tenant.id, { userId: p.userId }, async (t) => {
    const issuer = await requireOwnIssuer(t, p, { verified: false });
    const [c] = await latestCertifications(t, [issuer.id]);
    return { certification: c ? certificationView(c) : null };
  });
}
