import { cn } from './cn';
import { percentWidth } from './format';

/** Funding progress: an accessible progressbar whose text value is the API's exact percent. */
export function ProgressBar({ percent, label, className }: { percent: string; label: string; className?: string }) {
  const width = percentWidth(percent);
  return (
    <div
      role="progressbar"
      aria-label={label}
      // aria-valuemin/max default to 0 and 100 for a progressbar.
      aria-valuenow={Math.round(width)}
      aria-valuetext={`${percent}%`}
      className={cn('progress', className)}
    >
      <div style={{ width: `${width}%` }} />
    </div>
  );
}
