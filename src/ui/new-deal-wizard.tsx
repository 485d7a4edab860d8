'use client';

import { formResolver } from '@/ui/form-resolver';
import { Check, ChevronLeft, ChevronRight, Loader2 } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useForm, type FieldPath } from 'react-hook-form';
import { z } from 'zod';
import { checkDealAmounts, convertAmounts, decimalsFor } from '@/server/deals/amounts';
import { ASSET_TYPES, createDealInput } from '@/server/deals/schema';
import { ValidationError } from '@/server/errors';
import { api, ApiError, errorMessage } from './api-client';
import { fieldMessage } from './field-messages';
import { cn } from './cn';
import { formatMoney, humanize } from './format';
import { VERIFICATION_LEVEL_CHOICES } from './status-labels';
import { Alert } from './primitives/alert';
import { Button } from './primitives/button';
import { Card, CardContent } from './primitives/card';
import { Field, fieldAria } from './primitives/field';
import { Input, NativeSelect, Textarea } from './primitives/input';

// The API's own field rules (createDealInput) and money rules (checkDealAmounts), so the
// form refuses exactly what the API would refuse, step by step.
const s = createDealInput.shape;
const optional = <T extends z.ZodTypeAny>(t: T) => z.preprocess((v) => (v === '' ? undefined : v), t);
/** A datetime-local value (YYYY-MM-DDTHH:mm) taken as UTC, as every date on this form is. */
const utc = (dt: string) => `${dt}:00Z`;
const day = z.string().refine((v) => v === '' || /^\d{4}-\d{2}-\d{2}$/.test(v), 'Pick a date');
const REGIMES = [
  ['reg_d_506b', 'Reg D 506(b)'],
  ['reg_d_506c', 'Reg D 506(c)'],
  ['reg_s', 'Reg S'],
  ['reg_cf', 'Reg CF'],
  ['reg_a_tier1', 'Reg A Tier 1'],
  ['reg_a_tier2', 'Reg A Tier 2'],
] as const;
const LEVELS = ['none', 'basic', 'standard', 'enhanced', 'accredited'] as const;

const schema = z
  .object({
    title: s.title,
    summary: s.summary,
    description: s.description,
    assetType: s.assetType,
    currency: s.currency,
    targetAmount: s.targetAmount,
    softCap: s.softCap,
    hardCap: s.hardCap,
    minTicket: s.minTicket,
    maxTicket: optional(s.maxTicket),
    valuation: optional(s.valuation),
    startsAt: day,
    endsAt: day,
    regimes: z.array(z.enum(REGIMES.map((r) => r[0]) as [string, ...string[]])),
    minimumVerificationLevel: z.enum(LEVELS),
    regSCategory: z.enum(['1', '2', '3']),
    formCFileNumber: z.string().trim().refine((v) => v === '' || /^020-\d{5,8}$/.test(v), 'Form C file number looks like 020-12345'),
    formCFiledOn: day,
    /** '' = the platform's ledger (fiat rails); otherwise the chain id the deal settles on. */
    chainId: z.string(),
    /** datetime-local read as UTC: the deal's Pool locks then (on-chain deals only; optional). */
    poolLockAt: z.string().refine((v) => v === '' || /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(v), 'Pick a date and time'),
  })
  .superRefine((v, ctx) => {
    try {
      const decimals = decimalsFor(v.currency, undefined);
      const m = convertAmounts({ targetAmount: v.targetAmount, softCap: v.softCap, hardCap: v.hardCap, minTicket: v.minTicket, maxTicket: v.maxTicket as string | undefined }, decimals);
      checkDealAmounts(
        { target: m.targetAmount!, soft: m.softCap!, hard: m.hardCap!, min: m.minTicket!, max: m.maxTicket ?? null },
        { startsAt: v.startsAt ? new Date(v.startsAt) : null, endsAt: v.endsAt ? new Date(v.endsAt) : null },
      );
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      for (const f of e.fields) ctx.addIssue({ code: 'custom', path: [f.field === 'currencyDecimals' ? 'currency' : f.field], message: f.field === 'currencyDecimals' ? 'Use a known currency (USD, EUR, GBP, CHF, USDC, USDT, DAI, ETH…)' : f.message });
    }
    if (v.poolLockAt && v.chainId) {
      // The API's rule (checkDealPool): the pool locks in the future and no later than the deal closes.
      const lock = new Date(utc(v.poolLockAt)).getTime();
      if (lock <= Date.now()) ctx.addIssue({ code: 'custom', path: ['poolLockAt'], message: 'The pool must lock in the future' });
      else if (v.endsAt && lock > new Date(`${v.endsAt}T00:00:00Z`).getTime()) ctx.addIssue({ code: 'custom', path: ['poolLockAt'], message: 'The pool must lock no later than the deal closes' });
    }
  });

