'use client';

import { useState, type ReactNode } from 'react';
import { api } from './api-client';
import { Alert } from './primitives/alert';
import { Button } from './primitives/button';
import { Field, fieldAria } from './primitives/field';
import { Input, NativeSelect, Textarea } from './primitives/input';
import { useSubmit } from './use-submit';

// The compliance forms of issue 23 (17 CFR 227, 230.501-506): the investor's accreditation
// evidence, the compliance officer's Form D filings, the issuer's invitations, covered persons and
// bad-actor certification, and the admin's issuer affiliates. Each posts to its API and re-renders
// the server page; a field the API names shows its message beside that field.

type Submit = ReturnType<typeof useSubmit>;

function Feedback({ s, title }: { s: Submit; title: string }): ReactNode {
  if (s.message)
    return (
      <Alert tone="error" title={title}>
        {s.message}
      </Alert>
    );
  if (s.ok)
    return (
      <p role="status" className="text-sm font-medium text-success">
        {s.ok}
      </p>
    );
  return null;
}

const text = (form: FormData, k: string) => String(form.get(k) ?? '').trim();
const optional = (form: FormData, k: string) => (text(form, k) ? { [k]: text(form, k) } : {});

/** A text field whose API name is `name` (and whose error the API names the same way). */
function TextField({ s, prefix, name, label, hint, apiName, ...props }: { s: Submit; prefix: string; name: string; label: string; hint?: string; apiName?: string } & Record<string, unknown>) {
  const id = `${prefix}-${name.replaceAll('.', '-')}`;
  const error = s.fieldError(apiName ?? name);
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      <Input {...fieldAria(id, error, !!hint)} name={name} {...props} />
    </Field>
  );
}

