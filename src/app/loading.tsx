import { Skeleton } from '@/ui/primitives/skeleton';

export default function Loading() {
  return (
    <div className="mx-auto max-w-6xl px-4 py-10" role="status" aria-label="Loading">
      <Skeleton className="h-9 w-56" />
      <Skeleton className="mt-3 h-5 w-96 max-w-full" />
      <div className="mt-8 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {Array.from({ length: 6 }, (_, i) => (
          <Skeleton key={i} className="h-56 rounded-brand" />
        ))}
      </div>
    </div>
  );
}