type Values = z.input<typeof schema>;
type Parsed = z.output<typeof schema>;

const STEPS: { title: string; fields: FieldPath<Values>[] }[] = [
  { title: 'Basics', fields: ['title', 'summary', 'description', 'assetType'] },
  { title: 'Money', fields: ['currency', 'targetAmount', 'softCap', 'hardCap', 'minTicket', 'maxTicket', 'valuation'] },
  { title: 'Dates, rules and settlement', fields: ['startsAt', 'endsAt', 'regimes', 'regSCategory', 'formCFileNumber', 'formCFiledOn', 'minimumVerificationLevel', 'chainId', 'poolLockAt'] },
  { title: 'Review', fields: [] },
];

const iso = (d: string) => (d ? `${d}T00:00:00Z` : undefined);

export type DealDraft = Omit<Values, 'regimes'> & { regimes: string[] };

const EMPTY: DealDraft = { title: '', summary: '', description: '', assetType: 'equity', currency: 'USD', targetAmount: '', softCap: '', hardCap: '', minTicket: '', maxTicket: '', valuation: '', startsAt: '', endsAt: '', regimes: [], minimumVerificationLevel: 'basic', regSCategory: '3', formCFileNumber: '', formCFiledOn: '', chainId: '', poolLockAt: '' };

export type ChainChoice = { chainId: number; name: string };

