import { audit, type RequestMeta } from '../audit/service';
import type { Principal } from '../auth/principal';
import { withTenant, type TenantTx } from '../db/tenant';
import { Conflict, NotFound, ValidationError } from '../errors';
import { uuidv7 } from '../ids';
import { requireOwnIssuer } from '../issuers/service';
import type { TenantContext } from '../tenancy/resolve';
import {
  coveredPersonsOf,
  eventsOfIssuer,
  findCoveredPerson,
  findEventForUpdate,
  insertCoveredPerson,
  insertEvent,
  issuerExists,
  markRemoved,
  recordInquiry,
  recordWaiver,
} from './repo-covered-persons';
import type { CoveredPersonInput, DisqualifyingEventInput } from './schema';

// Bad actors person by person (17 CFR 230.506(d), (e); 227.503): the issuer records each covered
// person with the factual inquiry made into them (reasonable care, 506(d)(2)(iv)) and any
// disqualifying event (type, date, order). A compliance officer records the Commission's waiver of an
// event (506(d)(2)(ii)). What they mean for a sale: badActorStanding, read by rules/bad-actor.ts.

/** 230.506(d)(1): only events on or after 23 September 2013 disqualify; earlier ones are disclosed (506(e)). */
export const DISQUALIFICATION_EFFECTIVE_DATE = '2013-09-23';

type Person = Awaited<ReturnType<typeof coveredPersonsOf>>[number];
type Event = Awaited<ReturnType<typeof eventsOfIssuer>>[number];

const day = (d: Date) => d.toISOString().slice(0, 10);

/**
 * The issuer's standing from its records, for the sale rule: disqualifying events (on or after the
 * effective date, not waived) of current covered persons, whether their earlier events are left
 * undisclosed by the latest certification, and which current persons that certification did not cover.
 * Events disqualify for as long as they are on record (the look-back periods of 506(d)(1) are not
 * modelled: stricter).
 */
export function badActorStanding(persons: Person[], events: Event[], certification: { covered_person_ids: string[]; prior_events_disclosure: string | null } | undefined) {
  const current = new Map(persons.filter((p) => p.removed_at === null).map((p) => [p.id, p]));
  const live = events.filter((e) => current.has(e.covered_person_id));
  const disqualifying = live
    .filter((e) => day(e.event_date) >= DISQUALIFICATION_EFFECTIVE_DATE && e.waived_at === null)
    .map((e) => ({ name: current.get(e.covered_person_id)!.name, role: current.get(e.covered_person_id)!.role, eventType: e.event_type, eventDate: day(e.event_date) }));
  const prior = live.some((e) => day(e.event_date) < DISQUALIFICATION_EFFECTIVE_DATE);
  const covered = new Set(certification?.covered_person_ids ?? []);
  return {
    disqualifying,
    undisclosedPriorEvents: prior && !certification?.prior_events_disclosure,
    notCertified: [...current.values()].filter((p) => !covered.has(p.id)).map((p) => p.name),
  };
}

/** For the invest rule: the standing of an issuer, or undefined when it has no covered persons on record. */
export async function badActorRecordsOf(t: TenantTx, issuerId: string, certification: { covered_person_ids: string[]; prior_events_disclosure: string | null } | undefined) {
  const persons = await coveredPersonsOf(t, issuerId);
  if (persons.length === 0) return undefined;
  return badActorStanding(persons, await eventsOfIssuer(t, issuerId), certification);
}

function view(persons: Person[], events: Event[]) {
  return persons.map((p) => ({
    id: p.id,
    name: p.name,
    role: p.role,
    inquiry: p.inquired_at ? { method: p.inquiry_method, at: p.inquired_at.toISOString(), by: p.inquired_by } : null,
    removedAt: p.removed_at?.toISOString() ?? null,
    recordedAt: p.recorded_at.toISOString(),
    events: events
      .filter((e) => e.covered_person_id === p.id)
      .map((e) => ({
        id: e.id,
        eventType: e.event_type,
        eventDate: day(e.event_date),
        orderReference: e.order_reference,
        description: e.description,
        // 506(d): on or after 23 September 2013 it disqualifies unless waived; before, it is disclosed (506(e)).
        effect: day(e.event_date) < DISQUALIFICATION_EFFECTIVE_DATE ? 'disclose' : e.waived_at ? 'waived' : 'disqualifies',
        waiver: e.waived_at ? { reference: e.waiver_reference, at: e.waived_at.toISOString() } : null,
        recordedAt: e.recorded_at.toISOString(),
      })),
  }));
}

export async function coveredPersonsView(t: TenantTx, issuerId: string) {
  const [persons, events] = await Promise.all([coveredPersonsOf(t, issuerId, { includeRemoved: true }), eventsOfIssuer(t, issuerId)]);
  return view(persons, events);
}

async function ownPerson(t: TenantTx, p: Principal, personId: string) {
  const issuer = await requireOwnIssuer(t, p, { verified: false });
  const person = await findCoveredPerson(t, personId);
  if (!person || person.issuer_id !== issuer.id) throw new NotFound('Covered person not found');
  return { issuer, person };
}

