'use client';

import { AlertCircle, CheckCircle2, Circle, Loader2 } from 'lucide-react';
import Link from 'next/link';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { erc20Abi, formatUnits, getAddress, type Hex } from 'viem';
import { connect, getBlockNumber, getConnection, readContract, switchChain, waitForTransactionReceipt, writeContract } from 'wagmi/actions';
import { escrowFactoryAbi } from '../../contracts/abi/EscrowFactory';
import { api, ApiError, errorMessage } from './api-client';
import { injectedProvider, requestPending, userRejected, walletConfig, walletErrorCodes } from './chain-wallet';
import { formatDateTime } from './format';
import { Alert } from './primitives/alert';
import { Button, buttonVariants } from './primitives/button';

// The wallet's part of investing in an on-chain deal, step by step:
//   connect → network → reserve (POST /api/deals/{id}/invest, answered with `onChain`) →
//   approve exactly `amount` for the EscrowFactory → createEscrow(sale, amount) →
//   confirmations N/M, then the platform's indexer binds the escrow (investment `in_escrow`).
// Each step is done once: a retry after a refusal or an error resumes at the step that failed,
// with the same reservation (same Idempotency-Key) and never a second escrow.

export type ChainDeal = { id: string; title: string; currency: string; chainId: number; chainName: string; confirmations: number };
export type ChainOrder = { amount: string; orderCountry?: string; idempotencyKey: string };

type OnChain = {
  chainId: number;
  escrowFactory: Hex;
  sale: Hex;
  paymentToken: Hex;
  amount: string;
  decimals: number;
  fundingDeadline: string;
  approval: { approvedAmount: string; deadline: string; signature: Hex };
};
type StepId = 'connect' | 'network' | 'reserve' | 'approve' | 'fund' | 'confirm';
type StepState = 'todo' | 'active' | 'done' | 'failed';
type Escrow = { escrowAddress: string | null; escrowUrl: string | null; movements: { kind: string; txHash: string | null; txUrl: string | null }[] } | null;
type PortfolioInvestment = { id: string; status: string; transactionHash: string | null; transactionUrl: string | null; escrowAddress: string | null; escrow: Escrow };

/** What the flow has done so far; kept across retries so nothing is done twice. */
type Progress = {
  account?: Hex;
  investmentId?: string;
  onChain?: OnChain;
  approveHash?: Hex;
  approved?: boolean;
  fundHash?: Hex;
  fundBlock?: bigint;
  confirmed?: PortfolioInvestment;
};

class FlowError extends Error {
  constructor(
    message: string,
    readonly step: StepId,
    readonly fix?: { href: string; label: string },
    readonly restart = false,
  ) {
    super(message);
  }
}

const STEPS: StepId[] = ['connect', 'network', 'reserve', 'approve', 'fund', 'confirm'];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const short = (h: string) => `${h.slice(0, 10)}…${h.slice(-6)}`;

/** What a wallet or chain error means to the investor at this step. */
function explain(e: unknown, step: StepId, deadline: string | undefined): FlowError {
  if (e instanceof FlowError) return e;
  const until = deadline ? ` Your reservation holds until ${formatDateTime(deadline)}.` : '';
  if (userRejected(e)) return new FlowError(`You declined the request in your wallet, so nothing was sent.${until} Retry when you are ready.`, step);
  if (requestPending(e)) return new FlowError('Your wallet already has a request open; finish or close it there, then retry.', step);
  if (walletErrorCodes(e).includes(4902)) return new FlowError('Your wallet does not know this network. Add it to your wallet, then retry.', step);
  if (e instanceof ApiError) return new FlowError(errorMessage(e), step);
  const text = (e as { shortMessage?: string })?.shortMessage ?? (e instanceof Error ? e.message : String(e));
  if (/insufficient funds/i.test(text)) return new FlowError('Your wallet has too little native currency to pay the network fee. Add some, then retry.', step);
  if (/TokenShortfall|InsufficientBalance|exceeds balance/i.test(text)) return new FlowError(`Your wallet does not hold enough tokens for this investment.${until}`, step);
  if (/allowance/i.test(text)) return new FlowError(`The escrow factory may not take that amount from your wallet yet: approve it again.${until}`, step);
  return new FlowError(`${text}${until}`, step);
}

