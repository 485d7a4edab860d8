import { beforeAll, describe, expect, it } from 'vitest';
import { POST as invest } from '../../src/app/api/deals/[id]/invest/route';
import { GET as listOwn, POST as addPerson } from '../../src/app/api/issuer/covered-persons/route';
import { DELETE as removePerson } from '../../src/app/api/issuer/covered-persons/[id]/route';
import { POST as inquire } from '../../src/app/api/issuer/covered-persons/[id]/inquiry/route';
import { POST as addEvent } from '../../src/app/api/issuer/covered-persons/[id]/events/route';
import { GET as officerList } from '../../src/app/api/compliance/issuers/[id]/covered-persons/route';
import { POST as waive } from '../../src/app/api/compliance/covered-person-events/[id]/waiver/route';
import { POST as certify } from '../../src/app/api/issuer/bad-actor-certification/route';
import { GET as summary } from '../../src/app/api/compliance/deals/[id]/summary/route';
import { POST as submitAccreditation } from '../../src/app/api/investor/accreditation/route';
import { POST as decideAccreditation } from '../../src/app/api/compliance/accreditations/[id]/decision/route';
import { call } from '../helpers/api';
import { makeActiveDeal, makeVerifiedIssuer, tokenFor } from '../helpers/deals';
import { makeTenant, makeUser, type TestTenant } from '../helpers/tenants';

// Bad actors person by person (230.506(d), (e)): covered persons with the inquiry into them and
// their disqualifying events; 23 September 2013 is the boundary between disqualifying and disclosing.

let tenant: TestTenant;
let other: TestTenant;
let adminToken: string;
let officerToken: string;

beforeAll(async () => {
  tenant = await makeTenant();
  other = await makeTenant();
  adminToken = await tokenFor(tenant, tenant.admin.email);
  officerToken = await tokenFor(tenant, (await makeUser(tenant, ['compliance_officer'])).email);
});

const STATEMENT = 'After a factual inquiry into each covered person, none has a disqualifying event.';

