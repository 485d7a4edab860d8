'use client';

import { useState, type ReactNode } from 'react';
import { api, ApiError } from './api-client';
import { Alert } from './primitives/alert';
import { Button } from './primitives/button';
import { Field, fieldAria } from './primitives/field';
import { Input, NativeSelect } from './primitives/input';
import { useSubmit } from './use-submit';

// The investor's verification forms. Each posts to its API and re-renders the server page, so
// the status shown always comes from the server.

function Feedback({ message, ok, title }: { message: string | null; ok: string | null; title: string }): ReactNode {
  if (message)
    return (
      <Alert tone="error" title={title}>
        {message}
      </Alert>
    );
  if (ok)
    return (
      <p role="status" className="text-sm font-medium text-success">
        {ok}
      </p>
    );
  return null;
}

export function KycStartButton() {
  const s = useSubmit(async () => {
    const r = await api<{ verificationUrl?: string | null }>('/api/investor/kyc/applications', { method: 'POST', json: { level: 'standard' } });
    // A hosted provider (ShuftiPro): the investor continues on its page and comes back to /verification/return.
    if (r.verificationUrl) window.location.assign(r.verificationUrl);
  });
  return (
    <form onSubmit={s.onSubmit} className="grid gap-3">
      <Feedback message={s.message} ok={null} title="Verification could not start" />
      <Button type="submit" disabled={s.busy}>
        {s.busy ? 'Starting…' : 'Start identity verification'}
      </Button>
    </form>
  );
}

const KINDS = [
  ['passport', 'Passport'],
  ['id_card', 'National identity card'],
  ['driving_licence', 'Driving licence'],
  ['proof_of_address', 'Proof of address'],
  ['selfie', 'Selfie'],
] as const;

export function KycDocumentUpload({ applicationId }: { applicationId: string }) {
  const s = useSubmit(async (form) => {
    const file = form.get('file');
    if (!(file instanceof File) || file.size === 0) throw new ApiError({ status: 400, code: 'empty_body', detail: 'Choose a file to upload' });
    const kind = String(form.get('kind'));
    await api(`/api/investor/kyc/applications/${applicationId}/documents?kind=${encodeURIComponent(kind)}`, { method: 'POST', body: file, headers: { 'content-type': file.type || 'application/octet-stream' } });
  }, 'Document uploaded. We will review it shortly.');
  return (
    <form onSubmit={s.onSubmit} className="grid gap-3 border-t border-border pt-4">
      <p className="text-sm font-medium">Upload a document</p>
      <Feedback message={s.message} ok={s.ok} title="The document was not uploaded" />
      <Field id="kyc-kind" label="Document type">
        <NativeSelect id="kyc-kind" name="kind" defaultValue="passport">
          {KINDS.map(([v, l]) => (
            <option key={v} value={v}>
              {l}
            </option>
          ))}
        </NativeSelect>
      </Field>
      <Field id="kyc-file" label="File" hint="A photo or scan: JPEG, PNG or PDF, at most 10 MB">
        <Input {...fieldAria('kyc-file', undefined, true)} name="file" type="file" accept="image/jpeg,image/png,application/pdf" required className="h-auto py-1.5" />
      </Field>
      <div>
        <Button type="submit" disabled={s.busy}>
          {s.busy ? 'Uploading…' : 'Upload document'}
        </Button>
      </div>
    </form>
  );
}

export type ExternalRegCfEntry = { amount: string; investedOn: string; intermediary: string };
export type DeclarationValues = {
  residenceCountry: string;
  nationality: string;
  isUsPerson: boolean;
  investorType: string;
  annualIncome: string;
  jointAnnualIncome?: string;
  netWorth: string;
  externalRegCfInvestments: ExternalRegCfEntry[];
};

/**
 * Reg CF purchases through other platforms in the last 12 months, one row each with its day:
 * the limit counts them (17 CFR 227.100(a)(2)) and the platform relies on what the investor
 * states (227.303(b)(1)). The rows shown are the whole statement: saving replaces it.
 */
