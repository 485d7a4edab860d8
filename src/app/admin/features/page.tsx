import type { Metadata } from 'next';
import { FEATURE_LABELS, FEATURE_NAMES } from '@/server/tenancy/features';
import { PageHeader } from '@/ui/page-header';
import { requireSession } from '../../session';
import { AdminNav } from '../admin-nav';
import { FeatureSwitches } from './feature-switches';

export const metadata: Metadata = { title: 'Features' };

export default async function FeaturesPage() {
  const { tenant } = await requireSession('/admin/features', ['tenant_admin']);
  return (
    <>
      <PageHeader title="Administration" description={`${tenant.name}: what your community offers. A feature turned off disappears from the site and its API refuses it; turning it back on restores it as it was.`} />
      <AdminNav current="/admin/features" />
      <h2 className="mb-4 text-xl font-semibold">Features</h2>
      <FeatureSwitches features={FEATURE_NAMES.map((name) => ({ name, label: FEATURE_LABELS[name], on: tenant.features[name] }))} />
    </>
  );
}
