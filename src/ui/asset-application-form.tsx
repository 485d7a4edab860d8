'use client';

import { parseUnits } from 'viem';
import { api } from './api-client';
import { FormStatus } from './form-status';
import { Button } from './primitives/button';
import { Field, fieldAria } from './primitives/field';
import { Input, NativeSelect, Textarea } from './primitives/input';
import { useSubmit } from './use-submit';

// The issuer's tokenization application (POST /api/issuer/assets/applications): amounts are asked
// as people write them (valuation in the currency, supply in whole tokens) and sent in the API's
// smallest units; periods in days. The API's field errors show under the field they name.

const text = (d: FormData, k: string) => String(d.get(k) ?? '').trim();
/** Decimal text to smallest units; unreadable input goes as is, and the API names the field. */
const units = (v: string, decimals: number) => {
  try {
    return parseUnits(v, decimals).toString();
  } catch {
    return v;
  }
};
const days = (v: string) => (v === '' ? 0 : Number.isFinite(Number(v)) ? Math.round(Number(v) * 86_400) : -1);

export function AssetApplicationForm({ chainIds }: { chainIds: number[] }) {
  const s = useSubmit(async (d) => {
    const decimals = Number(text(d, 'decimals') || '18');
    const countries = text(d, 'allowedCountries');
    await api('/api/issuer/assets/applications', {
      method: 'POST',
      json: {
        assetType: text(d, 'assetType'),
        name: text(d, 'name'),
        symbol: text(d, 'symbol'),
        description: text(d, 'description'),
        valuation: units(text(d, 'valuation'), 2),
        currency: text(d, 'currency'),
        currencyDecimals: 2,
        supply: units(text(d, 'supply'), decimals),
        decimals,
        jurisdiction: text(d, 'jurisdiction'),
        regulation: text(d, 'regulation'),
        chainId: Number(text(d, 'chainId')),
        treasuryAddress: text(d, 'treasuryAddress'),
        lockupSeconds: days(text(d, 'lockupDays')),
        regSPeriodSeconds: days(text(d, 'regSDays')),
        maxHolders: Number(text(d, 'maxHolders') || '0'),
        allowedCountries: countries ? countries.split(/[\s,]+/).filter(Boolean) : [],
      },
    });
  }, 'Saved as a draft: submit it for review from the list below.');
  const err = s.fieldError;
  if (chainIds.length === 0) return <p className="text-sm text-muted-foreground">This platform has no chain yet, so assets cannot be tokenized.</p>;
  return (
    <form onSubmit={s.onSubmit} className="grid gap-4" noValidate data-testid="asset-application-form">
      <FormStatus s={s} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="aa-type" label="Asset type" error={err('assetType')}>
          <NativeSelect {...fieldAria('aa-type', err('assetType'))} name="assetType" defaultValue="real_estate">
            <option value="real_estate">Real estate</option>
            <option value="fund_units">Fund units</option>
            <option value="revenue_share">Revenue share</option>
            <option value="equity">Equity</option>
            <option value="debt">Debt</option>
          </NativeSelect>
        </Field>
        <Field id="aa-name" label="Name" error={err('name')}>
          <Input {...fieldAria('aa-name', err('name'))} name="name" maxLength={120} required />
        </Field>
        <Field id="aa-symbol" label="Token symbol" hint="2 to 11 letters or digits" error={err('symbol')}>
          <Input {...fieldAria('aa-symbol', err('symbol'), true)} name="symbol" maxLength={11} autoComplete="off" />
        </Field>
        <Field id="aa-chain" label="Chain" error={err('chainId')}>
          <NativeSelect {...fieldAria('aa-chain', err('chainId'))} name="chainId" defaultValue={String(chainIds[0])}>
            {chainIds.map((c) => (
              <option key={c} value={c}>
                Chain {c}
              </option>
            ))}
          </NativeSelect>
        </Field>
      </div>
      <Field id="aa-description" label="Description" error={err('description')}>
        <Textarea {...fieldAria('aa-description', err('description'))} name="description" rows={4} required />
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="aa-valuation" label="Valuation" hint="In the currency, e.g. 18500000.00" error={err('valuation')}>
          <Input {...fieldAria('aa-valuation', err('valuation'), true)} name="valuation" inputMode="decimal" />
        </Field>
        <Field id="aa-currency" label="Currency" hint="ISO 4217, e.g. USD" error={err('currency')}>
          <Input {...fieldAria('aa-currency', err('currency'), true)} name="currency" defaultValue="USD" maxLength={3} />
        </Field>
        <Field id="aa-supply" label="Supply (whole tokens)" error={err('supply')}>
          <Input {...fieldAria('aa-supply', err('supply'), true)} name="supply" inputMode="decimal" />
        </Field>
        <Field id="aa-decimals" label="Token decimals" error={err('decimals')}>
          <Input {...fieldAria('aa-decimals', err('decimals'), true)} name="decimals" inputMode="numeric" defaultValue="18" />
        </Field>
        <Field id="aa-jurisdiction" label="Jurisdiction" hint="ISO 3166, e.g. US-DE" error={err('jurisdiction')}>
          <Input {...fieldAria('aa-jurisdiction', err('jurisdiction'), true)} name="jurisdiction" />
        </Field>
        <Field id="aa-regulation" label="Regulation" error={err('regulation')}>
          <NativeSelect {...fieldAria('aa-regulation', err('regulation'))} name="regulation" defaultValue="reg_d">
            <option value="reg_d">Regulation D</option>
            <option value="reg_s">Regulation S</option>
            <option value="reg_cf">Regulation Crowdfunding</option>
          </NativeSelect>
        </Field>
      </div>
      <Field id="aa-treasury" label="Treasury wallet" hint="Receives the whole supply at issuance" error={err('treasuryAddress')}>
        <Input {...fieldAria('aa-treasury', err('treasuryAddress'), true)} name="treasuryAddress" autoComplete="off" spellCheck={false} className="font-mono" />
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="aa-lockup" label="Holding period (days)" hint="Per acquisition; 0 for none" error={err('lockupSeconds')}>
          <Input {...fieldAria('aa-lockup', err('lockupSeconds'), true)} name="lockupDays" inputMode="decimal" defaultValue="0" />
        </Field>
        <Field id="aa-regs" label="Reg S period (days)" hint="No US persons until it ends; required for Reg S" error={err('regSPeriodSeconds')}>
          <Input {...fieldAria('aa-regs', err('regSPeriodSeconds'), true)} name="regSDays" inputMode="decimal" defaultValue="0" />
        </Field>
        <Field id="aa-holders" label="Maximum holders" hint="0 for no limit" error={err('maxHolders')}>
          <Input {...fieldAria('aa-holders', err('maxHolders'), true)} name="maxHolders" inputMode="numeric" defaultValue="0" />
        </Field>
        <Field id="aa-countries" label="Allowed countries" hint="ISO codes, e.g. DE GB; empty for all" error={err('allowedCountries')}>
          <Input {...fieldAria('aa-countries', err('allowedCountries'), true)} name="allowedCountries" />
        </Field>
      </div>
      <Button type="submit" disabled={s.busy} className="justify-self-start">
        Save draft
      </Button>
    </form>
  );
}
