import { Alert } from './primitives/alert';
import type { useSubmit } from './use-submit';

/** A form's outcome above its fields: the API's problem when it is not about one field, or the "done" message. */
export function FormStatus({ s }: { s: ReturnType<typeof useSubmit> }) {
  return (
    <>
      {s.message && <Alert tone="error">{s.message}</Alert>}
      {s.ok && (
        <p role="status" className="text-sm font-medium text-success">
          {s.ok}
        </p>
      )}
    </>
  );
}
