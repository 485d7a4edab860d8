'use client';

import { useRouter } from 'next/navigation';
import { useId, useState, useTransition, type CSSProperties, type FormEvent, type ReactNode } from 'react';
import { api, ApiError, errorMessage } from './api-client';
import { palette } from './brand-palette';
import { fieldMessage } from './field-messages';
import { buttonClass } from './primitives/button-classes';
import { Field, fieldAria } from './primitives/field';
import { fieldClass } from './primitives/input';

// The tenant admin's branding editor: name, colours, logos, typography and layout, with a
// live preview drawn by the same palette code the root layout uses for the real pages (light
// and dark side by side). Saved through PATCH /api/admin/tenant; the API's field errors are
// shown next to their fields.

type Colors = { primary: string; secondary: string; accent: string; background: string; text: string };
export type BrandingTheme = {
  colors: Colors;
  typography: { fontFamily: string; headingFont: string; fontSize: { base: string; scale: number } };
  logo: { light?: string; dark?: string; favicon?: string };
  layout: { style: 'modern' | 'classic' | 'minimal'; sidebarPosition: 'left' | 'right'; headerStyle: 'floating' | 'fixed' | 'static'; colorMode: 'system' | 'light' | 'dark' };
};

// Fonts a browser finds on the device (no web fonts are fetched): the name is tried first and
// the system stack follows it in the CSS, so an uninstalled choice still renders cleanly.
export const FONT_CHOICES = ['Inter', 'Helvetica Neue', 'Arial', 'Verdana', 'Trebuchet MS', 'Segoe UI', 'Georgia', 'Palatino Linotype', 'Times New Roman', 'Courier New'] as const;
const SERIF = new Set(['Georgia', 'Palatino Linotype', 'Times New Roman']);
const stack = (font: string) => `"${font}", ${SERIF.has(font) ? 'Georgia, serif' : font === 'Courier New' ? 'monospace' : 'ui-sans-serif, system-ui, sans-serif'}`;
const SIZES = ['14px', '15px', '16px', '17px', '18px'];
const RADIUS = { modern: '0.85rem', classic: '0.3rem', minimal: '0.5rem' } as const;
const COLOR_FIELDS: [keyof Colors, string, string][] = [
  ['primary', 'Primary colour', 'Buttons, links and highlights'],
  ['secondary', 'Secondary colour', 'Second brand colour'],
  ['accent', 'Accent colour', 'Badges and small highlights'],
  ['background', 'Background colour', 'Page background in light mode'],
  ['text', 'Text colour', 'Body text in light mode'],
];
const HEX = /^#[0-9a-fA-F]{6}$/;

type Errors = Record<string, string>;
function Preview({ name, theme, mode }: { name: string; theme: BrandingTheme; mode: 'light' | 'dark' }) {
  // Preview only valid colours; a half-typed hex keeps the last good palette's defaults.
  const colors = Object.fromEntries(Object.entries(theme.colors).map(([k, v]) => [k, HEX.test(v) ? v : '#888888'])) as Colors;
  const vars = Object.fromEntries(Object.entries(palette(colors, mode)).map(([k, v]) => [`--${k}`, v]));
  const style = { ...vars, '--radius-brand': RADIUS[theme.layout.style], fontFamily: stack(theme.typography.fontFamily), fontSize: theme.typography.fontSize.base } as CSSProperties;
  const logo = mode === 'dark' ? theme.logo.dark || theme.logo.light : theme.logo.light;
  return (
    <figure className="overflow-hidden rounded-brand border border-border" style={style} data-testid={`preview-${mode}`}>
      <figcaption className="sr-only">Preview in {mode} mode</figcaption>
      <div className="bg-background p-4 text-foreground">
        <div className="flex items-center gap-2 border-b border-border pb-3">
          {logo && /^(https:\/\/|\/)/.test(logo) ? (
            // eslint-disable-next-line @next/next/no-img-element -- the tenant's own asset URL
            <img src={logo} alt="" className="h-7 w-auto" />
          ) : (
            <span aria-hidden className="grid size-7 place-items-center rounded-[calc(var(--radius-brand)*0.7)] bg-primary text-[0.65rem] font-bold text-primary-foreground">
              {name.split(/\s+/).slice(0, 2).map((w) => w[0]?.toUpperCase()).join('')}
            </span>
          )}
          <span className="font-semibold" style={{ fontFamily: stack(theme.typography.headingFont) }}>
            {name || 'Your community'}
          </span>
          <span className="ml-auto text-xs text-muted-foreground capitalize">{mode}</span>
        </div>
        <div className="mt-3 rounded-brand border border-border bg-card p-3">
          <p className="font-semibold" style={{ fontFamily: stack(theme.typography.headingFont) }}>
            Rooftop Solar for Schools
          </p>
          <p className="mt-1 text-sm text-muted-foreground">Community-owned energy with quarterly distributions.</p>
          <div className="mt-2 h-2 overflow-hidden rounded-full bg-muted">
            <div className="h-full w-3/5 rounded-full bg-primary" />
          </div>
          <div className="mt-3 flex flex-wrap items-center gap-2">
            <span className={buttonClass('default', 'sm')} data-testid={`preview-${mode}-button`}>
              Invest
            </span>
            <span className="rounded-full bg-primary-soft px-2 py-0.5 text-xs font-medium text-primary-text">Featured</span>
            <span className="text-xs font-medium text-primary-text underline">Read more</span>
          </div>
        </div>
        {/* On the page background: the palette checks accent text against it. */}
        <p className="mt-3 text-xs font-medium text-accent-text">Closes soon: 12 days left</p>
      </div>
    </figure>
  );
}

