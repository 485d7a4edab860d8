'use client';

import { Loader2 } from 'lucide-react';
import { useEffect } from 'react';
import { api } from '@/ui/api-client';

/** Ends this session on the server (which clears the cookies), then shows the login page. */
export default function LogoutPage() {
  useEffect(() => {
    void api('/api/auth/logout', { method: 'POST' })
      .catch(() => undefined)
      .finally(() => window.location.replace('/login'));
  }, []);
  return (
    <p role="status" className="flex items-center justify-center gap-2 py-10 text-muted-foreground">
      <Loader2 className="size-4 animate-spin" aria-hidden /> Logging you out…
    </p>
  );
}
