import { Skeleton } from './primitives/skeleton';

/** A page's loading state: heading, description and a grid of card placeholders. */
export function PageSkeleton({ className }: { className?: string }) {
  return (
    <div className={className} role="status" aria-label="Loading">
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
