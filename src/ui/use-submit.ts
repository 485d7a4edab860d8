'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { ApiError, errorMessage } from './api-client';

/**
 * The submit state every form shares: busy while the work runs, the API's problem (field
 * messages in the words of the labels, or the detail) when it fails, an optional "done"
 * message, and the server page re-rendered afterwards.
 */
export function useSubmit(work: (form: FormData) => Promise<unknown>, done?: string) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | string | null>(null);
  const [ok, setOk] = useState<string | null>(null);
  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setOk(null);
    try {
      await work(new FormData(e.currentTarget));
      if (done) setOk(done);
      router.refresh();
    } catch (err) {
      setError(err instanceof ApiError ? err : errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const fieldError = (name: string) => (error instanceof ApiError ? error.field(name) : undefined);
  const message = error instanceof ApiError ? (error.problem.errors?.length ? null : error.problem.detail) : error;
  return { busy, onSubmit, fieldError, message, ok };
}