function ExternalRegCfRows({ initial, fieldError }: { initial: ExternalRegCfEntry[]; fieldError: (name: string) => string | undefined }) {
  const [rows, setRows] = useState(() => initial.map((e, i) => ({ ...e, key: i })));
  const [next, setNext] = useState(initial.length);
  const add = () => {
    setRows((r) => [...r, { amount: '', investedOn: '', intermediary: '', key: next }]);
    setNext((n) => n + 1);
  };
  return (
    <fieldset className="grid gap-3">
      <legend className="mb-1 text-sm font-medium">Crowdfunding (Reg CF) investments on other platforms in the last 12 months</legend>
      <p className="text-sm text-muted-foreground">Each one counts toward your 12-month crowdfunding limit until a year after its date.</p>
      {rows.map((row, i) => (
        <div key={row.key} className="grid items-end gap-3 sm:grid-cols-[1fr_1fr_1.5fr_auto]" data-testid="external-reg-cf-row">
          {(
            [
              ['amount', 'Amount (USD)', { inputMode: 'decimal', autoComplete: 'off' }],
              ['investedOn', 'Date', { type: 'date' }],
              ['intermediary', 'Platform', { autoComplete: 'off' }],
            ] as const
          ).map(([key, label, props]) => {
            const id = `decl-external-${row.key}-${key}`;
            const error = fieldError(`externalRegCfInvestments.${i}.${key}`);
            return (
              <Field key={key} id={id} label={`${label} (purchase ${i + 1})`} error={error}>
                <Input {...fieldAria(id, error, key !== 'intermediary')} name={`external.${i}.${key}`} defaultValue={row[key]} {...props} />
              </Field>
            );
          })}
          <Button type="button" variant="outline" onClick={() => setRows((r) => r.filter((x) => x.key !== row.key))}>
            Remove
          </Button>
        </div>
      ))}
      <div>
        <Button type="button" variant="outline" onClick={add}>
          Add a purchase
        </Button>
      </div>
    </fieldset>
  );
}

function externalEntriesOf(form: FormData) {
  const out: Record<string, string>[] = [];
  for (let i = 0; form.has(`external.${i}.amount`); i++) {
    const v = (k: string) => String(form.get(`external.${i}.${k}`) ?? '').trim();
    out.push({ amount: v('amount'), investedOn: v('investedOn'), ...(v('intermediary') ? { intermediary: v('intermediary') } : {}) });
  }
  return out;
}

export function KycDeclarationForm({ initial }: { initial: DeclarationValues | null }) {
  const s = useSubmit(async (form) => {
    const text = (k: string) => String(form.get(k) ?? '').trim();
    const optional = (k: string) => (text(k) ? { [k]: text(k) } : {});
    await api('/api/investor/compliance/declaration', {
      method: 'PUT',
      json: {
        residenceCountry: text('residenceCountry'),
        nationality: text('nationality'),
        isUsPerson: form.get('isUsPerson') === 'yes',
        investorType: text('investorType'),
        ...optional('annualIncome'),
        ...optional('jointAnnualIncome'),
        ...optional('netWorth'),
        externalRegCfInvestments: externalEntriesOf(form),
      },
    });
  }, 'Declaration saved.');
  const f = (name: string, label: string, hint: string, props: Record<string, unknown> = {}) => (
    <Field id={`decl-${name}`} label={label} hint={hint} error={s.fieldError(name)}>
      <Input {...fieldAria(`decl-${name}`, s.fieldError(name), true)} name={name} defaultValue={String(initial?.[name as Exclude<keyof DeclarationValues, 'externalRegCfInvestments'>] ?? '')} {...props} />
    </Field>
  );
  return (
    <form onSubmit={s.onSubmit} className="grid gap-4" noValidate>
      <Feedback message={s.message} ok={s.ok} title="The declaration was not saved" />
      <div className="grid gap-4 sm:grid-cols-2">
        {f('residenceCountry', 'Country of residence', 'Two-letter code, e.g. DE', { maxLength: 2, autoComplete: 'country', required: true, className: 'uppercase' })}
        {f('nationality', 'Nationality', 'Two-letter code, e.g. FR', { maxLength: 2, required: true, className: 'uppercase' })}
      </div>
      <Field id="decl-isUsPerson" label="U.S. person" hint="A U.S. citizen or resident, or an entity organised in the U.S." error={s.fieldError('isUsPerson')}>
        <NativeSelect {...fieldAria('decl-isUsPerson', s.fieldError('isUsPerson'), true)} name="isUsPerson" defaultValue={initial?.isUsPerson ? 'yes' : 'no'}>
          <option value="no">No</option>
          <option value="yes">Yes</option>
        </NativeSelect>
      </Field>
      <Field id="decl-investorType" label="Investor type" error={s.fieldError('investorType')}>
        <NativeSelect {...fieldAria('decl-investorType', s.fieldError('investorType'))} name="investorType" defaultValue={initial?.investorType ?? 'natural_person'}>
          <option value="natural_person">Individual</option>
          <option value="entity">Company or other entity</option>
        </NativeSelect>
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        {f('annualIncome', 'Annual income (USD)', 'Optional; e.g. 85000', { inputMode: 'decimal', autoComplete: 'off' })}
        {f('jointAnnualIncome', 'Joint annual income with spouse or partner (USD)', 'Optional; counts toward accreditation from $300,000', { inputMode: 'decimal', autoComplete: 'off' })}
        {f('netWorth', 'Net worth (USD)', 'Optional; excluding your main home', { inputMode: 'decimal', autoComplete: 'off' })}
      </div>
      <ExternalRegCfRows initial={initial?.externalRegCfInvestments ?? []} fieldError={s.fieldError} />
      <div>
        <Button type="submit" disabled={s.busy}>
          {s.busy ? 'Saving…' : 'Save declaration'}
        </Button>
      </div>
    </form>
  );
}