export function BrandingForm({ initialName, initialTheme }: { initialName: string; initialTheme: BrandingTheme }) {
  const router = useRouter();
  const uid = useId();
  const [name, setName] = useState(initialName);
  const [theme, setTheme] = useState<BrandingTheme>(initialTheme);
  const [errors, setErrors] = useState<Errors>({});
  const [status, setStatus] = useState<{ kind: 'saved' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [, startTransition] = useTransition();
  const id = (field: string) => `${uid}-${field.replace(/\./g, '-')}`;
  const err = (field: string) => errors[field];

  const setColor = (k: keyof Colors, v: string) => setTheme((t) => ({ ...t, colors: { ...t.colors, [k]: v } }));
  const setLogo = (k: keyof BrandingTheme['logo'], v: string) => setTheme((t) => ({ ...t, logo: { ...t.logo, [k]: v } }));
  const setTypography = (patch: Partial<BrandingTheme['typography']>) => setTheme((t) => ({ ...t, typography: { ...t.typography, ...patch } }));

  async function save(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    setStatus(null);
    // Empty logo fields mean "no logo": they are left out rather than sent as "".
    const logo = Object.fromEntries(Object.entries(theme.logo).filter(([, v]) => v && v.trim() !== '').map(([k, v]) => [k, v!.trim()]));
    try {
      await api('/api/admin/tenant', { method: 'PATCH', json: { name, theme: { ...theme, logo } } });
      setStatus({ kind: 'saved', text: 'Branding saved. Every page of your site now uses it.' });
      startTransition(() => router.refresh());
    } catch (error) {
      if (error instanceof ApiError && error.problem.errors?.length) {
        setErrors(Object.fromEntries(error.problem.errors.map((f) => [f.field.replace(/^theme\./, ''), fieldMessage(f.field, f.message)])));
        setStatus({ kind: 'error', text: 'Some fields need attention; see the messages next to them.' });
      } else setStatus({ kind: 'error', text: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={save} noValidate className="grid gap-8 lg:grid-cols-[1fr_24rem]">
      <div className="grid gap-8">
        <fieldset className="grid gap-4">
          <legend className="mb-2 text-lg font-semibold">Name</legend>
          <Field id={id('name')} label="Community name" hint="Shown in the header, page titles and emails." error={err('name')}>
            <input {...fieldAria(id('name'), err('name'), true)} className={fieldClass} value={name} onChange={(e) => setName(e.target.value)} maxLength={200} />
          </Field>
        </fieldset>

        <fieldset className="grid gap-4 sm:grid-cols-2">
          <legend className="mb-2 text-lg font-semibold">Colours</legend>
          {COLOR_FIELDS.map(([k, label, hint]) => {
            const f = `colors.${k}`;
            const value = theme.colors[k];
            return (
              <Field key={k} id={id(f)} label={label} hint={`${hint}. Format #rrggbb.`} error={err(f)}>
                <div className="flex gap-2">
                  <input
                    type="color"
                    aria-label={`${label} picker`}
                    value={HEX.test(value) ? value.toLowerCase() : '#000000'}
                    onChange={(e) => setColor(k, e.target.value.toUpperCase())}
                    className="h-10 w-12 shrink-0 cursor-pointer rounded-md border border-input bg-card p-1"
                  />
                  <input {...fieldAria(id(f), err(f), true)} className={`${fieldClass} font-mono`} value={value} onChange={(e) => setColor(k, e.target.value.trim())} maxLength={7} spellCheck={false} />
                </div>
              </Field>
            );
          })}
          <p className="text-xs text-muted-foreground sm:col-span-2">The dark palette is derived from these colours, and text on them is adjusted until it meets WCAG AA contrast.</p>
        </fieldset>

        <fieldset className="grid gap-4 sm:grid-cols-2">
          <legend className="mb-2 text-lg font-semibold">Logos</legend>
          {(
            [
              ['light', 'Logo for light mode', 'An https:// URL or a path on this site, such as /api/files/…'],
              ['dark', 'Logo for dark mode', 'Optional; the light-mode logo is used when empty.'],
              ['favicon', 'Favicon', 'The small icon in browser tabs.'],
            ] as const
          ).map(([k, label, hint]) => {
            const f = `logo.${k}`;
            return (
              <Field key={k} id={id(f)} label={label} hint={hint} error={err(f)}>
                <input {...fieldAria(id(f), err(f), true)} className={fieldClass} value={theme.logo[k] ?? ''} onChange={(e) => setLogo(k, e.target.value)} inputMode="url" placeholder="https://" />
              </Field>
            );
          })}
        </fieldset>

        <fieldset className="grid gap-4 sm:grid-cols-2">
          <legend className="mb-2 text-lg font-semibold">Typography and layout</legend>
          {(
            [
              ['fontFamily', 'Body font', "Fonts installed on the reader's device; nothing is downloaded."],
              ['headingFont', 'Heading font', 'Titles and headings.'],
            ] as const
          ).map(([k, label, hint]) => {
            const f = `typography.${k}`;
            return (
              <Field key={k} id={id(f)} label={label} hint={hint} error={err(f)}>
                <select {...fieldAria(id(f), err(f), true)} className={fieldClass} value={theme.typography[k]} onChange={(e) => setTypography({ [k]: e.target.value })}>
                  {[...new Set([theme.typography[k], ...FONT_CHOICES])].map((font) => (
                    <option key={font}>{font}</option>
                  ))}
                </select>
              </Field>
            );
          })}
          <Field id={id('typography.fontSize.base')} label="Base text size" error={err('typography.fontSize.base')}>
            <select
              {...fieldAria(id('typography.fontSize.base'), err('typography.fontSize.base'))}
              className={fieldClass}
              value={theme.typography.fontSize.base}
              onChange={(e) => setTypography({ fontSize: { ...theme.typography.fontSize, base: e.target.value } })}
            >
              {[...new Set([theme.typography.fontSize.base, ...SIZES])].map((s) => (
                <option key={s}>{s}</option>
              ))}
            </select>
          </Field>
          <Field id={id('layout.style')} label="Corner style" error={err('layout.style')}>
            <select
              {...fieldAria(id('layout.style'), err('layout.style'))}
              className={fieldClass}
              value={theme.layout.style}
              onChange={(e) => setTheme((t) => ({ ...t, layout: { ...t.layout, style: e.target.value as BrandingTheme['layout']['style'] } }))}
            >
              <option value="modern">Modern (rounded)</option>
              <option value="minimal">Minimal (slightly rounded)</option>
              <option value="classic">Classic (square)</option>
            </select>
          </Field>
          <Field id={id('layout.colorMode')} label="Default appearance" hint="Visitors can still switch; their choice is kept in their browser." error={err('layout.colorMode')}>
            <select
              {...fieldAria(id('layout.colorMode'), err('layout.colorMode'), true)}
              className={fieldClass}
              value={theme.layout.colorMode}
              onChange={(e) => setTheme((t) => ({ ...t, layout: { ...t.layout, colorMode: e.target.value as BrandingTheme['layout']['colorMode'] } }))}
            >
              <option value="system">Follow the device</option>
              <option value="light">Light</option>
              <option value="dark">Dark</option>
            </select>
          </Field>
        </fieldset>

        <div className="flex flex-wrap items-center gap-3">
          <button type="submit" className={buttonClass('default')} disabled={busy}>
            {busy ? 'Saving…' : 'Save branding'}
          </button>
          <button
            type="button"
            className={buttonClass('outline')}
            onClick={() => {
              setName(initialName);
              setTheme(initialTheme);
              setErrors({});
              setStatus(null);
            }}
          >
            Undo changes
          </button>
          <p role="status" className={`text-sm font-medium ${status?.kind === 'error' ? 'text-danger' : 'text-success'}`}>
            {status?.text}
          </p>
        </div>
      </div>

      <section aria-labelledby={`${uid}-preview`} className="grid content-start gap-3 lg:sticky lg:top-24">
        <h2 id={`${uid}-preview`} className="text-lg font-semibold">
          Live preview
        </h2>
        <Preview name={name} theme={theme} mode="light" />
        <Preview name={name} theme={theme} mode="dark" />
      </section>
    </form>
  );
}