/** GET /api/issuer/covered-persons */
export const ownCoveredPersons = (tenant: TenantContext, p: Principal) =>
  withTenant(tenant.id, { userId: p.userId }, async (t) => {
    const issuer = await requireOwnIssuer(t, p, { verified: false });
    return { coveredPersons: await coveredPersonsView(t, issuer.id) };
  });

/** POST /api/issuer/covered-persons */
export const addCoveredPerson = (tenant: TenantContext, p: Principal, input: CoveredPersonInput, meta: RequestMeta) =>
  withTenant(tenant.id, { userId: p.userId }, async (t) => {
    const issuer = await requireOwnIssuer(t, p, { verified: false });
    const id = uuidv7();
    await insertCoveredPerson(t, { id, issuerId: issuer.id, name: input.name, role: input.role, inquiryMethod: input.inquiryMethod ?? null, by: p.userId, at: new Date() });
    await audit(t, { actorId: p.userId, actorRole: p.role, action: 'compliance.covered_person_added', targetType: 'issuer', targetId: issuer.id, metadata: { personId: id, role: input.role, inquired: !!input.inquiryMethod } }, meta);
    return (await coveredPersonsView(t, issuer.id)).find((x) => x.id === id)!;
  });

/** POST /api/issuer/covered-persons/[id]/inquiry: the factual inquiry made into the person (506(d)(2)(iv)). */
export const recordCoveredPersonInquiry = (tenant: TenantContext, p: Principal, personId: string, method: string, meta: RequestMeta) =>
  withTenant(tenant.id, { userId: p.userId }, async (t) => {
    const { issuer, person } = await ownPerson(t, p, personId);
    await recordInquiry(t, person.id, method, p.userId, new Date());
    await audit(t, { actorId: p.userId, actorRole: p.role, action: 'compliance.covered_person_inquiry', targetType: 'issuer', targetId: issuer.id, metadata: { personId: person.id } }, meta);
    return (await coveredPersonsView(t, issuer.id)).find((x) => x.id === person.id)!;
  });

/** POST /api/issuer/covered-persons/[id]/events: a disqualifying event of the person. */
export const recordDisqualifyingEvent = (tenant: TenantContext, p: Principal, personId: string, input: DisqualifyingEventInput, meta: RequestMeta) =>
  withTenant(tenant.id, { userId: p.userId }, async (t) => {
    const { issuer, person } = await ownPerson(t, p, personId);
    if (input.eventDate > day(new Date())) throw new ValidationError([{ field: 'eventDate', message: 'cannot be in the future' }]);
    const id = uuidv7();
    await insertEvent(t, { id, personId: person.id, issuerId: issuer.id, eventType: input.eventType, eventDate: input.eventDate, orderReference: input.orderReference, description: input.description ?? null, by: p.userId, at: new Date() });
    await audit(t, { actorId: p.userId, actorRole: p.role, action: 'compliance.disqualifying_event_recorded', targetType: 'issuer', targetId: issuer.id, metadata: { personId: person.id, eventId: id, eventType: input.eventType, eventDate: input.eventDate } }, meta);
    return (await coveredPersonsView(t, issuer.id)).find((x) => x.id === person.id)!;
  });

/** DELETE /api/issuer/covered-persons/[id]: the person is no longer a covered person (kept on record). */
export const removeCoveredPerson = (tenant: TenantContext, p: Principal, personId: string, meta: RequestMeta) =>
  withTenant(tenant.id, { userId: p.userId }, async (t) => {
    const { issuer, person } = await ownPerson(t, p, personId);
    if (person.removed_at) throw new Conflict('covered_person_removed', 'This person was already removed');
    await markRemoved(t, person.id, new Date());
    await audit(t, { actorId: p.userId, actorRole: p.role, action: 'compliance.covered_person_removed', targetType: 'issuer', targetId: issuer.id, metadata: { personId: person.id } }, meta);
    return (await coveredPersonsView(t, issuer.id)).find((x) => x.id === person.id)!;
  });

/** GET /api/compliance/issuers/[id]/covered-persons: an issuer's covered persons, events and waivers. */
export const issuerCoveredPersons = (tenant: TenantContext, p: Principal, issuerId: string) =>
  withTenant(tenant.id, { userId: p.userId }, async (t) => {
    if (!(await issuerExists(t, issuerId))) throw new NotFound('Issuer not found');
    return { coveredPersons: await coveredPersonsView(t, issuerId) };
  });

/** POST /api/compliance/covered-person-events/[id]/waiver: the Commission waived the disqualification (506(d)(2)(ii)). */
export const waiveDisqualifyingEvent = (tenant: TenantContext, p: Principal, eventId: string, reference: string, meta: RequestMeta) =>
  withTenant(tenant.id, { userId: p.userId }, async (t) => {
    const e = await findEventForUpdate(t, eventId);
    if (!e) throw new NotFound('Event not found');
    if (e.waived_at) throw new Conflict('event_already_waived', 'A waiver of this event is already recorded');
    await recordWaiver(t, e.id, reference, p.userId, new Date());
    await audit(t, { actorId: p.userId, actorRole: p.role, action: 'compliance.disqualification_waived', targetType: 'issuer', targetId: e.issuer_id, metadata: { eventId: e.id, waiverReference: reference } }, meta);
    return { issuerId: e.issuer_id, coveredPersons: await coveredPersonsView(t, e.issuer_id) };
  });
