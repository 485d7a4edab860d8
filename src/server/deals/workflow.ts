import type { DealStatus } from '../db/types';

// The deal status machine, in one place: which action moves a deal from where to where,
// and who may take it. Everything else asks this table.
export type DealAction = 'submit' | 'withdraw' | 'approve' | 'reject' | 'mark_funded' | 'close' | 'cancel' | 'complete' | 'archive';
export type DealActor = 'issuer' | 'admin';

type Rule = { from: DealStatus[]; to: DealStatus; by: DealActor[]; needsReason?: boolean };

export const DEAL_TRANSITIONS: Record<DealAction, Rule> = {
  submit: { from: ['draft'], to: 'pending_review', by: ['issuer'] },
  withdraw: { from: ['pending_review'], to: 'draft', by: ['issuer'] },
  approve: { from: ['pending_review'], to: 'active', by: ['admin'] },
  reject: { from: ['pending_review'], to: 'draft', by: ['admin'], needsReason: true },
  mark_funded: { from: ['active'], to: 'funded', by: ['issuer', 'admin'] },
  close: { from: ['active'], to: 'closed', by: ['issuer', 'admin'] },
  cancel: { from: ['draft', 'active', 'funded', 'closed'], to: 'cancelled', by: ['issuer', 'admin'], needsReason: true },
  complete: { from: ['funded', 'closed'], to: 'completed', by: ['admin'] },
  archive: { from: ['draft', 'cancelled', 'completed'], to: 'archived', by: ['issuer', 'admin'] },
};

export type TransitionCheck = { ok: true; to: DealStatus } | { ok: false; reason: 'not_allowed_from_status' | 'not_your_action' | 'reason_required' };

export function checkTransition(action: DealAction, from: DealStatus, actors: DealActor[], reason?: string): TransitionCheck {
  const rule = DEAL_TRANSITIONS[action];
  if (!rule.by.some((a) => actors.includes(a))) return { ok: false, reason: 'not_your_action' };
  if (!rule.from.includes(from)) return { ok: false, reason: 'not_allowed_from_status' };
  if (rule.needsReason && !reason) return { ok: false, reason: 'reason_required' };
  return { ok: true, to: rule.to };
}

/** Deals an issuer may still edit freely: nobody has invested or reviewed yet. */
export const EDITABLE_STATUSES: DealStatus[] = ['draft'];
