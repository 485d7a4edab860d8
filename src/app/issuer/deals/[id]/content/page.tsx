import { ArrowLeft, Trash2 } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { listDealDocuments } from '@/server/deal-content/deal-documents';
import { listDealItems } from '@/server/deal-content/items';
import { listDealMedia } from '@/server/deal-content/media';
import { listDealUpdates } from '@/server/deal-content/updates';
import { ConfirmAction } from '@/ui/confirm-action';
import { AddItemForm, EditItemForm, UploadForm } from '@/ui/deal-content-forms';
import { formatDate, humanize } from '@/ui/format';
import { PageHeader } from '@/ui/page-header';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/ui/primitives/card';
import { StatusBadge } from '@/ui/status-badge';
import { ownDealPage } from '../../../own-deal';

export const metadata: Metadata = { title: 'Deal content' };

function Section({ id, title, description, children }: { id: string; title: string; description: string; children: ReactNode }) {
  return (
    <Card id={id} data-testid={`content-${id}`}>
      <CardHeader>
        <CardTitle>{title}</CardTitle>
        <CardDescription>{description}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">{children}</CardContent>
    </Card>
  );
}

function Remove({ path, what, verb = 'Remove', description }: { path: string; what: string; verb?: string; description: string }) {
  return (
    <ConfirmAction
      label={verb}
      icon={<Trash2 aria-hidden />}
      ariaLabel={`${verb} ${what}`}
      title={`${verb} ${what}?`}
      description={description}
      confirmLabel={verb}
      request={{ path, method: 'DELETE' }}
    />
  );
}

/** An item's actions: edit it, remove it. */
const Actions = ({ children }: { children: ReactNode }) => <div className="flex flex-wrap items-start gap-2">{children}</div>;

const Empty = ({ children }: { children: ReactNode }) => <p className="text-sm text-muted-foreground">{children}</p>;

