'use client';

import { formResolver } from '@/ui/form-resolver';
import { CheckCircle2, Loader2 } from 'lucide-react';
import dynamic from 'next/dynamic';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { investInput } from '@/server/investments/schema';
import { api, errorMessage, ApiError } from './api-client';
import { Alert } from './primitives/alert';
import { formatMoney } from './format';
import { Button, buttonVariants } from './primitives/button';
import { Dialog, DialogContent, DialogDescription, DialogTitle } from './primitives/dialog';
import { Field, fieldAria } from './primitives/field';
import { Input, NativeSelect } from './primitives/input';
import type { ChainOrder } from './chain-invest';

// The wallet steps (wagmi, viem, the contract ABIs) load only for an on-chain deal.
const ChainInvestFlow = dynamic(() => import('./chain-invest').then((m) => m.ChainInvestFlow), { ssr: false, loading: () => <p className="mt-5 text-sm text-muted-foreground">Loading the wallet steps…</p> });

type Values = z.input<typeof investInput>;
type Parsed = z.output<typeof investInput>;
/** offshore: offered under Regulation S, so the form asks where the investor is as they order (17 CFR 230.903(a)(1)). */
/** `chainId`: the deal settles on chain (the investor's wallet funds an escrow contract); null or absent: the fiat rails and the platform's ledger. */
export type InvestDeal = {
  id: string;
  slug: string;
  title: string;
  currency: string;
  minTicket: string;
  maxTicket: string | null;
  status: string;
  offshore?: boolean;
  chainId?: number | null;
  /** For an on-chain deal: the chain's name and the confirmations the platform waits for. */
  chainName?: string | null;
  confirmations?: number;
};

const METHODS = [
  ['wire', 'Bank wire'],
  ['ach', 'ACH transfer'],
  ['card', 'Card'],
  ['crypto', 'Crypto (stablecoin)'],
] as const;

function newKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

/**
 * The invest form. Validation is the API's own zod schema; the business rules (minimum
 * ticket, hard cap, per-investor limit) come back from the API as `detail` and are shown.
 * One Idempotency-Key per distinct submission: a retry of the same values reuses it, so a
 * double click or a lost response never invests twice. Loaded on demand by InvestButton, so
 * the form's code (zod, react-hook-form, the dialog) is not part of the deal page's first load.
 */