/** A new deal, or (with dealId and initial) the issuer's own draft being edited; `chains`: where the tenant can settle on chain. */
export function NewDealWizard({ dealId, initial, chains = [] }: { dealId?: string; initial?: DealDraft; chains?: ChainChoice[] } = {}) {
  const router = useRouter();
  const [step, setStep] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const form = useForm<Values, unknown, Parsed>({
    resolver: formResolver(schema),
    mode: 'onTouched',
    defaultValues: (initial ?? EMPTY) as Values,
  });
  const { register, formState, trigger, getValues, watch } = form;
  const err = (f: keyof Values) => (formState.errors[f]?.message as string | undefined) ?? undefined;
  const text = (f: keyof Values, label: string, opts: { hint?: string; type?: string; inputMode?: 'decimal'; className?: string } = {}) => (
    <Field id={`deal-${f}`} label={label} hint={opts.hint} error={err(f)} className={opts.className}>
      <Input {...fieldAria(`deal-${f}`, err(f), !!opts.hint)} type={opts.type ?? 'text'} inputMode={opts.inputMode} autoComplete="off" {...register(f)} />
    </Field>
  );

  async function next() {
    if (await trigger(STEPS[step]!.fields)) setStep((n) => n + 1);
  }

  const onSubmit = form.handleSubmit(async (v) => {
    setError(null);
    const body = {
      title: v.title,
      summary: v.summary,
      description: v.description,
      assetType: v.assetType,
      currency: v.currency,
      targetAmount: v.targetAmount,
      softCap: v.softCap,
      hardCap: v.hardCap,
      minTicket: v.minTicket,
      ...(v.maxTicket ? { maxTicket: v.maxTicket } : {}),
      ...(v.valuation ? { valuation: v.valuation } : {}),
      ...(v.startsAt ? { startsAt: iso(v.startsAt) } : {}),
      ...(v.endsAt ? { endsAt: iso(v.endsAt) } : {}),
      // A draft being edited can go back to the ledger (null); a new deal on the ledger sends nothing.
      ...(v.chainId ? { chainId: Number(v.chainId), poolLockAt: v.poolLockAt ? utc(v.poolLockAt) : null } : dealId ? { chainId: null, poolLockAt: null } : {}),
      compliance: {
        regimes: v.regimes,
        ...(v.regimes.includes('reg_s') ? { regSCategory: Number(v.regSCategory) } : {}),
        ...(v.regimes.includes('reg_cf') && v.formCFileNumber && v.formCFiledOn ? { formC: { fileNumber: v.formCFileNumber, filedOn: v.formCFiledOn } } : {}),
        ...(v.minimumVerificationLevel !== 'none' ? { minimumVerificationLevel: v.minimumVerificationLevel } : {}),
      },
    };
    try {
      if (dealId) await api(`/api/issuer/deals/${dealId}`, { method: 'PATCH', json: body });
      else await api('/api/issuer/deals', { method: 'POST', json: body });
      router.push(dealId ? `/issuer/deals/${dealId}` : '/issuer/deals');
      router.refresh();
    } catch (e) {
      if (e instanceof ApiError && e.problem.errors?.length) {
        for (const f of e.problem.errors) if (f.field in form.getValues()) form.setError(f.field as keyof Values, { message: fieldMessage(f.field, f.message) });
        const first = e.problem.errors[0]!.field;
        const back = STEPS.findIndex((st) => st.fields.includes(first as FieldPath<Values>));
        if (back >= 0) setStep(back);
      }
      setError(errorMessage(e));
    }
  });

  const v = getValues();
  // Re-renders when the regimes change, so the Reg S category shows as soon as Reg S is ticked.
  const offeredUnderRegS = (watch('regimes') ?? []).includes('reg_s');
  const offeredUnderRegCf = (watch('regimes') ?? []).includes('reg_cf');
  const onChain = !!watch('chainId');
  const chainName = (id: string | undefined) => chains.find((c) => String(c.chainId) === id)?.name ?? `Chain ${id}`;
  return (
    <div className="grid gap-6 lg:grid-cols-[14rem_1fr]">
      <ol className="flex gap-2 overflow-x-auto lg:flex-col" aria-label="Steps">
        {STEPS.map((st, i) => (
          <li key={st.title} aria-current={i === step ? 'step' : undefined} className={cn('flex shrink-0 items-center gap-3 rounded-md px-3 py-2 text-sm', i === step ? 'bg-primary-soft font-medium text-primary-text' : 'text-muted-foreground')}>
            <span className={cn('grid size-6 place-items-center rounded-full border text-xs', i < step ? 'border-primary bg-primary text-primary-foreground' : 'border-current')}>
              {i < step ? <Check className="size-3.5" aria-hidden /> : i + 1}
            </span>
            {st.title}
          </li>
        ))}
      </ol>
      <Card>
        <CardContent className="pt-5">
          <form onSubmit={(e) => (step === STEPS.length - 1 ? onSubmit(e) : (e.preventDefault(), void next()))} noValidate className="grid gap-5">
            <h2 className="text-lg font-semibold">
              Step {step + 1} of {STEPS.length}: {STEPS[step]!.title}
            </h2>
            {error && <Alert tone="error">{error}</Alert>}

            {step === 0 && (
              <>
                {text('title', 'Title')}
                {text('summary', 'One-line summary', { hint: 'Shown on deal cards; up to 500 characters.' })}
                <Field id="deal-description" label="Description" hint="Markdown: headings, lists, links and tables." error={err('description')}>
                  <Textarea {...fieldAria('deal-description', err('description'), true)} rows={8} {...register('description')} />
                </Field>
                <Field id="deal-assetType" label="Asset type" error={err('assetType')}>
                  <NativeSelect {...fieldAria('deal-assetType', err('assetType'))} {...register('assetType')}>
                    {ASSET_TYPES.map((a) => (
                      <option key={a} value={a}>
                        {humanize(a)}
                      </option>
                    ))}
                  </NativeSelect>
                </Field>
              </>
            )}

            {step === 1 && (
              <div className="grid gap-4 sm:grid-cols-2">
                {text('currency', 'Currency', { hint: 'USD, EUR, GBP, USDC…' })}
                {text('targetAmount', 'Target raise', { inputMode: 'decimal' })}
                {text('softCap', 'Soft cap', { inputMode: 'decimal', hint: 'The minimum for the deal to go ahead.' })}
                {text('hardCap', 'Hard cap', { inputMode: 'decimal', hint: 'Investments stop here.' })}
                {text('minTicket', 'Minimum ticket', { inputMode: 'decimal' })}
                {text('maxTicket', 'Maximum per investor (optional)', { inputMode: 'decimal' })}
                {text('valuation', 'Valuation (optional)', { inputMode: 'decimal' })}
              </div>
            )}

            {step === 2 && (
              <>
                <div className="grid gap-4 sm:grid-cols-2">
                  {text('startsAt', 'Opens on (optional)', { type: 'date' })}
                  {text('endsAt', 'Closes on (optional)', { type: 'date' })}
                </div>
                <fieldset className="grid gap-2">
                  <legend className="mb-1 text-sm font-medium">Offering rules</legend>
                  <div className="flex flex-wrap gap-x-6 gap-y-2">
                    {REGIMES.map(([value, label]) => (
                      <label key={value} className="flex items-center gap-2 text-sm">
                        <input type="checkbox" value={value} className="size-4 accent-[var(--primary)]" {...register('regimes')} /> {label}
                      </label>
                    ))}
                  </div>
                </fieldset>
                {offeredUnderRegCf && (
                  <div className="grid gap-4 sm:grid-cols-2">
                    {text('formCFileNumber', 'Form C file number', { hint: 'Investments are confirmed only with a Form C on file, 21 days after publication (17 CFR 227.303(a)(2))' })}
                    {text('formCFiledOn', 'Form C filed on', { type: 'date' })}
                  </div>
                )}
                {offeredUnderRegS && (
                  <Field id="deal-reg-s-category" label="Regulation S category (17 CFR 230.903(b))">
                    <NativeSelect id="deal-reg-s-category" {...register('regSCategory')}>
                      <option value="1">Category 1: no distribution compliance period</option>
                      <option value="2">Category 2: 40 days</option>
                      <option value="3">Category 3: 40 days (debt), 6 months or 1 year (equity)</option>
                    </NativeSelect>
                  </Field>
                )}
                <Field id="deal-level" label="Investor verification needed">
                  <NativeSelect id="deal-level" {...register('minimumVerificationLevel')}>
                    {LEVELS.map((l) => (
                      <option key={l} value={l}>
                        {VERIFICATION_LEVEL_CHOICES[l]}
                      </option>
                    ))}
                  </NativeSelect>
                </Field>
                <Field
                  id="deal-chain"
                  label="Where investors’ money is held"
                  hint={chains.length ? 'On chain: each investment funds its own escrow contract, released or refunded by the platform.' : 'This community has no chain enabled: investments are held in the platform’s ledger.'}
                  error={err('chainId')}
                >
                  <NativeSelect {...fieldAria('deal-chain', err('chainId'), true)} {...register('chainId')}>
                    <option value="">Platform ledger (bank transfer, card)</option>
                    {chains.map((c) => (
                      <option key={c.chainId} value={String(c.chainId)}>
                        On chain: {c.name}
                      </option>
                    ))}
                  </NativeSelect>
                </Field>
                {onChain && text('poolLockAt', 'Pool locks at, UTC (optional)', { type: 'datetime-local', hint: 'A pool collects investments until this time, no later than the closing date. Leave empty for escrow only.' })}
              </>
            )}

            {step === 3 && (
              <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-2" data-testid="deal-review">
                {[
                  ['Title', v.title],
                  ['Asset type', humanize(v.assetType ?? '')],
                  ['Summary', v.summary || '—'],
                  ['Currency', v.currency],
                  ['Target', formatMoney(String(v.targetAmount), String(v.currency).toUpperCase())],
                  ['Soft cap / hard cap', `${formatMoney(String(v.softCap), String(v.currency).toUpperCase())} / ${formatMoney(String(v.hardCap), String(v.currency).toUpperCase())}`],
                  ['Minimum ticket', formatMoney(String(v.minTicket), String(v.currency).toUpperCase())],
                  ['Maximum per investor', v.maxTicket ? formatMoney(String(v.maxTicket), String(v.currency).toUpperCase()) : 'No limit'],
                  ['Valuation', v.valuation ? formatMoney(String(v.valuation), String(v.currency).toUpperCase()) : 'Not stated'],
                  ['Opens / closes', `${v.startsAt || 'On approval'} → ${v.endsAt || 'Open-ended'}`],
                  ['Offering rules', v.regimes?.length ? v.regimes.map((r) => REGIMES.find((x) => x[0] === r)?.[1]).join(', ') : 'None'],
                  ['Investor verification needed', VERIFICATION_LEVEL_CHOICES[v.minimumVerificationLevel ?? 'none']],
                  ['Money held', v.chainId ? `On chain: ${chainName(v.chainId)}${v.poolLockAt ? `, pool locks ${v.poolLockAt.replace('T', ' ')} UTC` : ''}` : 'Platform ledger'],
                  ['Description', v.description ? (v.description.length > 600 ? `${v.description.slice(0, 600)}…` : v.description) : 'None yet'],
                ].map(([k, val]) => (
                  <div key={k} className={k === 'Description' ? 'sm:col-span-2' : undefined}>
                    <dt className="text-muted-foreground">{k}</dt>
                    <dd className={cn('font-medium break-words', k === 'Description' && 'font-normal whitespace-pre-line')}>{val}</dd>
                  </div>
                ))}
              </dl>
            )}

            <div className="flex justify-between gap-3 border-t border-border pt-5">
              <Button type="button" variant="outline" onClick={() => setStep((n) => n - 1)} disabled={step === 0}>
                <ChevronLeft aria-hidden /> Back
              </Button>
              {step < STEPS.length - 1 ? (
                <Button type="submit">
                  Continue <ChevronRight aria-hidden />
                </Button>
              ) : (
                <Button type="submit" disabled={formState.isSubmitting}>
                  {formState.isSubmitting && <Loader2 className="animate-spin" aria-hidden />} {dealId ? 'Save draft' : 'Create draft'}
                </Button>
              )}
            </div>
          </form>
        </CardContent>
      </Card>
    </div>
  );
}