export function ChainInvestFlow({ deal, order, onRestart }: { deal: ChainDeal; order: ChainOrder; onRestart: () => void }) {
  const config = useMemo(() => walletConfig(deal.chainId, deal.chainName), [deal.chainId, deal.chainName]);
  const progress = useRef<Progress>({});
  const alive = useRef(true);
  const running = useRef(false);
  const [states, setStates] = useState<Record<StepId, StepState>>(() => Object.fromEntries(STEPS.map((s) => [s, 'todo'])) as Record<StepId, StepState>);
  const [note, setNote] = useState<string>('Connecting to your wallet…');
  const [confirmations, setConfirmations] = useState(0);
  const [failure, setFailure] = useState<FlowError | null>(null);
  const [, rerender] = useState(0);

  const mark = (step: StepId, s: StepState) => alive.current && setStates((prev) => ({ ...prev, [step]: s }));

  const run = useCallback(async () => {
    if (running.current) return;
    running.current = true;
    setFailure(null);
    const p = progress.current;
    let step: StepId = 'connect';
    // Past the funding deadline nothing more is sent from the wallet, and the reservation is given
    // back now (the investor's own cancellation) rather than at the platform's next expiry sweep, so
    // the message below is true when it is shown. A 409 means the sweep already released it.
    const deadlineGuard = async () => {
      if (!p.onChain || Date.now() < Date.parse(p.onChain.fundingDeadline)) return;
      const when = formatDateTime(p.onChain.fundingDeadline);
      const released = !p.investmentId
        ? true
        : await api(`/api/investments/${p.investmentId}/cancel`, { method: 'POST', json: { reason: 'The funding deadline passed before the escrow was funded' } }).then(
            () => true,
            (e) => e instanceof ApiError && e.problem.status === 409,
          );
      throw new FlowError(
        released
          ? `The funding deadline (${when}) has passed, so nothing more was sent from your wallet: your reservation is released and its capacity returned to the deal. Start again to reserve anew.`
          : `The funding deadline (${when}) has passed, so nothing more was sent from your wallet; the platform releases your reservation within a few minutes. Start again to reserve anew.`,
        step,
        undefined,
        true,
      );
    };
    try {
      // 1. Connect the injected wallet.
      step = 'connect';
      mark(step, 'active');
      if (!injectedProvider()) throw new FlowError('No browser wallet found. Install a wallet extension such as MetaMask or Rabby, or open this page in your wallet app’s browser.', step);
      setNote('Connect your wallet: approve the connection request it shows.');
      const conn = getConnection(config);
      let address = conn.status === 'connected' ? conn.address : undefined;
      if (!address) address = (await connect(config, { connector: config.connectors[0]! })).accounts[0];
      if (!address) throw new FlowError('Your wallet shared no account.', step);
      const account = getAddress(address);
      if (p.account && p.account !== account) throw new FlowError(`Your wallet switched to ${short(account)}; this investment is for ${short(p.account)}. Select that account in your wallet and retry.`, step);
      p.account = account;
      mark(step, 'done');

      // 2. The deal's network.
      step = 'network';
      mark(step, 'active');
      let chainId = await config.connectors[0]!.getChainId();
      if (chainId !== deal.chainId) {
        setNote(`Your wallet is on chain ${chainId}; asking it to switch to ${deal.chainName} (chain ${deal.chainId}).`);
        try {
          await switchChain(config, { chainId: deal.chainId });
        } catch (e) {
          if (userRejected(e)) throw new FlowError(`Wrong network: your wallet is on chain ${chainId}, and this deal settles on ${deal.chainName} (chain ${deal.chainId}). Switch your wallet to it, then retry.`, step);
          throw e;
        }
        chainId = await config.connectors[0]!.getChainId();
        if (chainId !== deal.chainId) throw new FlowError(`Wrong network: your wallet is on chain ${chainId}, and this deal settles on ${deal.chainName} (chain ${deal.chainId}). Switch your wallet to it, then retry.`, step);
      }
      mark(step, 'done');

      // 3. Reserve: the platform records the commitment and answers with the wallet's instructions.
      step = 'reserve';
      if (!p.onChain) {
        mark(step, 'active');
        setNote('Recording your commitment with the platform…');
        try {
          const r = await api<{ investment: { id: string }; onChain?: OnChain }>(`/api/deals/${deal.id}/invest`, {
            method: 'POST',
            json: { amount: order.amount, paymentMethod: 'crypto', walletAddress: account, ...(order.orderCountry ? { orderCountry: order.orderCountry } : {}) },
            headers: { 'Idempotency-Key': order.idempotencyKey },
          });
          if (!r.onChain) throw new FlowError('The platform did not answer with on-chain instructions for this deal; nothing was sent from your wallet.', step);
          if (r.onChain.chainId !== deal.chainId) throw new FlowError(`The platform answered for chain ${r.onChain.chainId}, not ${deal.chainId}; nothing was sent from your wallet.`, step);
          p.investmentId = r.investment.id;
          p.onChain = r.onChain;
        } catch (e) {
          if (e instanceof ApiError && e.field('walletAddress'))
            throw new FlowError(`${e.field('walletAddress')} On-chain deals are funded from a wallet linked to your account.`, step, { href: '/profile', label: 'Link this wallet on your profile' }, true);
          if (e instanceof ApiError && e.problem.code.startsWith('compliance_')) throw new FlowError(errorMessage(e), step, { href: '/verification', label: 'Complete your verification' }, true);
          if (e instanceof ApiError && e.problem.status < 500) throw new FlowError(errorMessage(e), step, undefined, true);
          throw e;
        }
      }
      mark(step, 'done');
      const oc = p.onChain!;
      const amount = BigInt(oc.amount);
      const human = `${formatUnits(amount, oc.decimals)} ${deal.currency}`;

      // 4. Approve exactly the amount (skipped when the allowance already covers it).
      step = 'approve';
      mark(step, 'active');
      if (!p.approved) {
        await deadlineGuard();
        const balance = await readContract(config, { chainId: deal.chainId, address: oc.paymentToken, abi: erc20Abi, functionName: 'balanceOf', args: [account] });
        if (balance < amount)
          throw new FlowError(`Insufficient balance: your wallet ${short(account)} holds ${formatUnits(balance, oc.decimals)} ${deal.currency} and this investment needs ${human}. Add tokens to it, then retry before ${formatDateTime(oc.fundingDeadline)}.`, step);
        const allowance = await readContract(config, { chainId: deal.chainId, address: oc.paymentToken, abi: erc20Abi, functionName: 'allowance', args: [account, oc.escrowFactory] });
        if (allowance < amount) {
          if (!p.approveHash) {
            setNote(`Approve exactly ${human} for the escrow factory in your wallet.`);
            p.approveHash = await writeContract(config, { chainId: deal.chainId, account, address: oc.paymentToken, abi: erc20Abi, functionName: 'approve', args: [oc.escrowFactory, amount] });
          }
          setNote('Waiting for the approval to be mined…');
          const receipt = await waitForTransactionReceipt(config, { chainId: deal.chainId, hash: p.approveHash });
          if (receipt.status !== 'success') {
            p.approveHash = undefined;
            throw new FlowError('The approval transaction failed on chain; nothing was taken. Retry to approve again.', step);
          }
          const after = await readContract(config, { chainId: deal.chainId, address: oc.paymentToken, abi: erc20Abi, functionName: 'allowance', args: [account, oc.escrowFactory] });
          if (after < amount) {
            p.approveHash = undefined;
            throw new FlowError(`Insufficient allowance: the escrow factory may take ${formatUnits(after, oc.decimals)} ${deal.currency} and needs ${human} (was the amount changed in your wallet?). Retry to approve the exact amount.`, step);
          }
        }
        p.approved = true;
      }
      mark(step, 'done');

      // 5. Fund a new escrow clone: EscrowFactory.createEscrow(sale, amount).
      step = 'fund';
      mark(step, 'active');
      if (!p.fundHash) {
        await deadlineGuard();
        setNote(`Fund your escrow with ${human}: confirm the transaction in your wallet.`);
        p.fundHash = await writeContract(config, { chainId: deal.chainId, account, address: oc.escrowFactory, abi: escrowFactoryAbi, functionName: 'createEscrow', args: [oc.sale, amount] });
        rerender((n) => n + 1);
      }
      if (p.fundBlock === undefined) {
        setNote('Waiting for the funding transaction to be mined…');
        const receipt = await waitForTransactionReceipt(config, { chainId: deal.chainId, hash: p.fundHash });
        if (receipt.status !== 'success') {
          p.fundHash = undefined;
          throw new FlowError('The funding transaction failed on chain; your tokens stayed in your wallet. Retry to fund again.', step);
        }
        p.fundBlock = receipt.blockNumber;
      }
      mark(step, 'done');

      // 6. Confirmations N/M, then the indexer binds the escrow to the investment.
      step = 'confirm';
      mark(step, 'active');
      for (;;) {
        if (!alive.current) return;
        const head = await getBlockNumber(config, { chainId: deal.chainId });
        const n = Math.min(deal.confirmations, Math.max(0, Number(head - p.fundBlock) + 1));
        setConfirmations(n);
        const data = await api<{ positions: { investments: PortfolioInvestment[] }[] }>('/api/investor/portfolio');
        const mine = data.positions.flatMap((x) => x.investments).find((i) => i.id === p.investmentId);
        if (mine?.status === 'cancelled')
          throw new FlowError('The platform cancelled this reservation (its funding deadline passed before the escrow was seen). If your escrow was funded, it is refunded to your wallet; start again to reserve anew.', step, undefined, true);
        if (mine && mine.status !== 'pending_payment' && mine.status !== 'pending_kyc' && (mine.escrow?.escrowAddress ?? mine.escrowAddress)) {
          p.confirmed = mine;
          setConfirmations(deal.confirmations);
          break;
        }
        setNote(n < deal.confirmations ? `Waiting for confirmations: ${n} of ${deal.confirmations}.` : 'Confirmed on chain; waiting for the platform to record your escrow…');
        await sleep(1500);
      }
      mark(step, 'done');
      setNote('Your escrow is funded and confirmed.');
    } catch (e) {
      const f = explain(e, step, p.onChain?.fundingDeadline);
      mark(f.step, 'failed');
      if (alive.current) setFailure(f);
    } finally {
      running.current = false;
      rerender((n) => n + 1);
    }
  }, [config, deal, order]);

  // Started once when the flow opens; later runs are the investor's Retry.
  const first = useRef(run);
  useEffect(() => {
    alive.current = true;
    void first.current();
    return () => {
      alive.current = false;
    };
  }, []);

  const p = progress.current;
  const labels: Record<StepId, string> = {
    connect: p.account ? `Wallet ${short(p.account)} connected` : 'Connect your wallet',
    network: `Network: ${deal.chainName} (chain ${deal.chainId})`,
    reserve: 'Reserve your investment with the platform',
    approve: p.onChain ? `Approve exactly ${formatUnits(BigInt(p.onChain.amount), p.onChain.decimals)} ${deal.currency}` : 'Approve the exact amount',
    fund: 'Fund your escrow contract',
    confirm: `Confirmations ${confirmations}/${deal.confirmations}`,
  };
  const fundTx = p.confirmed?.escrow?.movements.find((m) => m.txHash?.toLowerCase() === p.fundHash?.toLowerCase()) ?? null;
  const escrowAddress = p.confirmed?.escrow?.escrowAddress ?? p.confirmed?.escrowAddress ?? null;
  const done = !!p.confirmed;

  return (
    <div className="mt-5 grid gap-4" data-testid="chain-invest">
      <ol className="grid gap-2 text-sm" aria-label="Wallet steps">
        {STEPS.map((s) => (
          <li key={s} className="flex items-center gap-2" data-testid={`chain-step-${s}`} data-state={states[s]}>
            {states[s] === 'done' ? (
              <CheckCircle2 className="size-4 shrink-0 text-success" aria-hidden />
            ) : states[s] === 'active' ? (
              <Loader2 className="size-4 shrink-0 animate-spin" aria-hidden />
            ) : states[s] === 'failed' ? (
              <AlertCircle className="size-4 shrink-0 text-danger" aria-hidden />
            ) : (
              <Circle className="size-4 shrink-0 text-muted-foreground" aria-hidden />
            )}
            <span className={states[s] === 'todo' ? 'text-muted-foreground' : undefined}>{labels[s]}</span>
            <span className="sr-only">({states[s] === 'todo' ? 'to do' : states[s] === 'active' ? 'in progress' : states[s]})</span>
          </li>
        ))}
      </ol>
      {!failure && !done && (
        <p className="text-sm text-muted-foreground" aria-live="polite" data-testid="chain-note">
          {note}
        </p>
      )}
      {failure && (
        <Alert tone="error" title="Your escrow is not funded yet">
          <span data-testid="chain-error">{failure.message}</span>
          {failure.fix && (
            <>
              {' '}
              <Link href={failure.fix.href} className="font-medium underline underline-offset-4">
                {failure.fix.label}
              </Link>
            </>
          )}
        </Alert>
      )}
      {p.fundHash && (
        <p className="text-xs break-all text-muted-foreground">
          Funding transaction{' '}
          {fundTx?.txUrl ? (
            <a href={fundTx.txUrl} target="_blank" rel="noreferrer" className="font-mono text-primary-text hover:underline">
              {p.fundHash}
            </a>
          ) : (
            <span className="font-mono" data-testid="chain-fund-tx">
              {p.fundHash}
            </span>
          )}
        </p>
      )}
      {done && (
        <Alert tone="success" title="Escrow confirmed">
          <span data-testid="chain-confirmed">
            {formatUnits(BigInt(p.onChain!.amount), p.onChain!.decimals)} {deal.currency} is held in your escrow contract{' '}
            {p.confirmed?.escrow?.escrowUrl ? (
              <a href={p.confirmed.escrow.escrowUrl} target="_blank" rel="noreferrer" className="font-mono break-all underline">
                {escrowAddress}
              </a>
            ) : (
              <span className="font-mono break-all" data-testid="chain-escrow-address">
                {escrowAddress}
              </span>
            )}{' '}
            on {deal.chainName}. It is released into the sale once your checks are cleared, otherwise refunded to your wallet.
          </span>
        </Alert>
      )}
      <div className="flex flex-col gap-2 sm:flex-row">
        {failure && !failure.restart && (
          <Button type="button" onClick={() => void run()}>
            Retry
          </Button>
        )}
        {failure?.restart && (
          <Button type="button" onClick={onRestart}>
            Start again
          </Button>
        )}
        {(done || failure) && (
          <Link href="/portfolio" className={buttonVariants({ variant: done ? 'default' : 'outline' })}>
            View portfolio
          </Link>
        )}
      </div>
      {p.investmentId && <p className="text-xs text-muted-foreground">Reference {p.investmentId}</p>}
    </div>
  );
}
