import { describe, expect, it } from 'vitest';
import { checkTransition, DEAL_TRANSITIONS, type DealAction } from './workflow';
import { DEAL_STATUSES } from './schema';

describe('deal workflow', () => {
  it('follows draft -> pending_review -> active -> funded -> completed', () => {
    expect(checkTransition('submit', 'draft', ['issuer'])).toEqual({ ok: true, to: 'pending_review' });
    expect(checkTransition('approve', 'pending_review', ['admin'])).toEqual({ ok: true, to: 'active' });
    expect(checkTransition('mark_funded', 'active', ['issuer'])).toEqual({ ok: true, to: 'funded' });
    expect(checkTransition('complete', 'funded', ['admin'])).toEqual({ ok: true, to: 'completed' });
  });

  it('refuses an issuer approving, an admin submitting, and reasonless rejections', () => {
    expect(checkTransition('approve', 'pending_review', ['issuer'])).toEqual({ ok: false, reason: 'not_your_action' });
    expect(checkTransition('submit', 'draft', ['admin'])).toEqual({ ok: false, reason: 'not_your_action' });
    expect(checkTransition('reject', 'pending_review', ['admin'])).toEqual({ ok: false, reason: 'reason_required' });
    expect(checkTransition('cancel', 'active', ['issuer'])).toEqual({ ok: false, reason: 'reason_required' });
  });

  it('allows every action only from its listed states', () => {
    for (const [action, rule] of Object.entries(DEAL_TRANSITIONS)) {
      for (const from of DEAL_STATUSES) {
        const r = checkTransition(action as DealAction, from, ['issuer', 'admin'], 'because');
        expect(r.ok).toBe(rule.from.includes(from));
      }
    }
    expect(checkTransition('approve', 'active', ['admin'])).toEqual({ ok: false, reason: 'not_allowed_from_status' });
    expect(checkTransition('archive', 'active', ['admin'])).toEqual({ ok: false, reason: 'not_allowed_from_status' });
  });
});
