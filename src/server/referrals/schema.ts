import { z } from 'zod';

// The referrals API's inputs. A landing target is a path on the tenant's own host: anything that a
// browser could resolve to another origin (a scheme, "//host", a backslash) is refused, so a
// referral link can never be an open redirect.

const LANDING_REFUSED = /^(?:[a-z][a-z0-9+.-]*:|[/\\]{2}|\/\\)/i;

export const landingTarget = z
  .string()
  .trim()
  .max(300, 'target must be at most 300 characters')
  .superRefine((v, ctx) => {
    const fail = (message: string) => ctx.addIssue({ code: 'custom', message });
    if (!v.startsWith('/') || LANDING_REFUSED.test(v)) return fail('target must be a path on this platform, such as /deals (no other site)');
    if (/[\\\s\u0000-\u001f\u007f]/.test(v)) return fail('target may not contain backslashes, spaces or control characters');
    let url: URL;
    try {
      url = new URL(v, 'https://tenant.invalid');
    } catch {
      return fail('target is not a valid path');
    }
    if (url.origin !== 'https://tenant.invalid') return fail('target must be a path on this platform, such as /deals (no other site)');
    if (/^\/(api|r)(\/|$)/.test(url.pathname)) return fail('target must be a page, not an API or another referral link');
  });

export const createLinkInput = z
  .object({
    campaign: z.string({ error: 'campaign is required' }).trim().min(1, 'campaign is required').max(120, 'campaign must be at most 120 characters'),
    target: landingTarget.default('/').describe('where the link lands: a path on this platform (default /)'),
    code: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9_-]{4,40}$/, 'code must be 4 to 40 letters, digits, "-" or "_"')
      .optional()
      .describe('a code of your choice; omitted: a random one'),
  })
  .strict();
export type CreateLinkInput = z.infer<typeof createLinkInput>;

const minorUnits = (what: string) => z.string().trim().regex(/^[1-9]\d{0,40}$/, `${what} must be a whole number of the currency’s smallest unit (e.g. "2500" for 25.00 USD)`);

export const referralSettingsInput = z
  .object({
    attributionWindowDays: z.number({ error: 'attributionWindowDays must be a number of days' }).int().min(1).max(365),
    rewardKind: z.enum(['none', 'fixed', 'bps'], { error: 'rewardKind must be none, fixed or bps' }),
    rewardAmount: minorUnits('rewardAmount').nullable().optional().describe('fixed: the reward in the deal currency’s smallest unit'),
    rewardBps: z.number().int().min(1).max(10_000).nullable().optional().describe('bps: basis points of the investment amount'),
    rewardCap: minorUnits('rewardCap').nullable().optional().describe('the most one reward may be, in the smallest unit; null: no cap'),
    rewardScope: z.enum(['first', 'every'], { error: 'rewardScope must be first or every' }).describe('first: only the referred member’s first confirmed investment earns; every: each one does'),
  })
  .strict()
  .superRefine((s, ctx) => {
    if (s.rewardKind === 'fixed' && !s.rewardAmount) ctx.addIssue({ code: 'custom', path: ['rewardAmount'], message: 'rewardAmount is required for a fixed reward' });
    if (s.rewardKind === 'bps' && !s.rewardBps) ctx.addIssue({ code: 'custom', path: ['rewardBps'], message: 'rewardBps is required for a percentage reward' });
    if (s.rewardKind !== 'fixed' && s.rewardAmount) ctx.addIssue({ code: 'custom', path: ['rewardAmount'], message: 'rewardAmount applies to a fixed reward only' });
    if (s.rewardKind !== 'bps' && s.rewardBps) ctx.addIssue({ code: 'custom', path: ['rewardBps'], message: 'rewardBps applies to a percentage reward only' });
  });
export type ReferralSettingsInput = z.infer<typeof referralSettingsInput>;

export const codeParams = z.object({ code: z.string().regex(/^[A-Za-z0-9_-]{4,40}$/, 'code must be 4 to 40 letters, digits, "-" or "_"') });
