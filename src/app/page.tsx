import { notFound } from 'next/navigation';
import { currentTenant } from './current-tenant';

export default async function Home() {
  const tenant = await currentTenant();
  if (!tenant) notFound();
  return (
    <main className="mx-auto max-w-3xl px-6 py-16">
      <p className="text-sm font-medium uppercase tracking-wide text-brand">{tenant.slug}</p>
      <h1 className="mt-2 text-4xl font-bold">{tenant.name}</h1>
      <p className="mt-4 text-lg opacity-80">Invest in vetted community deals, with funds held in escrow until you are cleared.</p>
      <div className="mt-8 flex gap-3">
        <a className="rounded-md bg-brand px-4 py-2 font-medium text-white" href="/login">Log in</a>
        <a className="rounded-md border border-brand px-4 py-2 font-medium text-brand" href="/signup">Create an account</a>
      </div>
    </main>
  );
}