/** Everything investors read about the deal beside its terms: the issuer curates it here. */
export default async function DealContentPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { tenant, principal, deal } = await ownDealPage(id, `/issuer/deals/${id}/content`);
  const [{ keyTerms }, { faqs }, { requiredDocuments }, { documents }, { media }, { updates }] = await Promise.all([
    listDealItems(tenant, principal, 'keyTerms', deal.id),
    listDealItems(tenant, principal, 'faqs', deal.id),
    listDealItems(tenant, principal, 'requiredDocuments', deal.id),
    listDealDocuments(tenant, principal, deal.id),
    listDealMedia(tenant, principal, deal.id),
    listDealUpdates(tenant, principal, deal.id),
  ]);
  const base = `/api/deals/${deal.id}`;
  return (
    <>
      <Link href={`/issuer/deals/${deal.id}`} className="mb-6 inline-flex items-center gap-1.5 rounded-md text-sm text-muted-foreground hover:text-foreground">
        <ArrowLeft className="size-4" aria-hidden /> {deal.title}
      </Link>
      <PageHeader
        title="Deal content"
        description={
          <span className="flex flex-wrap items-center gap-2">
            <StatusBadge status={deal.status} /> Key terms, FAQs, documents, media and updates investors see on the deal page.
          </span>
        }
        actions={
          <Link href={`/deals/${deal.slug}`} className="text-sm font-medium text-primary-text hover:underline">
            Open the deal page
          </Link>
        }
      />
      <nav aria-label="Content sections" className="mb-6 flex flex-wrap gap-x-4 gap-y-1 text-sm">
        {[
          ['key-terms', 'Key terms'],
          ['faqs', 'FAQs'],
          ['documents', 'Documents'],
          ['required-documents', 'Required documents'],
          ['media', 'Media'],
          ['updates', 'Updates'],
        ].map(([anchor, label]) => (
          <a key={anchor} href={`#${anchor}`} className="font-medium text-primary-text hover:underline">
            {label}
          </a>
        ))}
      </nav>
      <div className="grid gap-6 lg:grid-cols-2">
        <Section id="key-terms" title="Key terms" description="Short facts shown as a table on the deal page (interest rate, term, distributions).">
          {keyTerms.length === 0 ? (
            <Empty>No key terms yet.</Empty>
          ) : (
            <ul className="grid divide-y divide-border" data-testid="key-term-list">
              {keyTerms.map((k) => (
                <li key={k.id} className="flex flex-wrap items-start justify-between gap-2 py-2 first:pt-0">
                  <p className="text-sm">
                    <span className="font-medium">{String(k.label)}</span>: {String(k.value)}
                  </p>
                  <Actions>
                    <EditItemForm
                      path={`${base}/key-terms/${k.id}`}
                      what={`the key term ${k.label}`}
                      fields={[
                        { name: 'label', label: 'Label', required: true, maxLength: 100, value: k.label },
                        { name: 'value', label: 'Value', maxLength: 500, value: k.value },
                        { name: 'position', label: 'Position', kind: 'number', value: k.position, hint: 'Lower numbers come first' },
                      ]}
                    />
                    <Remove path={`${base}/key-terms/${k.id}`} what={`the key term ${k.label}`} description="It disappears from the deal page at once." />
                  </Actions>
                </li>
              ))}
            </ul>
          )}
          <AddItemForm path={`${base}/key-terms`} submitLabel="Add key term" done="Key term added." testId="add-key-term" fields={[{ name: 'label', label: 'Label', required: true, maxLength: 100 }, { name: 'value', label: 'Value', maxLength: 500 }]} />
        </Section>
        <Section id="faqs" title="FAQs" description="Questions investors ask, with your answers.">
          {faqs.length === 0 ? (
            <Empty>No FAQs yet.</Empty>
          ) : (
            <ul className="grid divide-y divide-border" data-testid="faq-list">
              {faqs.map((f) => (
                <li key={f.id} className="flex flex-wrap items-start justify-between gap-2 py-2 first:pt-0">
                  <div className="min-w-0 text-sm">
                    <p className="font-medium break-words">{String(f.question)}</p>
                    <p className="break-words text-muted-foreground">{String(f.answer)}</p>
                  </div>
                  <Actions>
                    <EditItemForm
                      path={`${base}/faqs/${f.id}`}
                      what={`the question “${f.question}”`}
                      fields={[
                        { name: 'question', label: 'Question', required: true, maxLength: 500, value: f.question },
                        { name: 'answer', label: 'Answer', kind: 'textarea', maxLength: 5000, value: f.answer },
                        { name: 'position', label: 'Position', kind: 'number', value: f.position, hint: 'Lower numbers come first' },
                      ]}
                    />
                    <Remove path={`${base}/faqs/${f.id}`} what={`the question “${f.question}”`} description="It disappears from the deal page at once." />
                  </Actions>
                </li>
              ))}
            </ul>
          )}
          <AddItemForm path={`${base}/faqs`} submitLabel="Add FAQ" done="FAQ added." testId="add-faq" fields={[{ name: 'question', label: 'Question', required: true, maxLength: 500 }, { name: 'answer', label: 'Answer', kind: 'textarea', maxLength: 5000 }]} />
        </Section>
        <Section id="documents" title="Documents" description="Files investors download from the deal page (term sheet, financials). Archived files keep their versions.">
          {documents.filter((d) => !d.archived).length === 0 ? (
            <Empty>No documents yet.</Empty>
          ) : (
            <ul className="grid divide-y divide-border" data-testid="document-list">
              {documents
                .filter((d) => !d.archived)
                .map((d) => (
                  <li key={d.id} className="flex flex-wrap items-start justify-between gap-2 py-2 first:pt-0">
                    <div className="min-w-0 text-sm">
                      <a href={d.downloadUrl} className="font-medium break-words text-primary-text hover:underline">
                        {d.title}
                      </a>
                      <p className="text-xs text-muted-foreground">
                        {humanize(d.kind)}
                        {d.requiredForInvestors ? ' · investors must read it' : ''}
                      </p>
                    </div>
                    <Actions>
                      <EditItemForm
                        path={`${base}/documents/${d.id}`}
                        what={d.title}
                        fields={[
                          { name: 'title', label: 'Title', required: true, maxLength: 200, value: d.title },
                          { name: 'kind', label: 'Kind', required: true, maxLength: 64, value: d.kind, hint: 'Lower-case words with underscores, such as term_sheet' },
                          { name: 'requiredForInvestors', label: 'Investors must read it before investing', kind: 'checkbox', value: d.requiredForInvestors },
                        ]}
                      />
                      <Remove path={`${base}/documents/${d.id}`} verb="Archive" what={d.title} description="Investors no longer see it; its versions are kept." />
                    </Actions>
                  </li>
                ))}
            </ul>
          )}
          <UploadForm
            path={`${base}/documents`}
            withFileName
            testId="upload-document"
            accept="application/pdf,image/*"
            fileLabel="File"
            fileHint="PDF or image"
            submitLabel="Upload document"
            done="Document uploaded."
            fields={[
              { name: 'title', label: 'Title', required: true, maxLength: 200 },
              { name: 'kind', label: 'Kind', required: true, maxLength: 64, hint: 'Lower-case words with underscores, such as term_sheet' },
              { name: 'requiredForInvestors', label: 'Investors must read it before investing', kind: 'checkbox' },
            ]}
          />
        </Section>
        <Section id="required-documents" title="Required documents" description="What investors must provide to invest (proof of funds, a signed subscription).">
          {requiredDocuments.length === 0 ? (
            <Empty>Nothing is asked of investors.</Empty>
          ) : (
            <ul className="grid divide-y divide-border" data-testid="required-document-list">
              {requiredDocuments.map((r) => (
                <li key={r.id} className="flex flex-wrap items-start justify-between gap-2 py-2 first:pt-0">
                  <div className="min-w-0 text-sm">
                    <p className="font-medium break-words">
                      {String(r.name)} {r.required ? '' : '(optional)'}
                    </p>
                    {r.description ? <p className="break-words text-muted-foreground">{String(r.description)}</p> : null}
                  </div>
                  <Actions>
                    <EditItemForm
                      path={`${base}/required-documents/${r.id}`}
                      what={`the requirement ${r.name}`}
                      fields={[
                        { name: 'name', label: 'Document name', required: true, maxLength: 200, value: r.name },
                        { name: 'description', label: 'What it must show', kind: 'textarea', maxLength: 2000, value: r.description, emptyIsNull: true },
                        { name: 'required', label: 'Required to invest', kind: 'checkbox', value: r.required },
                      ]}
                    />
                    <Remove path={`${base}/required-documents/${r.id}`} what={`the requirement ${r.name}`} description="Investors are no longer asked for it." />
                  </Actions>
                </li>
              ))}
            </ul>
          )}
          <AddItemForm
            path={`${base}/required-documents`}
            submitLabel="Add requirement"
            done="Requirement added."
            testId="add-required-document"
            fields={[
              { name: 'name', label: 'Document name', required: true, maxLength: 200 },
              { name: 'description', label: 'What it must show', kind: 'textarea', maxLength: 2000 },
              { name: 'required', label: 'Required to invest', kind: 'checkbox' },
            ]}
          />
        </Section>
        <Section id="media" title="Media" description="Photos and videos shown in the deal page's gallery.">
          {media.length === 0 ? (
            <Empty>No media yet.</Empty>
          ) : (
            <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3" data-testid="media-list">
              {media.map((m) => (
                <li key={m.id} className="grid gap-1">
                  {m.kind === 'video' ? (
                    <video src={m.url} controls className="aspect-video w-full rounded-md bg-muted object-cover" aria-label={m.caption ?? 'Deal video'} />
                  ) : (
                    // eslint-disable-next-line @next/next/no-img-element -- stored files are served by our own API, sized by CSS
                    <img src={m.url} alt={m.caption ?? ''} className="aspect-video w-full rounded-md bg-muted object-cover" loading="lazy" />
                  )}
                  {m.caption && <p className="text-xs break-words">{m.caption}</p>}
                  <Actions>
                    <EditItemForm
                      path={`${base}/media/${m.id}`}
                      what={m.caption ? `the caption “${m.caption}”` : 'this picture’s caption'}
                      fields={[
                        { name: 'caption', label: 'Caption', maxLength: 500, value: m.caption, emptyIsNull: true },
                        { name: 'position', label: 'Position in the gallery', kind: 'number', value: m.position, hint: 'Lower numbers come first' },
                      ]}
                    />
                    <Remove path={`${base}/media/${m.id}`} what={m.caption ? `the picture “${m.caption}”` : 'this picture'} description="It disappears from the deal page at once." />
                  </Actions>
                </li>
              ))}
            </ul>
          )}
          <UploadForm path={`${base}/media`} testId="upload-media" accept="image/*,video/mp4" fileLabel="Image or video" fileHint="An image, or an MP4 video (50 MB at most)" submitLabel="Upload media" done="Media uploaded." fields={[{ name: 'caption', label: 'Caption', maxLength: 500 }]} />
        </Section>
        <Section id="updates" title="Updates" description="News for investors, newest first; they can be read on the deal page. Markdown is allowed.">
          {updates.length === 0 ? (
            <Empty>No updates posted yet.</Empty>
          ) : (
            <ul className="grid divide-y divide-border" data-testid="update-list">
              {updates.map((u) => (
                <li key={u.id} className="flex flex-wrap items-start justify-between gap-2 py-2 text-sm first:pt-0">
                  <div className="min-w-0">
                    <p className="font-medium break-words">{u.title}</p>
                    <p className="text-xs text-muted-foreground">Posted {formatDate(u.publishedAt)}</p>
                  </div>
                  <EditItemForm
                    path={`${base}/updates/${u.id}`}
                    what={`the update “${u.title}”`}
                    fields={[
                      { name: 'title', label: 'Update title', required: true, maxLength: 200, value: u.title },
                      { name: 'body', label: 'Text', kind: 'textarea', required: true, maxLength: 20000, value: u.body },
                    ]}
                  />
                </li>
              ))}
            </ul>
          )}
          <AddItemForm path={`${base}/updates`} submitLabel="Post update" done="Update posted." testId="add-update" fields={[{ name: 'title', label: 'Update title', required: true, maxLength: 200 }, { name: 'body', label: 'Text', kind: 'textarea', required: true, maxLength: 20000 }]} />
        </Section>
      </div>
    </>
  );
}
