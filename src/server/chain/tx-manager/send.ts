// The transaction manager's worker: one function of the chain and `now`, run by the job worker
// every few seconds (and by tests directly). For each signer with work it
//   1. checks the receipts of sent transactions (any attempt's hash counts), rebroadcasts the
//      stored raw transaction of one without a receipt, and bumps the fee of one stuck for
//      CHAIN_TX_STUCK_BLOCKS blocks (same nonce, a new signed attempt);
//   2. sends queued transactions: simulate first (a revert costs no nonce: it is retried with
//      backoff, then marked failed with the reason), then in ONE database transaction take the
//      next nonce (chain_nonces, row-locked), sign, and store the attempt's raw bytes and hash;
//      only after that commit is the raw transaction broadcast.
// A crash after the commit leaves a stored, signed attempt that the next run rebroadcasts; it is
// never signed again with another nonce. Two workers never share a nonce: the nonce row and the
// queued row are both locked while one worker signs.
import { keccak256, type Hex, type PublicClient } from 'viem';
import { getConfig } from '../../config';
import { withChainSystem } from '../../db/platform';
import { uuidv7 } from '../../ids';
import { publicClientFor } from '../network';
import { signerFor } from '../signers';
import { attemptsOf, findTxs, openAmong, insertAttempt, lockNextQueued, lockTx, markBroadcast, reserveNonce, sentTxsOf, signersWithWork, updateTx } from './repo';
import { describeRevert, isAlreadyKnown } from './revert';

export type ProcessHooks = {
  /** Called after a signed attempt is committed and before it is broadcast (crash tests). */
  afterStore?: (txId: string, hash: Hex) => void | Promise<void>;
};

export type ProcessReport = { sent: number; bumped: number; mined: number; failed: number; rebroadcast: number };

const BUMP_NUM = 5n; // +25% per bump: above the 10% nodes require to replace a pending transaction
const BUMP_DEN = 4n;
const MAX_PER_SIGNER = 25;

function backoffMs(failures: number): number {
  return Math.min(60_000, 1_000 * 2 ** Math.max(0, failures - 1));
}

