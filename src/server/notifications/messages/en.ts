// English email texts. Plain strings with {placeholders}, one object per mail, so the same
// file can feed another formatter (next-intl's ICU messages use the same {name} syntax).
// de.ts must have exactly these keys: its type is this object's (a missing key fails tsc).

export const en = {
  layout: {
    greeting: 'Hello {name},',
    manage: 'Choose what you hear about',
    unsubscribe: 'Unsubscribe from these emails',
    unsubscribeText: 'Stop these emails: {url}',
    accountNotice: 'You receive this email because you have an account on {tenant}.',
    codeLabel: 'Your code',
  },
  events: {
    'group.application_decided': {
      approvedSubject: 'Welcome to {group}',
      approvedBody: "Your application to join {group} was approved. You can now see the group's member-only deals.",
      rejectedSubject: 'Your application to {group} was not approved',
      rejectedBody: 'Your application to join {group} was not approved.',
      waitlistedSubject: 'You are on the waitlist of {group}',
      waitlistedBody: '{group} put your application on its waitlist; you will hear from us when a place opens.',
      reason: 'The reason given: {reason}',
      action: 'Open the group',
    },
    'group.invited': {
      subject: 'You are invited to join {group}',
      body: '{group} invites you to become a member. Open the invitation to see the group and accept it.',
      action: 'Open the invitation',
    },
    'group.deal_published': {
      subject: 'A new deal for {group} members: {deal}',
      body: '"{deal}" is open to the members of {group}.',
      action: 'See the deal',
    },
    'group.precommit_opened': {
      subject: '{deal} is open, and you are the first to know',
      body: 'You indicated interest of {amount} in "{deal}". It is open for investment now; members who pre-committed hear first.',
      action: 'Invest now',
    },
    'investment.received': {
      subject: 'We received your investment in {deal}',
      body: 'Your commitment of {amount} to {deal} is recorded. We will tell you when it is confirmed.',
      action: 'See your portfolio',
    },
    'investment.confirmed': {
      subject: 'Your investment in {deal} is confirmed',
      body: 'Your {amount} investment in {deal} is confirmed and counts towards the raise.',
      action: 'See your portfolio',
    },
    'investment.refunded': {
      subject: 'Your investment in {deal} was refunded',
      body: 'Your {amount} investment in {deal} was refunded.',
      reason: 'Reason: {reason}',
      action: 'See your portfolio',
    },
    'escrow.deadline': {
      subject: 'Your investment is waiting on your verification',
      body: 'Your {amount} investment is held in escrow until your verification and compliance checks clear. If they do not by {date}, the money is refunded to you automatically.',
      action: 'Finish your verification',
    },
    'kyc.decided': {
      approvedSubject: 'Your verification is approved',
      approvedBody: 'Your identity is verified. You can invest in the deals open to you.',
      rejectedSubject: 'Your verification was not approved',
      rejectedBody: 'Your verification was not approved.',
      retrySubject: 'Your verification needs your action',
      retryBody: 'We need more from you to finish your verification. Open the verification page to continue.',
      reason: 'Reason: {reason}',
      action: 'Open your verification',
    },
    'deal.update': {
      subject: '{deal}: {update}',
      body: '{deal} posted an update:',
      action: 'Read the update',
    },
    'security.password_changed': {
      subject: 'Your password was changed',
      body: 'The password of your account was changed. If this was not you, reset your password now and review your active sessions.',
      action: 'Review your security settings',
    },
    'security.password_reset': {
      subject: 'A password reset was requested',
      body: 'Somebody asked to reset the password of your account. If it was not you, you can ignore this message; your password stays as it is.',
      action: 'Review your security settings',
    },
    'security.mfa_changed': {
      subject: 'Your two-factor sign-in changed',
      body: 'Two-factor sign-in was switched on or off for your account. If this was not you, change your password now and review your active sessions.',
      action: 'Review your security settings',
    },
    'security.mfa_locked': {
      subject: 'Two-factor sign-in paused after wrong codes',
      body: 'Several wrong two-factor codes were entered for your account, so two-factor sign-in is paused for {minutes} minutes. If this was not you, somebody knows your password: change it now and review your active sessions.',
      action: 'Review your security settings',
    },
    'security.new_sign_in': {
      subject: 'New sign-in to your account',
      body: 'Your account was signed in to on {date}. If this was not you, change your password now and review your active sessions.',
      action: 'Review your sessions',
    },
    'investment.reconfirmation_required': {
      subject: '{deal} changed: reconfirm your investment by {date}',
      body: 'The issuer of {deal} made a material change to the offering. Under Regulation Crowdfunding (17 CFR 227.304(c)) your commitment stands only if you reconfirm it by {date}. If you do not, it is cancelled and any money you paid is returned. You can also cancel it now.',
      change: 'What changed, in the issuer\'s words:',
      action: 'Reconfirm or cancel',
    },
    'investment.cancelled': {
      subject: 'Your investment in {deal} was cancelled',
      body: 'You did not reconfirm your investment in {deal} within five business days after the issuer changed the offering materially, so it was cancelled (17 CFR 227.304(c)).',
      refunding: 'The money you paid is being returned.',
      action: 'Go to your portfolio',
    },
    'security.account_exists': {
      subject: 'Someone tried to register with your email',
      body: 'Somebody tried to create an account on {tenant} with this email address, which already has one. If it was you, log in or reset your password. If not, no action is needed.',
      action: 'Log in',
    },
    'broker.invited': {
      subject: '{broker} invites you to be their client',
      body: '{broker} asked to represent you on this platform. Investments you make while you are their client are attributed to them. Nothing changes until you accept; you can also decline.',
      action: 'Answer the invitation',
    },
    'feed.moderated': {
      postHidden: 'A moderator hid your post',
      postRemoved: 'A moderator removed your post',
      commentHidden: 'A moderator hid your comment',
      commentRemoved: 'A moderator removed your comment',
      reason: 'The reason given: {reason}',
      action: 'Open the post',
    },
    'admin.alert': {
      subject: 'Administrator alert: {title}',
      action: 'Open the administration',
    },
  },
  mail: {
    verification: {
      subject: 'Confirm your email',
      body: 'Your confirmation code is {code}. It expires in 24 hours.',
      ignore: 'If you did not create an account on {tenant}, ignore this message.',
    },
    passwordReset: {
      subject: 'Reset your password',
      body: 'Your password reset code is {code}. It expires in 15 minutes.',
      ignore: 'If you did not ask for it, you can ignore this message; your password stays as it is.',
    },
    dealApproved: {
      subject: '"{deal}" is live',
      body: 'The review team approved "{deal}"; investors can see it and invest now.',
      action: 'Open the deal',
    },
    dealRejected: {
      subject: '"{deal}" needs changes before it can go live',
      body: 'The review team sent "{deal}" back to draft with this reason:',
      next: 'Edit the draft and submit it again when it is ready.',
      action: 'Edit the draft',
    },
    memberRemoved: {
      subject: 'Your membership of {group} ended',
      body: 'The issuer running {group} ended your membership.',
      reason: 'The reason given: {reason}',
    },
    newsletterConfirm: {
      subject: 'Confirm your subscription to the {tenant} newsletter',
      body: 'Someone, hopefully you, asked to receive the {tenant} newsletter at this address. Confirm it within 7 days and the newsletter will start arriving.',
      action: 'Confirm my subscription',
      ignore: 'If you did not ask for it, ignore this email: nothing will be sent to you.',
    },
    newsletterNotice: 'You receive this newsletter because you subscribed to it on {tenant}.',
  },
};

export type EmailMessages = typeof en;
