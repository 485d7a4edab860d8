'use client';

import { useState, type ComponentProps } from 'react';
import { api } from '@/ui/api-client';
import { Alert } from '@/ui/primitives/alert';
import { Button } from '@/ui/primitives/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/ui/primitives/card';
import { fieldClass, Input, Textarea } from '@/ui/primitives/input';
import { Label } from '@/ui/primitives/label';
import { useSubmit } from '@/ui/use-submit';

// The tenant admin's lending screen: publish the risk disclosure (a new version asks every member
// again), open a pool with one collateral (more through the API), and set operator prices. Every
// action goes through the admin API, which audits it.

type Pool = { id: string; name: string; status: 'pending' | 'active'; chainId: number; collaterals: { token: string; symbol: string }[] };
type Disclosure = { title: string; body: string; version: number } | null;

const text = (f: FormData, k: string) => String(f.get(k) ?? '').trim();
const int = (f: FormData, k: string) => Number(text(f, k));

function Field({ name, label, error, ...rest }: { name: string; label: string; error?: string } & ComponentProps<'input'>) {
  return (
    <div className="grid gap-1">
      <Label htmlFor={`lending-${name}`}>{label}</Label>
      <Input id={`lending-${name}`} name={name} autoComplete="off" aria-invalid={!!error} {...rest} />
      {error && <p className="text-sm text-danger">{error}</p>}
    </div>
  );
}

