import { cn } from './cn';
import { percentWidth } from './format';

/** Funding progress: an accessible progressbar whose text value is the API's exact percent. */
export function ProgressBar({ percent, label, className }: { percent: string; label: string; className?: string }) {
  const width = percentWidth(percent);
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={Math.round(width)}
      aria-valuetext={`${percent}%`}
      className={cn('h-2 w-full overflow-hidden rounded-full bg-muted', className)}
    >
      <div className="h-full rounded-full bg-primary transition-[width]" style={{ width: `${width}%` }} />
    </div>
  );
}
