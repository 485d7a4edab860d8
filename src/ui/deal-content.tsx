import { ChevronDown, Download, FileText, Star } from 'lucide-react';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { formatDate, humanize } from './format';

// Server-rendered parts of a deal's page (no client JavaScript): FAQs as native disclosures,
// the documents list, the issuer's updates and the review summary.

export type DealFaq = { id: string; question: string; answer: string };
export type DealDocument = { id: string; title: string; kind: string; downloadUrl: string; requiredForInvestors: boolean; archived: boolean; versions: { fileName: string; sizeBytes: number }[] };
export type DealUpdate = { id: string; title: string; bodyHtml: string; publishedAt: string };

export function DealSection({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-heading`} className="mt-10">
      <h2 id={`${id}-heading`} className="mb-3 text-xl font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

/** <details>/<summary>: keyboard and screen-reader disclosure semantics without any script. */
export function DealFaqs({ faqs }: { faqs: DealFaq[] }) {
  return (
    <div className="divide-y divide-border overflow-hidden rounded-brand border border-border bg-card" data-testid="deal-faqs">
      {faqs.map((f) => (
        <details key={f.id} className="group px-4 py-3">
          <summary className="flex cursor-pointer list-none items-center justify-between gap-3 font-medium [&::-webkit-details-marker]:hidden">
            {f.question}
            <ChevronDown className="size-4 shrink-0 transition-transform group-open:rotate-180" aria-hidden />
          </summary>
          <p className="mt-2 whitespace-pre-line text-sm text-muted-foreground">{f.answer}</p>
        </details>
      ))}
    </div>
  );
}

const kbSize = (n: number) => (n >= 1_000_000 ? `${(n / 1_000_000).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1000))} kB`);

export function DealDocuments({ documents, signedIn, loginHref }: { documents: DealDocument[]; signedIn: boolean; loginHref: string }) {
  if (!signedIn)
    return (
      <p className="rounded-brand border border-dashed border-border p-4 text-sm text-muted-foreground">
        <Link href={loginHref} className="font-medium text-primary underline-offset-4 hover:underline">
          Log in to read documents
        </Link>{' '}
        such as the offering memorandum and subscription agreement.
      </p>
    );
  documents = documents.filter((d) => !d.archived);
  if (documents.length === 0) return <p className="text-sm text-muted-foreground">The issuer has not published documents yet.</p>;
  return (
    <ul className="divide-y divide-border overflow-hidden rounded-brand border border-border bg-card" data-testid="deal-documents">
      {documents.map((d) => {
        const file = d.versions[0];
        return (
          <li key={d.id} className="flex items-center gap-3 px-4 py-3">
            <FileText className="size-5 shrink-0 text-muted-foreground" aria-hidden />
            <div className="min-w-0 flex-1">
              <p className="truncate font-medium">{d.title}</p>
              <p className="text-xs text-muted-foreground">
                {humanize(d.kind)}
                {file ? ` · ${kbSize(file.sizeBytes)}` : ''}
                {d.requiredForInvestors ? ' · read before investing' : ''}
              </p>
            </div>
            <a href={d.downloadUrl} className="inline-flex items-center gap-1.5 rounded-md text-sm font-medium text-primary hover:underline" download>
              <Download className="size-4" aria-hidden /> Download<span className="sr-only"> {d.title}</span>
            </a>
          </li>
        );
      })}
    </ul>
  );
}

export function DealUpdates({ updates }: { updates: DealUpdate[] }) {
  return (
    <ol className="space-y-4">
      {updates.map((u) => (
        <li key={u.id} className="rounded-brand border border-border bg-card p-4">
          <h3 className="font-semibold">{u.title}</h3>
          <p className="text-xs text-muted-foreground">
            <time dateTime={u.publishedAt}>{formatDate(u.publishedAt)}</time>
          </p>
          <div className="prose-deal mt-2 max-w-none text-sm" dangerouslySetInnerHTML={{ __html: u.bodyHtml }} />
        </li>
      ))}
    </ol>
  );
}

export function DealReviewSummary({ count, averageRating }: { count: number; averageRating: string | null }) {
  if (count === 0 || averageRating === null) return <p className="text-sm text-muted-foreground">No investor reviews yet.</p>;
  return (
    <p className="flex items-center gap-2 text-sm" data-testid="review-summary">
      <Star className="size-4 fill-current text-warning" aria-hidden />
      <span>
        <span className="font-semibold">{Number(averageRating).toFixed(1)}</span> out of 5 from {count} investor {count === 1 ? 'review' : 'reviews'}
      </span>
    </p>
  );
}

export type DealMediaItem = { id: string; kind: string; url: string; caption: string | null };

/** The deal's gallery: images lazily loaded, videos with native controls; captions under each. */
export function DealMedia({ media }: { media: DealMediaItem[] }) {
  return (
    <ul className="grid grid-cols-1 gap-3 sm:grid-cols-2" data-testid="deal-media">
      {media.map((m) => (
        <li key={m.id}>
          <figure className="grid gap-1.5">
            {m.kind === 'video' ? (
              <video src={m.url} controls preload="metadata" className="aspect-video w-full rounded-brand bg-muted object-cover" aria-label={m.caption ?? 'Deal video'} />
            ) : (
              // eslint-disable-next-line @next/next/no-img-element -- files come from our own /api/files, sized by CSS
              <img src={m.url} alt={m.caption ?? ''} loading="lazy" decoding="async" width={640} height={360} className="aspect-video w-full rounded-brand bg-muted object-cover" />
            )}
            {m.caption && <figcaption className="text-sm text-muted-foreground">{m.caption}</figcaption>}
          </figure>
        </li>
      ))}
    </ul>
  );
}

export type DealRequirement = { id: string; name: string; description: string | null; required: boolean };

/** What the issuer asks investors to provide. */
export function DealRequirements({ items }: { items: DealRequirement[] }) {
  return (
    <ul className="grid gap-2 rounded-brand border border-border bg-card p-4 text-sm" data-testid="deal-requirements">
      {items.map((r) => (
        <li key={r.id}>
          <p className="font-medium">
            {r.name}
            {!r.required && <span className="font-normal text-muted-foreground"> (optional)</span>}
          </p>
          {r.description && <p className="text-muted-foreground">{r.description}</p>}
        </li>
      ))}
    </ul>
  );
}

export type DealGroupLink = { id: string; name: string; description: string; deals: { id: string; slug: string; title: string }[] };

/** The campaigns this deal belongs to, with their other published deals. */
export function DealGroups({ groups, currentId }: { groups: DealGroupLink[]; currentId: string }) {
  return (
    <div className="grid gap-4" data-testid="deal-groups">
      {groups.map((g) => (
        <div key={g.id} className="rounded-brand border border-border bg-card p-4 text-sm">
          <p className="font-semibold">{g.name}</p>
          {g.description && <p className="text-muted-foreground">{g.description}</p>}
          {g.deals.some((d) => d.id !== currentId) && (
            <ul className="mt-2 grid gap-1">
              {g.deals
                .filter((d) => d.id !== currentId)
                .map((d) => (
                  <li key={d.id}>
                    <Link href={`/deals/${d.slug}`} className="font-medium text-primary-text hover:underline">
                      {d.title}
                    </Link>
                  </li>
                ))}
            </ul>
          )}
        </div>
      ))}
    </div>
  );
}
