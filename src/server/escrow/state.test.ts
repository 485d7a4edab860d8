import { describe, expect, it } from 'vitest';
import { canDecide, canMoveEscrow, canRefund, daysLeft, escrowDeadlines, needsAdminAlert, type EscrowClock } from './state';

const created = new Date('2030-01-01T00:00:00Z');
const at = (days: number, seconds = 0) => new Date(created.getTime() + days * 86_400_000 + seconds * 1000);
const held = (over: Partial<EscrowClock> = {}): EscrowClock => ({ status: 'held', ...escrowDeadlines(created), adminAlertedAt: null, ...over });

describe('escrow state machine (mirrors EscrowCore)', () => {
  it('deadlines are 14 and 30 days after creation', () => {
    expect(escrowDeadlines(created)).toEqual({ deadlineAdmin: at(14), expiresAt: at(30) });
  });

  it('held moves once, to released or refunded', () => {
    expect(canMoveEscrow('held', 'released')).toBe(true);
    expect(canMoveEscrow('held', 'refunded')).toBe(true);
    expect(canMoveEscrow('released', 'refunded')).toBe(false);
    expect(canMoveEscrow('refunded', 'released')).toBe(false);
  });

  it('release and rejection stay possible up to and including the expiry instant, timeout only after it', () => {
    expect(canDecide(held(), at(30))).toBe(true);
    expect(canDecide(held(), at(30, 1))).toBe(false);
    expect(canRefund(held(), 'rejection', at(30))).toBe(true);
    expect(canRefund(held(), 'rejection', at(30, 1))).toBe(false);
    expect(canRefund(held(), 'timeout', at(30, -1))).toBe(false);
    expect(canRefund(held(), 'timeout', at(30))).toBe(false);
    expect(canRefund(held(), 'timeout', at(30, 1))).toBe(true);
    expect(canRefund(held(), 'manual', at(0))).toBe(true);
    expect(canRefund(held({ status: 'released' }), 'manual', at(1))).toBe(false);
  });

  it('admins are alerted from exactly 14 days, once, and not after expiry', () => {
    expect(needsAdminAlert(held(), at(14, -1))).toBe(false);
    expect(needsAdminAlert(held(), at(14))).toBe(true);
    expect(needsAdminAlert(held({ adminAlertedAt: at(14) }), at(15))).toBe(false);
    expect(needsAdminAlert(held(), at(30, 1))).toBe(false);
    expect(daysLeft(at(14), at(0, 1))).toBe(13);
  });
});
