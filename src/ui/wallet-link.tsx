'use client';

import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { Loader2, Unlink, Wallet } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useEffect, useMemo, useState } from 'react';
import { getAddress } from 'viem';
import { createSiweMessage } from 'viem/siwe';
import { useConnect, useConnection, useDisconnect, useSignMessage, WagmiProvider } from 'wagmi';
import { injectedProvider, requestPending, userRejected, walletConfig } from '@/ui/chain-wallet';
import { api, ApiError, errorMessage } from '@/ui/api-client';
import { formatDateTime } from '@/ui/format';
import { Alert } from '@/ui/primitives/alert';
import { Button } from '@/ui/primitives/button';

// The wallet island of the profile page: wagmi and react-query load only here. The wallet
// is the injected (in-page) provider, so nothing talks to an RPC server over the network,
// which the CSP (connect-src 'self') would refuse anyway.

export type LinkedWalletView = { address: string; chainId: number; linkedAt: string };
type Challenge = { nonce: string; issuedAt: string; expirationTime: string; domain: string; uri: string; chainId: number; statement: string };
const short = (a: string) => {
  const c = getAddress(a);
  return `${c.slice(0, 6)}…${c.slice(-4)}`;
};

export function WalletLink({ chainId, wallets }: { chainId: number; wallets: LinkedWalletView[] }) {
  const config = useMemo(() => walletConfig(chainId), [chainId]);
  const [queryClient] = useState(() => new QueryClient());
  return (
    <WagmiProvider config={config} reconnectOnMount={false}>
      <QueryClientProvider client={queryClient}>
        <WalletPanel wallets={wallets} />
      </QueryClientProvider>
    </WagmiProvider>
  );
}

function WalletPanel({ wallets }: { wallets: LinkedWalletView[] }) {
  const router = useRouter();
  const connection = useConnection();
  const connect = useConnect();
  const disconnect = useDisconnect();
  const sign = useSignMessage();
  const [hasWallet, setHasWallet] = useState<boolean | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [msg, setMsg] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);

  // Only the browser knows whether a wallet extension injected a provider.
  useEffect(() => setHasWallet(injectedProvider() !== undefined), []);

  async function connectAndLink() {
    setMsg(null);
    setBusy('link');
    try {
      const connector = connect.connectors[0]!;
      const address = connection.address ?? (await connect.mutateAsync({ connector })).accounts[0];
      if (!address) throw new Error('The wallet shared no account');
      const ch = await api<Challenge>('/api/wallet/nonce', { method: 'POST' });
      const message = createSiweMessage({
        address,
        domain: ch.domain,
        uri: ch.uri,
        chainId: ch.chainId,
        nonce: ch.nonce,
        statement: ch.statement,
        version: '1',
        issuedAt: new Date(ch.issuedAt),
        expirationTime: new Date(ch.expirationTime),
      });
      const signature = await sign.mutateAsync({ account: address, message });
      await api('/api/wallet/link', { method: 'POST', json: { message, signature } });
      setMsg({ tone: 'success', text: `Wallet ${short(address)} is linked to your account.` });
      router.refresh();
    } catch (e) {
      setMsg({ tone: 'error', text: walletError(e) });
    } finally {
      setBusy(null);
    }
  }

  async function unlink(address: string) {
    setMsg(null);
    setBusy(address);
    try {
      await api('/api/wallet/link', { method: 'DELETE', json: { address } });
      if (connection.address?.toLowerCase() === address) disconnect.mutate({});
      setMsg({ tone: 'success', text: `Wallet ${short(address)} was unlinked.` });
      router.refresh();
    } catch (e) {
      setMsg({ tone: 'error', text: errorMessage(e) });
    } finally {
      setBusy(null);
    }
  }

  return (
    <div className="grid gap-4">
      {msg && <Alert tone={msg.tone}>{msg.text}</Alert>}
      {wallets.length > 0 ? (
        <ul className="grid gap-2 text-sm">
          {wallets.map((w) => (
            <li key={w.address} className="flex flex-wrap items-center justify-between gap-3 rounded-md border p-3">
              <div className="grid gap-0.5">
                <span className="font-mono break-all">{getAddress(w.address)}</span>
                <span className="text-muted-foreground text-xs">
                  Chain {w.chainId} · linked {formatDateTime(w.linkedAt)}
                </span>
              </div>
              <Button type="button" size="sm" variant="outline" disabled={busy !== null} onClick={() => unlink(w.address)} aria-label={`Unlink wallet ${getAddress(w.address)}`}>
                {busy === w.address ? <Loader2 className="animate-spin" aria-hidden /> : <Unlink aria-hidden />} Unlink
              </Button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-muted-foreground text-sm">No wallet is linked to your account yet.</p>
      )}
      {hasWallet === false ? (
        <Alert tone="info" title="No browser wallet found">
          Install a wallet extension such as MetaMask or Rabby, or open this page in your wallet app’s browser, then reload.
        </Alert>
      ) : (
        <div>
          <Button type="button" disabled={busy !== null || hasWallet === null} onClick={connectAndLink}>
            {busy === 'link' ? <Loader2 className="animate-spin" aria-hidden /> : <Wallet aria-hidden />}
            {connection.isConnected ? 'Sign in with this wallet to link it' : 'Connect wallet'}
          </Button>
          <p className="text-muted-foreground mt-2 text-xs">Your wallet asks you to sign a message that proves you own the address. Signing costs nothing and sends no transaction.</p>
        </div>
      )}
    </div>
  );
}

/** What went wrong, in words: wallet refusals (EIP-1193 code 4001) first, then API problems. */
function walletError(e: unknown): string {
  if (userRejected(e)) return 'You declined the request in your wallet; nothing was linked.';
  if (requestPending(e)) return 'Your wallet already has a request open; finish or close it there first.';
  if (!(e instanceof ApiError) && e && typeof (e as { shortMessage?: unknown }).shortMessage === 'string') return (e as { shortMessage: string }).shortMessage;
  return errorMessage(e);
}
