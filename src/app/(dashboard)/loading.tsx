import { PageSkeleton } from '@/ui/page-skeleton';

// Inside the app shell, which already sets the width and padding.
export default function Loading() {
  return <PageSkeleton />;
}