async function checkSent(client: PublicClient, chainId: number, from: string, report: ProcessReport): Promise<void> {
  const { CHAIN_TX_STUCK_BLOCKS } = getConfig();
  for (const tx of await withChainSystem((db) => sentTxsOf(db, chainId, from))) {
    const attempts = await withChainSystem((db) => attemptsOf(db, tx.id));
    const current = attempts.filter((a) => Number(a.nonce) === Number(tx.nonce));
    let mined = false;
    for (const a of [...current].reverse()) {
      const receipt = await client.getTransactionReceipt({ hash: a.tx_hash as Hex }).catch(() => undefined);
      if (!receipt) continue;
      const ok = receipt.status === 'success';
      await withChainSystem((db) =>
        updateTx(db, tx.id, {
          status: ok ? 'mined' : 'failed',
          tx_hash: a.tx_hash,
          receipt_status: ok ? 'success' : 'reverted',
          block_number: receipt.blockNumber.toString(),
          block_hash: receipt.blockHash.toLowerCase(),
          gas_used: receipt.gasUsed.toString(),
          effective_gas_price: receipt.effectiveGasPrice.toString(),
          contract_address: receipt.contractAddress?.toLowerCase() ?? null,
          last_error: ok ? null : `reverted on chain in block ${receipt.blockNumber} (tx ${a.tx_hash})`,
          mined_at: new Date(),
        }),
      );
      ok ? report.mined++ : report.failed++;
      mined = true;
      break;
    }
    if (mined) continue;
    const latest = current[current.length - 1];
    if (!latest) continue;
    // The nonce was used by a transaction that is none of ours: this one can never be mined.
    const confirmedNonce = await client.getTransactionCount({ address: from as Hex, blockTag: 'latest' });
    if (confirmedNonce > Number(tx.nonce)) {
      const again = await client.getTransactionReceipt({ hash: latest.tx_hash as Hex }).catch(() => undefined);
      if (!again) {
        await withChainSystem((db) => updateTx(db, tx.id, { status: 'replaced', last_error: `nonce ${tx.nonce} was used by another transaction of ${from}` }));
        report.failed++;
      }
      continue;
    }
    const block = await client.getBlockNumber({ cacheTime: 0 });
    const stuck = latest.broadcast_block !== null && block - BigInt(latest.broadcast_block) >= BigInt(CHAIN_TX_STUCK_BLOCKS);
    if (!stuck) {
      // Never broadcast (a crash after the commit) or dropped by the node: send the same bytes again.
      await broadcast(client, latest.raw_tx as Hex).catch(() => {});
      if (latest.broadcast_at === null) await withChainSystem((db) => markBroadcast(db, latest.id, block));
      report.rebroadcast++;
      continue;
    }
    const bumped = await withChainSystem(async (db) => {
      const locked = await lockTx(db, tx.id);
      if (!locked || locked.status !== 'sent' || locked.attempt_count !== tx.attempt_count) return null;
      const fees = await client.estimateFeesPerGas();
      const prevMax = BigInt(latest.max_fee_per_gas);
      const prevTip = BigInt(latest.max_priority_fee_per_gas);
      const maxPriorityFeePerGas = maxOf((prevTip * BUMP_NUM) / BUMP_DEN + 1n, fees.maxPriorityFeePerGas);
      const maxFeePerGas = maxOf((prevMax * BUMP_NUM) / BUMP_DEN + 1n, fees.maxFeePerGas, maxPriorityFeePerGas);
      const account = signerFor(chainId, locked.signer_role, locked.tenant_id);
      const raw = await account.signTransaction({
        chainId,
        type: 'eip1559',
        nonce: Number(locked.nonce),
        to: (locked.to_address as Hex | null) ?? undefined,
        data: locked.data as Hex,
        value: BigInt(locked.value),
        gas: BigInt(latest.gas_limit),
        maxFeePerGas,
        maxPriorityFeePerGas,
      });
      const hash = keccak256(raw);
      const attemptId = uuidv7();
      await insertAttempt(db, { id: attemptId, txId: locked.id, tenantId: locked.tenant_id, attempt: locked.attempt_count + 1, hash, raw, nonce: Number(locked.nonce), maxFeePerGas, maxPriorityFeePerGas, gasLimit: BigInt(latest.gas_limit) });
      await updateTx(db, locked.id, { attempt_count: locked.attempt_count + 1, tx_hash: hash });
      return { raw, hash, attemptId };
    });
    if (!bumped) continue;
    await broadcast(client, bumped.raw).catch(() => {});
    await withChainSystem((db) => markBroadcast(db, bumped.attemptId, block));
    report.bumped++;
  }
}

function maxOf(...xs: bigint[]): bigint {
  return xs.reduce((a, b) => (b > a ? b : a));
}

async function broadcast(client: PublicClient, raw: Hex): Promise<void> {
  try {
    await client.request({ method: 'eth_sendRawTransaction', params: [raw] });
  } catch (e) {
    if (!isAlreadyKnown(e)) throw e;
  }
}

