import { Download, UserX } from 'lucide-react';
import { ConfirmAction } from './confirm-action';
import { formatDateTime } from './format';

/**
 * A member's copy of their data and their erasure (GDPR), on their profile (base /api/profile)
 * or on the admin's page for that member (base /api/admin/users/{id}).
 */
export function MemberPrivacy({ base, who, scheduled, delayDays }: { base: string; who: 'you' | string; scheduled: { dueAt: string } | null; delayDays: number }) {
  const self = who === 'you';
  return (
    <div className="grid gap-4 text-sm">
      <p>
        <a href={`${base}/export`} download className="inline-flex items-center gap-1.5 font-medium text-primary-text hover:underline">
          <Download className="size-4" aria-hidden /> Download {self ? 'your' : 'their'} data
        </a>
        <span className="block text-xs text-muted-foreground">A tar archive: data.json with every record that refers to {self ? 'you' : 'them'}, and {self ? 'your' : 'their'} identity documents.</span>
      </p>
      {scheduled ? (
        <div className="grid gap-2">
          <p role="status">
            Erasure is scheduled for <strong>{formatDateTime(scheduled.dueAt)}</strong>.
          </p>
          <div>
            <ConfirmAction
              label="Withdraw the erasure request"
              title="Withdraw the erasure request?"
              description="Nothing will be erased. The withdrawal is recorded in the audit log."
              confirmLabel="Withdraw"
              request={{ path: `${base}/erasure`, method: 'DELETE' }}
              size="sm"
            />
          </div>
        </div>
      ) : (
        <div>
          <ConfirmAction
            label={self ? 'Erase my account' : 'Erase this member'}
            icon={<UserX aria-hidden />}
            title={self ? 'Erase your account?' : `Erase ${who}?`}
            description={`After ${delayDays} ${delayDays === 1 ? 'day' : 'days'}, names, email, phone, wallets and identity documents are erased for good and the account can no longer sign in. Investment and audit records the law requires are kept, marked "erased member". Until then the request can be withdrawn.`}
            confirmLabel="Schedule erasure"
            request={{ path: `${base}/erasure`, method: 'POST', json: {} }}
            size="sm"
          />
        </div>
      )}
    </div>
  );
}
