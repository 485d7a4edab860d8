import { PageSkeleton } from '@/ui/page-skeleton';

// Outside the app shell the skeleton brings its own page width and padding.
export default function Loading() {
  return <PageSkeleton className="mx-auto max-w-6xl px-4 py-10" />;
}