async function sendQueued(client: PublicClient, chainId: number, from: string, now: Date, report: ProcessReport, hooks: ProcessHooks): Promise<void> {
  const { CHAIN_TX_MAX_FAILURES } = getConfig();
  for (let i = 0; i < MAX_PER_SIGNER; i++) {
    const prepared = await withChainSystem(async (db) => {
      const tx = await lockNextQueued(db, chainId, from, now);
      if (!tx) return 'none' as const;
      const account = signerFor(chainId, tx.signer_role, tx.tenant_id);
      if (account.address.toLowerCase() !== tx.from_address) {
        await updateTx(db, tx.id, { status: 'failed', last_error: `the configured ${tx.signer_role} key is not ${tx.from_address} any more` });
        report.failed++;
        return 'next' as const;
      }
      const request = { account: account.address, to: (tx.to_address as Hex | null) ?? undefined, data: tx.data as Hex, value: BigInt(tx.value) };
      let gas: bigint;
      try {
        gas = await client.estimateGas(request);
      } catch (e) {
        const failures = tx.failure_count + 1;
        const final = failures >= CHAIN_TX_MAX_FAILURES;
        await updateTx(db, tx.id, {
          failure_count: failures,
          last_error: describeRevert(e),
          ...(final ? { status: 'failed' as const } : { next_attempt_at: new Date(now.getTime() + backoffMs(failures)) }),
        });
        if (final) report.failed++;
        return 'next' as const;
      }
      const gasLimit = (gas * 6n) / 5n + 10_000n;
      const fees = await client.estimateFeesPerGas();
      const pending = await client.getTransactionCount({ address: account.address, blockTag: 'pending' });
      const nonce = await reserveNonce(db, chainId, tx.from_address, pending);
      const raw = await account.signTransaction({
        chainId,
        type: 'eip1559',
        nonce,
        to: request.to,
        data: request.data,
        value: request.value,
        gas: gasLimit,
        maxFeePerGas: fees.maxFeePerGas,
        maxPriorityFeePerGas: fees.maxPriorityFeePerGas,
      });
      const hash = keccak256(raw);
      const attemptId = uuidv7();
      await insertAttempt(db, { id: attemptId, txId: tx.id, tenantId: tx.tenant_id, attempt: tx.attempt_count + 1, hash, raw, nonce, maxFeePerGas: fees.maxFeePerGas, maxPriorityFeePerGas: fees.maxPriorityFeePerGas, gasLimit });
      await updateTx(db, tx.id, { status: 'sent', nonce, gas_limit: gasLimit.toString(), attempt_count: tx.attempt_count + 1, tx_hash: hash, last_error: null, sent_at: new Date() });
      return { id: tx.id, raw, hash, attemptId };
    });
    if (prepared === 'none') return;
    if (prepared === 'next') continue;
    await hooks.afterStore?.(prepared.id, prepared.hash);
    const block = await client.getBlockNumber({ cacheTime: 0 });
    try {
      await broadcast(client, prepared.raw);
      await withChainSystem((db) => markBroadcast(db, prepared.attemptId, block));
    } catch (e) {
      // Stored and signed: the next run rebroadcasts these same bytes.
      await withChainSystem((db) => updateTx(db, prepared.id, { last_error: `broadcast: ${describeRevert(e)}` }));
    }
    report.sent++;
  }
}

/** One pass over a chain's queue. Safe to run concurrently and after any crash. */
export async function processChainQueue(chainId: number, opts: { now?: Date; hooks?: ProcessHooks; signers?: string[] } = {}): Promise<ProcessReport> {
  const now = opts.now ?? new Date();
  const client = publicClientFor(chainId);
  const report: ProcessReport = { sent: 0, bumped: 0, mined: 0, failed: 0, rebroadcast: 0 };
  const only = opts.signers?.map((s) => s.toLowerCase());
  for (const from of await withChainSystem((db) => signersWithWork(db, chainId, now))) {
    if (only && !only.includes(from)) continue;
    await checkSent(client, chainId, from, report);
    await sendQueued(client, chainId, from, now, report, opts.hooks ?? {});
  }
  return report;
}

/** Runs passes until the given transactions are mined or failed (seed, provisioning, tests). */
export async function settleTransactions(chainId: number, ids: string[], opts: { timeoutMs?: number; signers?: string[] } = {}): Promise<void> {
  const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
  const signers = opts.signers ?? [...new Set((await withChainSystem((db) => findTxs(db, ids))).map((t) => t.from_address))];
  for (;;) {
    await processChainQueue(chainId, { signers });
    const open = await withChainSystem((db) => openAmong(db, ids));
    if (open.length === 0) return;
    if (Date.now() > deadline) throw new Error(`chain transactions still open after ${opts.timeoutMs ?? 60_000} ms: ${open.map((o) => `${o.id} ${o.status}`).join(', ')}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
