import { describe, expect, it } from 'vitest';
import { regCfTransferGate, regSTransferGate, rule144TransferGate, transferDecision, type TransferFacts } from './transfer-gates';

const PAID = new Date('2026-01-31T00:00:00Z');
const facts = (o: { deal?: Partial<TransferFacts['deal']>; holding?: Partial<TransferFacts['holding']>; buyer?: Partial<TransferFacts['buyer']>; now: Date }): TransferFacts => ({
  deal: { regimes: ['reg_d_506b'], assetType: 'equity', regSCategory: null, reportingIssuer: false, offeredAt: new Date('2026-01-01T00:00:00Z'), closedAt: null, ...o.deal },
  holding: { underRegS: false, acquiredAt: new Date('2026-01-20T00:00:00Z'), paidAt: PAID, ...o.holding },
  buyer: { usPerson: true, accredited: false, ...o.buyer },
  now: o.now,
});

describe('Rule 144 holding period (230.144(d)(1))', () => {
  it('one year after full payment for a non-reporting issuer, to the millisecond', () => {
    expect(rule144TransferGate(facts({ now: new Date('2027-01-30T23:59:59.999Z') }))).toMatchObject({ allowed: false, code: 'transfer_rule_144_holding_period', allowedFrom: '2027-01-31T00:00:00.000Z' });
    expect(rule144TransferGate(facts({ now: new Date('2027-01-31T00:00:00Z') })).allowed).toBe(true);
  });
  it('six months for a reporting issuer (month arithmetic in UTC)', () => {
    const reporting = { deal: { reportingIssuer: true } };
    expect(rule144TransferGate(facts({ ...reporting, now: new Date('2026-07-30T23:59:59Z') })).allowed).toBe(false);
    expect(rule144TransferGate(facts({ ...reporting, now: new Date('2026-07-31T00:00:00Z') })).allowed).toBe(true);
  });
  it('has not started while unpaid; does not apply to Reg CF, plain or Reg S holdings', () => {
    expect(rule144TransferGate(facts({ holding: { paidAt: null }, now: new Date('2030-01-01T00:00:00Z') }))).toMatchObject({ allowed: false, allowedFrom: null });
    expect(rule144TransferGate(facts({ deal: { regimes: ['reg_cf'] }, now: PAID })).code).toBe('not_restricted');
    expect(rule144TransferGate(facts({ deal: { regimes: [] }, now: PAID })).code).toBe('not_restricted');
    expect(rule144TransferGate(facts({ deal: { regimes: ['reg_d_506c', 'reg_s'] }, holding: { underRegS: true }, now: PAID })).code).toBe('not_restricted');
    expect(rule144TransferGate(facts({ deal: { regimes: ['reg_d_506c'] }, now: PAID })).reason).toContain('230.144(d)');
  });
});

describe('Reg CF one-year resale restriction (227.501(a))', () => {
  const cf = { deal: { regimes: ['reg_cf'] } };
  it('within the year only an accredited buyer; after it anyone', () => {
    const within = regCfTransferGate(facts({ ...cf, now: new Date('2027-01-30T23:59:59Z') }));
    expect(within).toMatchObject({ allowed: false, code: 'transfer_reg_cf_one_year', allowedFrom: '2027-01-31T00:00:00.000Z' });
    expect(within.reason).toContain('227.501(a)');
    expect(regCfTransferGate(facts({ ...cf, buyer: { accredited: true }, now: PAID })).allowed).toBe(true);
    expect(regCfTransferGate(facts({ ...cf, now: new Date('2027-01-31T00:00:00Z') })).allowed).toBe(true);
    expect(regCfTransferGate(facts({ ...cf, holding: { paidAt: null }, now: new Date('2030-01-01T00:00:00Z') })).allowed).toBe(false);
  });
});

describe('all gates together', () => {
  it('the first refusal is the reason; a Reg S category 3 equity holding waits a year after the closing for a U.S. buyer', () => {
    const regS = { deal: { regimes: ['reg_s'], regSCategory: 3 as const, closedAt: new Date('2026-02-01T00:00:00Z') }, holding: { underRegS: true } };
    expect(regSTransferGate(facts({ ...regS, now: new Date('2027-01-31T23:59:59Z') })).allowed).toBe(false);
    expect(regSTransferGate(facts({ ...regS, now: new Date('2027-02-01T00:00:00Z') })).allowed).toBe(true);
    expect(regSTransferGate(facts({ ...regS, buyer: { usPerson: false }, now: PAID })).allowed).toBe(true);
    const d = transferDecision(facts({ now: PAID }));
    expect(d.allowed).toBe(false);
    expect(d.blocking?.gate).toBe('rule_144_holding_period');
    expect(d.results.map((r) => r.gate)).toEqual(['reg_s_distribution_compliance', 'rule_144_holding_period', 'reg_cf_resale_restriction', 'reg_d_stop_transfer']);
  });
});

describe('Rule 502(d) stop-transfer gate', () => {
  it('refuses while the holding carries a stop-transfer instruction, whatever the other gates say', async () => {
    const { stopTransferGate } = await import('./transfer-gates');
    const base = { deal: { regimes: ['reg_d_506c'], assetType: 'equity' as const, regSCategory: null, reportingIssuer: false, offeredAt: null, closedAt: null }, buyer: { usPerson: true, accredited: true }, now: new Date('2030-01-01T00:00:00Z') };
    const holding = { underRegS: false, acquiredAt: new Date('2026-01-01T00:00:00Z'), paidAt: new Date('2026-01-01T00:00:00Z') };
    expect(stopTransferGate({ ...base, holding: { ...holding, stopTransfer: true } })).toMatchObject({ allowed: false, code: 'transfer_stop_transfer_502d' });
    expect(stopTransferGate({ ...base, holding: { ...holding, stopTransfer: false } }).allowed).toBe(true);
    expect(stopTransferGate({ ...base, holding }).allowed).toBe(true);
  });
});