export function LendingAdmin({ pools, disclosure, chainIds }: { pools: Pool[]; disclosure: Disclosure; chainIds: number[] }) {
  const [priceFor, setPriceFor] = useState<string | null>(null);
  const settings = useSubmit((f) => api('/api/admin/lending/settings', { method: 'PUT', json: { disclosureTitle: text(f, 'disclosureTitle'), disclosureBody: text(f, 'disclosureBody') } }), 'Disclosure published.');
  const open = useSubmit(
    (f) =>
      api('/api/admin/lending/pools', {
        method: 'POST',
        json: {
          name: text(f, 'name'),
          chainId: int(f, 'chainId'),
          asset: text(f, 'asset'),
          baseRatePercent: text(f, 'baseRatePercent'),
          slope1Percent: text(f, 'slope1Percent'),
          slope2Percent: text(f, 'slope2Percent'),
          optimalUtilisationPercent: text(f, 'optimalUtilisationPercent'),
          reserveFactorBps: int(f, 'reserveFactorBps'),
          minVerificationLevel: text(f, 'minVerificationLevel'),
          collaterals: [
            {
              token: text(f, 'collateralToken'),
              ltvBps: int(f, 'ltvBps'),
              liquidationThresholdBps: int(f, 'liquidationThresholdBps'),
              liquidationBonusBps: int(f, 'liquidationBonusBps'),
              maxPriceAgeSeconds: int(f, 'maxPriceAgeSeconds'),
              price: text(f, 'price'),
            },
          ],
        },
      }),
    'Pool requested: it appears as active once its creation is mined and indexed.',
  );
  const price = useSubmit((f) => api(`/api/admin/lending/pools/${priceFor}/prices`, { method: 'POST', json: { token: text(f, 'token'), price: text(f, 'price') } }), 'Price sent: it applies once mined.');

  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <Card>
        <CardHeader>
          <CardTitle>Risk disclosure</CardTitle>
          <CardDescription>{disclosure ? `Version ${disclosure.version} in force. Saving publishes a new version that every member acknowledges again.` : 'None yet: members cannot supply or borrow until you publish one.'}</CardDescription>
        </CardHeader>
        <CardContent>
          <form className="grid gap-3" onSubmit={settings.onSubmit}>
            <Field name="disclosureTitle" label="Title" defaultValue={disclosure?.title ?? 'Lending risks'} error={settings.fieldError('disclosureTitle')} required />
            <div className="grid gap-1">
              <Label htmlFor="lending-disclosureBody">Text members must read</Label>
              <Textarea id="lending-disclosureBody" name="disclosureBody" rows={6} defaultValue={disclosure?.body ?? ''} required />
            </div>
            {settings.message && <Alert tone="error">{settings.message}</Alert>}
            {settings.ok && <Alert tone="success">{settings.ok}</Alert>}
            <Button type="submit" disabled={settings.busy}>
              Publish
            </Button>
          </form>
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Pools</CardTitle>
        </CardHeader>
        <CardContent className="grid gap-4">
          {pools.length === 0 && <p className="text-sm text-muted-foreground">No pools yet.</p>}
          <ul className="grid gap-3 text-sm" data-testid="admin-lending-pools">
            {pools.map((p) => (
              <li key={p.id} className="grid gap-2">
                <span>
                  <strong>{p.name}</strong> · chain {p.chainId} · {p.status === 'active' ? 'active' : 'awaiting creation on chain'}
                </span>
                {p.status === 'active' && p.collaterals.length > 0 && (
                  <Button type="button" variant="outline" onClick={() => setPriceFor(priceFor === p.id ? null : p.id)}>
                    Set a price
                  </Button>
                )}
                {priceFor === p.id && (
                  <form className="grid gap-2" onSubmit={price.onSubmit}>
                    <Label htmlFor="lending-price-token">Collateral</Label>
                    <select id="lending-price-token" name="token" className={fieldClass}>
                      {p.collaterals.map((c) => (
                        <option key={c.token} value={c.token}>
                          {c.symbol}
                        </option>
                      ))}
                    </select>
                    <Field name="price" label="Price (stablecoin per whole token)" inputMode="decimal" error={price.fieldError('price')} required />
                    {price.message && <Alert tone="error">{price.message}</Alert>}
                    {price.ok && <Alert tone="success">{price.ok}</Alert>}
                    <Button type="submit" disabled={price.busy}>
                      Send price
                    </Button>
                  </form>
                )}
              </li>
            ))}
          </ul>
        </CardContent>
      </Card>
      <Card className="lg:col-span-2">
        <CardHeader>
          <CardTitle>Open a pool</CardTitle>
          <CardDescription>Rates are yearly percentages; the pool is created by your platform’s factory with its collateral listed and priced in the same transaction.</CardDescription>
        </CardHeader>
        <CardContent>
          <form className="grid gap-3 sm:grid-cols-2" onSubmit={open.onSubmit}>
            <Field name="name" label="Name" error={open.fieldError('name')} required />
            <div className="grid gap-1">
              <Label htmlFor="lending-chainId">Chain</Label>
              <select id="lending-chainId" name="chainId" className={fieldClass}>
                {chainIds.map((c) => (
                  <option key={c} value={c}>
                    {c}
                  </option>
                ))}
              </select>
            </div>
            <Field name="asset" label="Stablecoin address" placeholder="0x…" error={open.fieldError('asset')} required />
            <Field name="baseRatePercent" label="Base rate %" defaultValue="2" error={open.fieldError('baseRatePercent')} required />
            <Field name="slope1Percent" label="Slope below the kink %" defaultValue="10" error={open.fieldError('slope1Percent')} required />
            <Field name="slope2Percent" label="Slope above the kink %" defaultValue="300" error={open.fieldError('slope2Percent')} required />
            <Field name="optimalUtilisationPercent" label="Kink (optimal utilisation) %" defaultValue="80" error={open.fieldError('optimalUtilisationPercent')} required />
            <Field name="reserveFactorBps" label="Reserve factor (basis points)" defaultValue="1000" inputMode="numeric" error={open.fieldError('reserveFactorBps')} required />
            <div className="grid gap-1">
              <Label htmlFor="lending-minVerificationLevel">Verification level to supply or borrow</Label>
              <select id="lending-minVerificationLevel" name="minVerificationLevel" className={fieldClass} defaultValue="basic">
                {['none', 'basic', 'standard', 'enhanced', 'accredited'].map((l) => (
                  <option key={l} value={l}>
                    {l}
                  </option>
                ))}
              </select>
            </div>
            <Field name="collateralToken" label="Collateral token address" placeholder="0x…" error={open.fieldError('collaterals.0.token')} required />
            <Field name="ltvBps" label="Loan-to-value (basis points)" defaultValue="7000" inputMode="numeric" error={open.fieldError('collaterals.0.ltvBps')} required />
            <Field name="liquidationThresholdBps" label="Liquidation threshold (basis points)" defaultValue="8000" inputMode="numeric" error={open.fieldError('collaterals.0.liquidationThresholdBps')} required />
            <Field name="liquidationBonusBps" label="Liquidation bonus (basis points)" defaultValue="500" inputMode="numeric" error={open.fieldError('collaterals.0.liquidationBonusBps')} required />
            <Field name="maxPriceAgeSeconds" label="Price valid for (seconds)" defaultValue="86400" inputMode="numeric" error={open.fieldError('collaterals.0.maxPriceAgeSeconds')} required />
            <Field name="price" label="First price (stablecoin per whole token)" inputMode="decimal" error={open.fieldError('collaterals.0.price')} required />
            <div className="grid gap-2 sm:col-span-2">
              {open.message && <Alert tone="error">{open.message}</Alert>}
              {open.ok && <Alert tone="success">{open.ok}</Alert>}
              <Button type="submit" disabled={open.busy}>
                Open the pool
              </Button>
            </div>
          </form>
        </CardContent>
      </Card>
    </div>
  );
}