describe('covered persons and disqualifying events (230.506(d), (e))', () => {
  it('blocks sales for an uncertified person, an undisclosed pre-2013 event and a post-2013 event until waived', async () => {
    const issuer = await makeVerifiedIssuer(tenant, adminToken);
    const deal = await makeActiveDeal(tenant, issuer.token, adminToken, { compliance: { regimes: ['reg_d_506c'] } });
    const inv = await makeUser(tenant);
    const token = await tokenFor(tenant, inv.email);
    const a = await call(submitAccreditation, { host: tenant.host, token, body: { method: 'income_documents', documentReference: 'cid:tax', documentDate: new Date().toISOString().slice(0, 10) } });
    await call(decideAccreditation, { host: tenant.host, token: officerToken, params: { id: a.json.id }, body: { decision: 'approve' } });
    const buy = () => call(invest, { host: tenant.host, token, params: { id: deal.id }, body: { amount: '100', paymentMethod: 'wire' } });
    const cert = (body: Record<string, unknown> = {}) => call(certify, { host: tenant.host, token: issuer.token, body: { noDisqualifyingEvents: true, statement: STATEMENT, ...body } });
    expect((await buy()).status).toBe(201);

    const bad = await call(addPerson, { host: tenant.host, token: issuer.token, body: { name: 'B', role: 'chairman' } });
    expect(bad.json.errors.map((e: { field: string }) => e.field).sort()).toEqual(['name', 'role']);
    const bob = await call(addPerson, { host: tenant.host, token: issuer.token, body: { name: 'Bob Director', role: 'director' } });
    expect(bob.status).toBe(201);
    // A covered person the certification did not cover: certify again, after inquiring into him.
    const uncovered = await buy();
    expect(uncovered.json.code).toBe('compliance_bad_actor_certification_required');
    expect(uncovered.json.detail).toContain('Bob Director');
    expect((await cert()).json.code).toBe('covered_person_inquiry_missing');
    expect((await call(inquire, { host: tenant.host, token: issuer.token, params: { id: bob.json.id }, body: { inquiryMethod: 'Questionnaire, court and FINRA BrokerCheck records searched' } })).status).toBe(200);
    const certified = await cert();
    expect(certified.status).toBe(201);
    expect(certified.json.coveredPersons).toEqual([{ name: 'Bob Director', role: 'director' }]);
    expect((await buy()).status).toBe(201);

    // 22 September 2013: before the rule, so disclosed (506(e)), not disqualifying.
    const event = (body: Record<string, unknown>) => call(addEvent, { host: tenant.host, token: issuer.token, params: { id: bob.json.id }, body });
    expect((await event({ eventType: 'court_injunction', eventDate: '2013-09-22', orderReference: 'S.D.N.Y. 13-cv-0001' })).status).toBe(201);
    expect((await buy()).json.code).toBe('compliance_bad_actor_disclosure_required');
    expect((await cert()).json.errors).toEqual([expect.objectContaining({ field: 'priorEventsDisclosure' })]);
    expect((await cert({ priorEventsDisclosure: 'In 2013 a court enjoined Bob Director from ...' })).status).toBe(201);
    expect((await buy()).status).toBe(201);

    // 23 September 2013: disqualifies, and no certification can be made, until the Commission waives it.
    const later = await event({ eventType: 'sec_cease_and_desist', eventDate: '2013-09-23', orderReference: 'Release 33-99999' });
    const eventId = later.json.events.find((e: { eventDate: string }) => e.eventDate === '2013-09-23').id;
    expect(later.json.events.map((e: { effect: string }) => e.effect)).toEqual(['disclose', 'disqualifies']);
    const disqualified = await buy();
    expect(disqualified.json.code).toBe('compliance_bad_actor_disqualified');
    expect(disqualified.json.detail).toContain('Bob Director');
    expect((await cert({ priorEventsDisclosure: 'In 2013 a court enjoined Bob Director from ...' })).json.code).toBe('bad_actor_disqualified');
    const shown = await call(summary, { host: tenant.host, token: officerToken, params: { id: deal.id } });
    expect(shown.json.badActorCertification.coveredPersonsOnRecord).toMatchObject({ disqualifying: [expect.objectContaining({ name: 'Bob Director', eventDate: '2013-09-23' })] });

    // Only this tenant's compliance officers record a waiver.
    expect((await call(waive, { host: tenant.host, token: issuer.token, params: { id: eventId }, body: { waiverReference: 'Release 33-10000' } })).status).toBe(403);
    const foreign = await tokenFor(other, (await makeUser(other, ['compliance_officer'])).email);
    expect((await call(waive, { host: other.host, token: foreign, params: { id: eventId }, body: { waiverReference: 'Release 33-10000' } })).status).toBe(404);
    expect((await call(officerList, { host: other.host, token: foreign, params: { id: issuer.issuerId } })).status).toBe(404);
    expect((await call(waive, { host: tenant.host, token: officerToken, params: { id: eventId }, body: { waiverReference: 'Release 33-10000' } })).status).toBe(200);
    expect((await buy()).status).toBe(201);
    const listed = await call(officerList, { host: tenant.host, token: officerToken, params: { id: issuer.issuerId } });
    expect(listed.json.coveredPersons[0].events.map((e: { effect: string }) => e.effect)).toEqual(['disclose', 'waived']);

    // A person no longer covered stops counting.
    const carol = await call(addPerson, { host: tenant.host, token: issuer.token, body: { name: 'Carol Promoter', role: 'promoter', inquiryMethod: 'Questionnaire and background check' } });
    await call(addEvent, { host: tenant.host, token: issuer.token, params: { id: carol.json.id }, body: { eventType: 'criminal_conviction', eventDate: '2020-01-15', orderReference: 'Case 20-cr-1' } });
    expect((await buy()).json.code).toBe('compliance_bad_actor_disqualified');
    expect((await call(removePerson, { host: tenant.host, token: issuer.token, params: { id: carol.json.id }, method: 'DELETE' })).status).toBe(200);
    expect((await buy()).status).toBe(201);
    expect((await call(listOwn, { host: tenant.host, token: issuer.token })).json.coveredPersons).toHaveLength(2);
    // Another issuer cannot touch these records.
    const stranger = await makeVerifiedIssuer(tenant, adminToken);
    expect((await call(inquire, { host: tenant.host, token: stranger.token, params: { id: bob.json.id }, body: { inquiryMethod: 'Questionnaire, court records' } })).status).toBe(404);
  });
});