export function InvestDialog({ deal, open, onOpenChange: setOpen }: { deal: InvestDeal; open: boolean; onOpenChange: (open: boolean) => void }) {
  const router = useRouter();
  const [serverError, setServerError] = useState<string | null>(null);
  // A compliance refusal (compliance_* code) is fixed on /verification, so the message links there.
  const [complianceBlocked, setComplianceBlocked] = useState(false);
  const [result, setResult] = useState<{ id: string; amount: string } | null>(null);
  const [chainOrder, setChainOrder] = useState<ChainOrder | null>(null);
  const key = useRef<{ fingerprint: string; key: string } | null>(null);
  const onChain = !!deal.chainId;
  const form = useForm<Values, unknown, Parsed>({ resolver: formResolver(investInput), defaultValues: { amount: '', paymentMethod: onChain ? 'crypto' : 'wire' }, shouldUnregister: !onChain });
  const { register, handleSubmit, watch, formState, setError } = form;
  const method = watch('paymentMethod');

  const onSubmit = async (v: Parsed) => {
    setServerError(null);
    setComplianceBlocked(false);
    const body = {
      amount: v.amount,
      paymentMethod: v.paymentMethod,
      ...(v.paymentMethod === 'crypto' ? { walletAddress: v.walletAddress } : {}),
      ...(deal.offshore && v.orderCountry ? { orderCountry: v.orderCountry } : {}),
    };
    const fingerprint = JSON.stringify(body);
    if (key.current?.fingerprint !== fingerprint) key.current = { fingerprint, key: newKey() };
    if (onChain) {
      // The wallet steps reserve with this key (with the connected wallet), then approve and fund.
      setChainOrder({ amount: v.amount, orderCountry: deal.offshore ? v.orderCountry : undefined, idempotencyKey: key.current.key });
      return;
    }
    try {
      const r = await api<{ investment: { id: string } }>(`/api/deals/${deal.id}/invest`, { method: 'POST', json: body, headers: { 'Idempotency-Key': key.current.key } });
      setResult({ id: r.investment.id, amount: v.amount });
      key.current = null;
      router.refresh();
    } catch (e) {
      const field = e instanceof ApiError ? (['amount', 'walletAddress', 'paymentMethod', 'orderCountry'] as const).find((f) => e.field(f)) : undefined;
      if (field && e instanceof ApiError) setError(field, { message: e.field(field) });
      else {
        setServerError(errorMessage(e));
        setComplianceBlocked(e instanceof ApiError && e.problem.code.startsWith('compliance_'));
      }
    }
  };

  const onOpenChange = (next: boolean) => {
    setOpen(next);
    if (!next) {
      setResult(null);
      setChainOrder(null);
      key.current = null;
      setServerError(null);
      form.reset();
    }
  };

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent>
        {chainOrder && deal.chainId ? (
          <>
            <DialogTitle>Invest in {deal.title}</DialogTitle>
            <DialogDescription>
              {formatMoney(chainOrder.amount, deal.currency)} from your wallet into an escrow contract of its own on {deal.chainName ?? `chain ${deal.chainId}`}.
            </DialogDescription>
            <ChainInvestFlow
              deal={{ id: deal.id, title: deal.title, currency: deal.currency, chainId: deal.chainId, chainName: deal.chainName ?? `chain ${deal.chainId}`, confirmations: deal.confirmations ?? 1 }}
              order={chainOrder}
              onRestart={() => {
                key.current = null;
                setChainOrder(null);
                router.refresh();
              }}
            />
          </>
        ) : result ? (
          <div className="text-center" data-testid="invest-success">
            <CheckCircle2 className="mx-auto size-12 text-success" aria-hidden />
            <DialogTitle className="mt-3 pr-0">Investment recorded</DialogTitle>
            <DialogDescription>
              You committed {formatMoney(result.amount, deal.currency)} to {deal.title}.{' '}
              The platform has recorded your commitment. Next: identity checks, then payment instructions. Once you pay, the platform holds your funds in its own ledger (nothing is held on chain) until your checks are cleared, then confirms
              the investment or refunds you.
            </DialogDescription>
            <p className="mt-3 text-xs text-muted-foreground">Reference {result.id}</p>
            <div className="mt-6 flex flex-col gap-2 sm:flex-row sm:justify-center">
              <Link href="/portfolio" className={buttonVariants()}>
                View portfolio
              </Link>
              <Button variant="outline" onClick={() => onOpenChange(false)}>
                Done
              </Button>
            </div>
          </div>
        ) : (
          <>
            <DialogTitle>Invest in {deal.title}</DialogTitle>
            <DialogDescription>
              Minimum {formatMoney(deal.minTicket, deal.currency)}
              {deal.maxTicket ? `, at most ${formatMoney(deal.maxTicket, deal.currency)} per investor` : ''}.
            </DialogDescription>
            <form className="mt-5 grid gap-4" onSubmit={handleSubmit(onSubmit)} noValidate>
              {serverError && (
                <Alert tone="error" title="The investment was not made">
                  {serverError}
                  {complianceBlocked && (
                    <>
                      {' '}
                      <Link href="/verification" className="font-medium underline underline-offset-4">
                        Complete your verification
                      </Link>
                    </>
                  )}
                </Alert>
              )}
              <Field id="invest-amount" label={`Amount (${deal.currency})`} error={formState.errors.amount?.message} hint="Use a dot for decimals, e.g. 2500.50">
                <Input {...fieldAria('invest-amount', formState.errors.amount?.message, true)} inputMode="decimal" autoComplete="off" {...register('amount')} />
              </Field>
              {onChain ? (
                <p className="rounded-md bg-muted p-3 text-sm" data-testid="invest-rail">
                  Paid in {deal.currency} from your linked wallet on {deal.chainName ?? `chain ${deal.chainId}`}. Next, your wallet approves exactly this amount and funds an escrow contract of its own; you confirm each step in your wallet.
                </p>
              ) : (
              <Field id="invest-method" label="Payment method" error={formState.errors.paymentMethod?.message}>
                <NativeSelect {...fieldAria('invest-method', formState.errors.paymentMethod?.message)} {...register('paymentMethod')}>
                  {METHODS.map(([v, l]) => (
                    <option key={v} value={v}>
                      {l}
                    </option>
                  ))}
                </NativeSelect>
              </Field>
              )}
              {!onChain && method === 'crypto' && (
                <Field id="invest-wallet" label="Wallet address" error={formState.errors.walletAddress?.message} hint="The 0x address you will pay from">
                  <Input {...fieldAria('invest-wallet', formState.errors.walletAddress?.message, true)} placeholder="0x…" autoComplete="off" spellCheck={false} {...register('walletAddress', { setValueAs: (v: string) => (v ? v.trim() : undefined) })} />
                </Field>
              )}
              {deal.offshore && (
                <Field
                  id="invest-order-country"
                  label="Country you are in now"
                  error={formState.errors.orderCountry?.message}
                  hint="Two letters, e.g. DE. Offers under Regulation S are for buyers outside the United States at the time of the order."
                >
                  <Input
                    {...fieldAria('invest-order-country', formState.errors.orderCountry?.message, true)}
                    autoComplete="country"
                    maxLength={2}
                    {...register('orderCountry', { setValueAs: (v: string) => (v ? v.trim().toUpperCase() : undefined) })}
                  />
                </Field>
              )}
              <Button type="submit" size="lg" disabled={formState.isSubmitting}>
                {formState.isSubmitting && <Loader2 className="animate-spin" aria-hidden />}
                {formState.isSubmitting ? 'Submitting…' : 'Confirm investment'}
              </Button>
              <p className="text-xs text-muted-foreground">
                {deal.chainId
                  ? 'By confirming you commit to invest this amount. Your wallet then funds an escrow contract of its own, held on chain until your checks are cleared, otherwise refunded to your wallet.'
                  : 'By confirming you commit to invest this amount. The platform records the commitment and, once you pay by the method you chose, holds the funds in its ledger until your checks are cleared.'}
              </p>
            </form>
          </>
        )}
      </DialogContent>
    </Dialog>
  );
}