function SelectField({ s, prefix, name, label, options, apiName, ...props }: { s: Submit; prefix: string; name: string; label: string; options: readonly (readonly [string, string])[]; apiName?: string } & Record<string, unknown>) {
  const id = `${prefix}-${name.replaceAll('.', '-')}`;
  const error = s.fieldError(apiName ?? name);
  return (
    <Field id={id} label={label} error={error}>
      <NativeSelect {...fieldAria(id, error)} name={name} {...props}>
        {options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </NativeSelect>
    </Field>
  );
}

function Submit({ s, idle, busy }: { s: Submit; idle: string; busy: string }) {
  return (
    <div>
      <Button type="submit" disabled={s.busy}>
        {s.busy ? busy : idle}
      </Button>
    </div>
  );
}

// ---------------------------------------------------------------- accreditation (230.501(a), 506(c))

const METHODS = [
  ['income_documents', 'Income documents (tax returns, W-2s)'],
  ['net_worth_documents', 'Net worth documents (statements, credit report)'],
  ['category_documents', 'Licence, employment or entity documents'],
  ['letter_from_professional', 'Letter from a broker-dealer, adviser, attorney or CPA'],
] as const;
const CATEGORY_KINDS: Record<string, readonly (readonly [string, string])[]> = {
  income_documents: [['income', 'Income: $200,000 ($300,000 joint) in each of the last two years']],
  net_worth_documents: [['net_worth', 'Net worth over $1,000,000, main home excluded']],
  category_documents: [
    ['professional_certification', 'Series 7, 65 or 82 licence holder'],
    ['knowledgeable_employee', 'Knowledgeable employee of the fund'],
    ['entity_investments', 'Entity with more than $5,000,000 in investments'],
    ['family_office', 'Family office with more than $5,000,000 under management'],
  ],
  letter_from_professional: [
    ['', 'Not stated (the letter says it)'],
    ['income', 'Income'],
    ['net_worth', 'Net worth'],
  ],
};

function categoryOf(form: FormData, kind: string): Record<string, unknown> | undefined {
  const t = (k: string) => text(form, `category.${k}`);
  switch (kind) {
    case 'income':
      return {
        kind,
        years: [0, 1].map((i) => ({ year: Number(t(`years.${i}.year`)), amount: t(`years.${i}.amount`), joint: form.get('category.joint') === 'on' })),
      };
    case 'net_worth':
      return { kind, amount: t('amount'), joint: form.get('category.joint') === 'on', primaryResidenceExcluded: form.get('category.primaryResidenceExcluded') === 'on' };
    case 'professional_certification':
      return { kind, licence: t('licence'), crdNumber: t('crdNumber') };
    case 'knowledgeable_employee':
      return { kind, fund: t('fund'), role: t('role') };
    case 'entity_investments':
      return { kind, amount: t('amount'), formedForThisInvestment: form.get('category.formedForThisInvestment') === 'on' };
    case 'family_office':
      return { kind, assetsUnderManagement: t('assetsUnderManagement'), formedForThisInvestment: form.get('category.formedForThisInvestment') === 'on' };
    default:
      return undefined;
  }
}

/** The investor submits accreditation evidence: the 501(a) category with its figures, the evidence and its date. */
export function AccreditationForm() {
  const [method, setMethod] = useState<string>('income_documents');
  const [kind, setKind] = useState<string>('income');
  const year = new Date().getUTCFullYear() - 1;
  const s = useSubmit(async (form) => {
    const category = categoryOf(form, kind);
    await api('/api/investor/accreditation', {
      method: 'POST',
      json: {
        method,
        documentReference: text(form, 'documentReference'),
        documentDate: text(form, 'documentDate'),
        ...(category ? { category } : {}),
        ...(method === 'letter_from_professional' ? { professional: { name: text(form, 'professional.name'), kind: text(form, 'professional.kind') } } : {}),
        ...optional(form, 'note'),
      },
    });
  }, 'Submitted. Our compliance team will review it.');
  const p = 'accr';
  const kinds = CATEGORY_KINDS[method]!;
  return (
    <form onSubmit={s.onSubmit} className="grid gap-4" noValidate>
      <Feedback s={s} title="The evidence was not submitted" />
      <Field id="accr-method" label="Evidence" error={s.fieldError('method')}>
        <NativeSelect
          id="accr-method"
          name="method"
          value={method}
          onChange={(e) => {
            setMethod(e.target.value);
            setKind(CATEGORY_KINDS[e.target.value]![0]![0]);
          }}
        >
          {METHODS.map(([v, l]) => (
            <option key={v} value={v}>
              {l}
            </option>
          ))}
        </NativeSelect>
      </Field>
      <Field id="accr-category-kind" label="Accredited investor category" error={s.fieldError('category.kind')}>
        <NativeSelect {...fieldAria('accr-category-kind', s.fieldError('category.kind'))} name="category.kind" value={kind} onChange={(e) => setKind(e.target.value)}>
          {kinds.map(([v, l]) => (
            <option key={v} value={v}>
              {l}
            </option>
          ))}
        </NativeSelect>
      </Field>
      {kind === 'income' && (
        <fieldset className="grid gap-3" data-testid="accr-income-years">
          <legend className="mb-1 text-sm font-medium">Income in the two most recent years (USD)</legend>
          {[0, 1].map((i) => (
            <div key={i} className="grid gap-3 sm:grid-cols-2">
              <TextField s={s} prefix={p} name={`category.years.${i}.year`} label={`Year ${i + 1}`} defaultValue={String(year - i)} inputMode="numeric" />
              <TextField s={s} prefix={p} name={`category.years.${i}.amount`} label={`Income in year ${i + 1} (USD)`} inputMode="decimal" autoComplete="off" />
            </div>
          ))}
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="category.joint" className="size-4 accent-primary" /> Joint income with my spouse or spousal equivalent
          </label>
        </fieldset>
      )}
      {kind === 'net_worth' && (
        <>
          <TextField s={s} prefix={p} name="category.amount" label="Net worth (USD)" hint="Excluding your main home" inputMode="decimal" autoComplete="off" />
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="category.joint" className="size-4 accent-primary" /> Joint with my spouse or spousal equivalent
          </label>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="category.primaryResidenceExcluded" className="size-4 accent-primary" /> My main home is not counted
            {s.fieldError('category.primaryResidenceExcluded') && <span role="alert" className="text-danger"> {s.fieldError('category.primaryResidenceExcluded')}</span>}
          </label>
        </>
      )}
      {kind === 'professional_certification' && (
        <div className="grid gap-3 sm:grid-cols-2">
          <SelectField s={s} prefix={p} name="category.licence" label="Licence" options={[['series_7', 'Series 7'], ['series_65', 'Series 65'], ['series_82', 'Series 82']]} />
          <TextField s={s} prefix={p} name="category.crdNumber" label="FINRA CRD number" inputMode="numeric" />
        </div>
      )}
      {kind === 'knowledgeable_employee' && (
        <div className="grid gap-3 sm:grid-cols-2">
          <TextField s={s} prefix={p} name="category.fund" label="Fund" />
          <TextField s={s} prefix={p} name="category.role" label="Your role" />
        </div>
      )}
      {(kind === 'entity_investments' || kind === 'family_office') && (
        <>
          <TextField
            s={s}
            prefix={p}
            name={kind === 'entity_investments' ? 'category.amount' : 'category.assetsUnderManagement'}
            label={kind === 'entity_investments' ? 'Investments owned (USD)' : 'Assets under management (USD)'}
            inputMode="decimal"
            autoComplete="off"
          />
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="category.formedForThisInvestment" className="size-4 accent-primary" /> Formed to make this investment
            {s.fieldError('category.formedForThisInvestment') && <span role="alert" className="text-danger"> {s.fieldError('category.formedForThisInvestment')}</span>}
          </label>
        </>
      )}
      {method === 'letter_from_professional' && (
        <div className="grid gap-3 sm:grid-cols-2">
          <TextField s={s} prefix={p} name="professional.name" label="Who wrote the letter" apiName="professional" />
          <SelectField
            s={s}
            prefix={p}
            name="professional.kind"
            label="Their profession"
            options={[
              ['cpa', 'Certified public accountant'],
              ['attorney', 'Attorney'],
              ['investment_adviser', 'Registered investment adviser'],
              ['broker_dealer', 'Registered broker-dealer'],
            ]}
          />
        </div>
      )}
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField s={s} prefix={p} name="documentReference" label="Evidence document reference" hint="The reference of the uploaded document, e.g. its file id" autoComplete="off" />
        <TextField s={s} prefix={p} name="documentDate" label="Date of the documents or letter" type="date" hint="The 90-day window runs from this date" />
      </div>
      <TextField s={s} prefix={p} name="note" label="Note for the reviewer" hint="Optional" autoComplete="off" />
      <p className="text-xs text-muted-foreground">By submitting you represent that the evidence is yours, true and complete (17 CFR 230.506(c)(2)(ii)).</p>
      <Submit s={s} idle="Submit evidence" busy="Submitting…" />
    </form>
  );
}

// ---------------------------------------------------------------- Form D (230.503)

export function FormDFilingForm({ dealId, hasInitial }: { dealId: string; hasInitial: boolean }) {
  const s = useSubmit(async (form) => {
    await api(`/api/compliance/deals/${dealId}/form-d-filings`, { method: 'POST', json: { kind: text(form, 'kind'), secFileNumber: text(form, 'secFileNumber'), filedOn: text(form, 'filedOn') } });
  }, 'Filing recorded.');
  const p = 'formd';
  return (
    <form onSubmit={s.onSubmit} className="grid gap-4" noValidate>
      <Feedback s={s} title="The filing was not recorded" />
      <SelectField s={s} prefix={p} name="kind" label="Filing" options={hasInitial ? [['amendment', 'Amendment'], ['initial', 'Initial notice']] : [['initial', 'Initial notice'], ['amendment', 'Amendment']]} />
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField s={s} prefix={p} name="secFileNumber" label="SEC file number" hint="021-NNNNNN" autoComplete="off" />
        <TextField s={s} prefix={p} name="filedOn" label="Accepted by EDGAR on" type="date" />
      </div>
      <Submit s={s} idle="Record filing" busy="Recording…" />
    </form>
  );
}

// ---------------------------------------------------------------- 506(b) invitations (230.502(c))

export function InvitationForm({ dealId }: { dealId: string }) {
  const s = useSubmit(async (form) => {
    await api(`/api/deals/${dealId}/invitations`, { method: 'POST', json: { email: text(form, 'email'), ...optional(form, 'note') } });
  }, 'Invitation recorded.');
  const p = `invite-${dealId.slice(-6)}`;
  return (
    <form onSubmit={s.onSubmit} className="grid gap-3" noValidate>
      <Feedback s={s} title="The invitation was not recorded" />
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField s={s} prefix={p} name="email" label="Member's email" type="email" autoComplete="off" />
        <TextField s={s} prefix={p} name="note" label="Relationship" hint="Optional: how you know them" autoComplete="off" />
      </div>
      <Submit s={s} idle="Invite" busy="Inviting…" />
    </form>
  );
}

// ---------------------------------------------------------------- bad actors (230.506(d), (e))

const ROLES = [
  ['director', 'Director'],
  ['executive_officer', 'Executive officer'],
  ['officer', 'Officer participating in the offering'],
  ['general_partner', 'General partner'],
  ['managing_member', 'Managing member'],
  ['beneficial_owner_20', '20% beneficial owner'],
  ['promoter', 'Promoter'],
  ['compensated_solicitor', 'Compensated solicitor'],
] as const;

export function CoveredPersonForm() {
  const s = useSubmit(async (form) => {
    await api('/api/issuer/covered-persons', { method: 'POST', json: { name: text(form, 'name'), role: text(form, 'role'), ...optional(form, 'inquiryMethod') } });
  }, 'Covered person recorded.');
  const p = 'person';
  return (
    <form onSubmit={s.onSubmit} className="grid gap-3" noValidate>
      <Feedback s={s} title="The covered person was not recorded" />
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField s={s} prefix={p} name="name" label="Full name" autoComplete="off" />
        <SelectField s={s} prefix={p} name="role" label="Role" options={ROLES} />
      </div>
      <TextField s={s} prefix={p} name="inquiryMethod" label="Inquiry made" hint="How you checked them: questionnaire, court and regulator records…" autoComplete="off" />
      <Submit s={s} idle="Add covered person" busy="Adding…" />
    </form>
  );
}

export function InquiryForm({ personId, name }: { personId: string; name: string }) {
  const s = useSubmit(async (form) => {
    await api(`/api/issuer/covered-persons/${personId}/inquiry`, { method: 'POST', json: { inquiryMethod: text(form, 'inquiryMethod') } });
  }, 'Inquiry recorded.');
  return (
    <form onSubmit={s.onSubmit} className="grid gap-2" noValidate>
      <Feedback s={s} title="The inquiry was not recorded" />
      <TextField s={s} prefix={`inquiry-${personId.slice(-6)}`} name="inquiryMethod" label={`Inquiry into ${name}`} autoComplete="off" />
      <Submit s={s} idle="Record inquiry" busy="Recording…" />
    </form>
  );
}

const EVENTS = [
  ['criminal_conviction', 'Criminal conviction'],
  ['court_injunction', 'Court injunction or restraining order'],
  ['regulatory_final_order', 'Final order of a state or federal regulator'],
  ['sec_disciplinary_order', 'SEC disciplinary order'],
  ['sec_cease_and_desist', 'SEC cease-and-desist order'],
  ['sro_suspension_expulsion', 'Suspension or expulsion by a self-regulatory organisation'],
  ['sec_stop_order', 'SEC stop order or Regulation A suspension'],
  ['usps_false_representation', 'U.S. Postal Service false representation order'],
] as const;

export function DisqualifyingEventForm({ personId, name }: { personId: string; name: string }) {
  const s = useSubmit(async (form) => {
    await api(`/api/issuer/covered-persons/${personId}/events`, {
      method: 'POST',
      json: { eventType: text(form, 'eventType'), eventDate: text(form, 'eventDate'), orderReference: text(form, 'orderReference'), ...optional(form, 'description') },
    });
  }, 'Event recorded.');
  const p = `event-${personId.slice(-6)}`;
  return (
    <form onSubmit={s.onSubmit} className="grid gap-2" noValidate>
      <Feedback s={s} title="The event was not recorded" />
      <p className="text-sm font-medium">Disqualifying event of {name}</p>
      <div className="grid gap-3 sm:grid-cols-3">
        <SelectField s={s} prefix={p} name="eventType" label="Event" options={EVENTS} />
        <TextField s={s} prefix={p} name="eventDate" label="Date" type="date" />
        <TextField s={s} prefix={p} name="orderReference" label="Order or case" autoComplete="off" />
      </div>
      <Submit s={s} idle="Record event" busy="Recording…" />
    </form>
  );
}

export function CertificationForm({ needsDisclosure }: { needsDisclosure: boolean }) {
  const s = useSubmit(async (form) => {
    await api('/api/issuer/bad-actor-certification', {
      method: 'POST',
      json: { noDisqualifyingEvents: form.get('noDisqualifyingEvents') === 'on', statement: text(form, 'statement'), ...optional(form, 'priorEventsDisclosure') },
    });
  }, 'Certification recorded.');
  const p = 'cert';
  return (
    <form onSubmit={s.onSubmit} className="grid gap-3" noValidate>
      <Feedback s={s} title="The certification was not recorded" />
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="noDisqualifyingEvents" className="size-4 accent-primary" /> After a factual inquiry, no covered person listed has a disqualifying event
        {s.fieldError('noDisqualifyingEvents') && <span role="alert" className="text-danger"> {s.fieldError('noDisqualifyingEvents')}</span>}
      </label>
      <Field id="cert-priorEventsDisclosure" label="Events before 23 September 2013" hint={needsDisclosure ? 'Required: describe them for purchasers (17 CFR 230.506(e))' : 'Only if a covered person has one'} error={s.fieldError('priorEventsDisclosure')}>
        <Textarea {...fieldAria('cert-priorEventsDisclosure', s.fieldError('priorEventsDisclosure'), true)} name="priorEventsDisclosure" rows={3} />
      </Field>
      <TextField s={s} prefix={p} name="statement" label="Signed statement" hint="Your name, title and the statement you sign" autoComplete="off" />
      <Submit s={s} idle="Certify" busy="Certifying…" />
    </form>
  );
}

// ---------------------------------------------------------------- affiliates (227.100(a)(1))

export function AffiliateForm({ issuerId, others }: { issuerId: string; others: { id: string; name: string }[] }) {
  const s = useSubmit(async (form) => {
    await api(`/api/admin/issuers/${issuerId}/affiliates`, { method: 'POST', json: { affiliateIssuerId: text(form, 'affiliateIssuerId') } });
  }, 'Affiliate recorded.');
  return (
    <form onSubmit={s.onSubmit} className="grid gap-3" noValidate>
      <Feedback s={s} title="The affiliate was not recorded" />
      <SelectField s={s} prefix={`affiliate-${issuerId.slice(-6)}`} name="affiliateIssuerId" label="Affiliated issuer" options={others.map((o) => [o.id, o.name] as const)} />
      <Submit s={s} idle="Record affiliate" busy="Recording…" />
    </form>
  );
}

// ---------------------------------------------------------------- Reg CF material changes (227.304(c))

const CHANGE_KINDS = [
  ['amount', 'Amount'],
  ['terms', 'Terms'],
  ['valuation', 'Valuation'],
  ['deadline', 'Deadline'],
  ['use_of_proceeds', 'Use of proceeds'],
  ['key_terms', 'Key terms'],
  ['other', 'Other information'],
] as const;

/** The issuer records a material change; every investor with a commitment must reconfirm within five business days. */
export function MaterialChangeForm({ dealId }: { dealId: string }) {
  const s = useSubmit(async (form) => {
    const endsAt = text(form, 'endsAt');
    await api(`/api/issuer/deals/${dealId}/material-changes`, {
      method: 'POST',
      json: { kinds: CHANGE_KINDS.map(([v]) => v).filter((v) => form.get(`kind.${v}`) === 'on'), description: text(form, 'description'), ...(endsAt ? { endsAt: new Date(endsAt).toISOString() } : {}) },
    });
  }, 'Change recorded; investors were asked to reconfirm.');
  const p = `change-${dealId.slice(-6)}`;
  return (
    <form onSubmit={s.onSubmit} className="grid gap-3" noValidate>
      <Feedback s={s} title="The change was not recorded" />
      <fieldset className="grid gap-1">
        <legend className="mb-1 text-sm font-medium">What changed</legend>
        <div className="flex flex-wrap gap-x-4 gap-y-1">
          {CHANGE_KINDS.map(([v, l]) => (
            <label key={v} className="flex items-center gap-2 text-sm">
              <input type="checkbox" name={`kind.${v}`} className="size-4 accent-primary" /> {l}
            </label>
          ))}
        </div>
        {s.fieldError('kinds') && <p className="text-xs font-medium text-danger">{s.fieldError('kinds')}</p>}
      </fieldset>
      <Field id={`${p}-description`} label="What investors need to know" error={s.fieldError('description')}>
        <Textarea {...fieldAria(`${p}-description`, s.fieldError('description'))} name="description" rows={3} />
      </Field>
      <TextField s={s} prefix={p} name="endsAt" label="New closing date" hint="Optional; investors need five business days to reconfirm before it" type="datetime-local" />
      <Submit s={s} idle="Record material change" busy="Recording…" />
    </form>
  );
}

/** The investor reconfirms a commitment after a material change. */
export function ReconfirmButton({ investmentId }: { investmentId: string }) {
  const s = useSubmit(() => api(`/api/investments/${investmentId}/reconfirm`, { method: 'POST', json: { reconfirm: true } }), 'Reconfirmed.');
  return (
    <form onSubmit={s.onSubmit} className="grid gap-2">
      <Feedback s={s} title="The commitment was not reconfirmed" />
      <div>
        <Button type="submit" size="sm" disabled={s.busy}>
          {s.busy ? 'Reconfirming…' : 'Reconfirm my investment'}
        </Button>
      </div>
    </form>
  );
}

// ---------------------------------------------------------------- 501(e) counting (230.501(e))

/** How the investor counts among the 35 non-accredited purchasers of a Rule 506(b) offering. */
export function PurchaserCountingForm({ current }: { current: { kind: string } | null }) {
  const [kind, setKind] = useState<string>(current?.kind ?? 'household_member');
  const s = useSubmit(async (form) => {
    const statement = text(form, 'statement');
    const json =
      kind === 'household_member'
        ? { kind, countedWithEmail: text(form, 'countedWithEmail'), relationship: text(form, 'relationship'), sharesPrimaryResidence: form.get('sharesPrimaryResidence') === 'on', statement }
        : kind === 'controlled_entity'
          ? { kind, countedWithEmail: text(form, 'countedWithEmail'), ownershipPercent: Number(text(form, 'ownershipPercent')), statement }
          : { kind, nonAccreditedOwners: Number(text(form, 'nonAccreditedOwners')), statement };
    await api('/api/investor/compliance/purchaser-counting', { method: 'PUT', json });
  }, 'Declaration saved.');
  const remove = useSubmit(() => api('/api/investor/compliance/purchaser-counting', { method: 'DELETE' }), 'Declaration removed.');
  const p = 'count';
  return (
    <div className="grid gap-4">
      <form onSubmit={s.onSubmit} className="grid gap-3" noValidate>
        <Feedback s={s} title="The declaration was not saved" />
        <Field id="count-kind" label="I am" error={s.fieldError('kind')}>
          <NativeSelect id="count-kind" name="kind" value={kind} onChange={(e) => setKind(e.target.value)}>
            <option value="household_member">A relative or spouse sharing the home of another investor</option>
            <option value="controlled_entity">An entity more than 50% owned by another investor</option>
            <option value="formed_to_invest">An entity formed to make this kind of investment</option>
          </NativeSelect>
        </Field>
        {kind !== 'formed_to_invest' && <TextField s={s} prefix={p} name="countedWithEmail" label="That investor's email" type="email" autoComplete="off" />}
        {kind === 'household_member' && (
          <>
            <SelectField s={s} prefix={p} name="relationship" label="Relationship" options={[['spouse', 'Spouse'], ['relative', 'Relative'], ['spouse_relative', 'Relative of the spouse']]} />
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="sharesPrimaryResidence" className="size-4 accent-primary" /> We share the same primary residence
              {s.fieldError('sharesPrimaryResidence') && <span role="alert" className="text-danger"> {s.fieldError('sharesPrimaryResidence')}</span>}
            </label>
          </>
        )}
        {kind === 'controlled_entity' && <TextField s={s} prefix={p} name="ownershipPercent" label="Their ownership (%)" inputMode="decimal" />}
        {kind === 'formed_to_invest' && <TextField s={s} prefix={p} name="nonAccreditedOwners" label="Owners who are not accredited" inputMode="numeric" />}
        <TextField s={s} prefix={p} name="statement" label="Your statement" hint="In your words, signed with your name" autoComplete="off" />
        <Submit s={s} idle="Save counting declaration" busy="Saving…" />
      </form>
      {current && (
        <form onSubmit={remove.onSubmit}>
          <Feedback s={remove} title="The declaration was not removed" />
          <Button type="submit" variant="outline" size="sm" disabled={remove.busy}>
            Remove declaration
          </Button>
        </form>
      )}
    </div>
  );
}

/** A compliance officer records the Commission's waiver of a disqualifying event (230.506(d)(2)(ii)). */
export function WaiverForm({ eventId, label }: { eventId: string; label: string }) {
  const s = useSubmit(async (form) => {
    await api(`/api/compliance/covered-person-events/${eventId}/waiver`, { method: 'POST', json: { waiverReference: text(form, 'waiverReference') } });
  }, 'Waiver recorded.');
  return (
    <form onSubmit={s.onSubmit} className="grid gap-2" noValidate>
      <Feedback s={s} title="The waiver was not recorded" />
      <TextField s={s} prefix={`waiver-${eventId.slice(-6)}`} name="waiverReference" label={`Waiver of ${label}`} hint="The Commission's release or letter" autoComplete="off" />
      <Submit s={s} idle="Record waiver" busy="Recording…" />
    </form>
  );
}
