import { Ban } from 'lucide-react';
import { FEATURE_LABELS, type FeatureName } from '@/server/tenancy/features';
import { EmptyState } from './empty-state';
import { PageHeader } from './page-header';

/** The page of a feature this community has turned off (the API answers 403 feature_disabled). */
export function FeatureOff({ title, feature }: { title: string; feature: FeatureName }) {
  return (
    <>
      <PageHeader title={title} />
      <EmptyState icon={Ban} title="Not available here">
        {FEATURE_LABELS[feature]} are turned off for this community.
      </EmptyState>
    </>
  );
}