type Question = { id: string; text: string; options: { value: string; label: string }[] };

export function KycSuitabilityForm({ questions, initial }: { questions: Question[]; initial: Record<string, string> }) {
  const [result, setResult] = useState<string | null>(null);
  const s = useSubmit(async (form) => {
    const answers = Object.fromEntries(questions.map((q) => [q.id, String(form.get(q.id) ?? '')]));
    const r = await api<{ assessment: { band: string; score: number }; meetsMinimum: boolean }>('/api/investor/suitability', { method: 'POST', json: { answers } });
    setResult(`Result: ${r.assessment.band} (score ${r.assessment.score})${r.meetsMinimum ? '.' : '; below what some deals require.'}`);
  });
  return (
    <form onSubmit={s.onSubmit} className="grid gap-5">
      <Feedback message={s.message} ok={result} title="The answers were not saved" />
      {questions.map((q) => (
        <fieldset key={q.id} className="grid gap-2">
          <legend className="mb-1 text-sm font-medium">{q.text}</legend>
          {q.options.map((o) => (
            <label key={o.value} className="flex items-center gap-2 text-sm">
              <input type="radio" name={q.id} value={o.value} defaultChecked={initial[q.id] === o.value} required className="size-4 accent-primary" />
              {o.label}
            </label>
          ))}
        </fieldset>
      ))}
      <div>
        <Button type="submit" disabled={s.busy}>
          {s.busy ? 'Saving…' : 'Submit answers'}
        </Button>
      </div>
    </form>
  );
}

const EDUCATION_STATEMENTS: [name: string, label: string][] = [
  ['reviewedMaterials', 'I have read the educational materials above'],
  ['mayLoseEntireInvestment', 'I understand I may lose the whole amount I invest'],
  ['canBearLoss', 'I can bear that loss'],
  ['understandsCancellation', 'I understand I can cancel only until 48 hours before an offering’s deadline'],
  ['understandsResaleRestrictions', 'I understand I generally cannot resell for a year, and there may never be a market'],
];

/** The Reg CF acknowledgement (17 CFR 227.303(b)(2)): every statement must be ticked. */
export function RegCfEducationForm({ version }: { version: string }) {
  const s = useSubmit(async (form) => {
    await api('/api/investor/compliance/reg-cf-education', { method: 'POST', json: { version, ...Object.fromEntries(EDUCATION_STATEMENTS.map(([name]) => [name, form.get(name) === 'on'])) } });
  }, 'Acknowledgement recorded.');
  return (
    <form onSubmit={s.onSubmit} className="grid gap-3">
      <Feedback message={s.message} ok={s.ok} title="The acknowledgement was not recorded" />
      {EDUCATION_STATEMENTS.map(([name, label]) => (
        <label key={name} className="flex items-center gap-2 text-sm">
          <input type="checkbox" name={name} required className="size-4 accent-primary" /> {label}
          {s.fieldError(name) && <span className="text-destructive"> {s.fieldError(name)}</span>}
        </label>
      ))}
      <div>
        <Button type="submit" disabled={s.busy}>
          {s.busy ? 'Saving…' : 'Acknowledge'}
        </Button>
      </div>
    </form>
  );
}
