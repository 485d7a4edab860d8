'use client';

import { api } from '@/ui/api-client';
import { Button } from '@/ui/primitives/button';

export function ConsoleSignOut() {
  return (
    <Button
      type="button"
      variant="outline"
      size="sm"
      onClick={async () => {
        await api('/api/platform/auth/logout', { method: 'POST' }).catch(() => {});
        window.location.assign('/console/login');
      }}
    >
      Sign out
    </Button>
  );
}
