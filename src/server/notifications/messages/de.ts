import type { EmailMessages } from './en';

// German email texts (Sie-Form), key for key as en.ts.

export const de: EmailMessages = {
  layout: {
    greeting: 'Hallo {name},',
    manage: 'Wählen Sie, worüber Sie informiert werden',
    unsubscribe: 'Diese E-Mails abbestellen',
    unsubscribeText: 'Diese E-Mails abbestellen: {url}',
    accountNotice: 'Sie erhalten diese E-Mail, weil Sie ein Konto bei {tenant} haben.',
    codeLabel: 'Ihr Code',
  },
  events: {
    'group.application_decided': {
      approvedSubject: 'Willkommen bei {group}',
      approvedBody: 'Ihre Bewerbung bei {group} wurde angenommen. Sie sehen jetzt die Deals, die nur Mitgliedern offenstehen.',
      rejectedSubject: 'Ihre Bewerbung bei {group} wurde nicht angenommen',
      rejectedBody: 'Ihre Bewerbung bei {group} wurde nicht angenommen.',
      waitlistedSubject: 'Sie stehen auf der Warteliste von {group}',
      waitlistedBody: '{group} hat Ihre Bewerbung auf die Warteliste gesetzt; Sie hören von uns, sobald ein Platz frei wird.',
      reason: 'Angegebener Grund: {reason}',
      action: 'Gruppe öffnen',
    },
    'group.invited': {
      subject: 'Sie sind eingeladen, {group} beizutreten',
      body: '{group} lädt Sie ein, Mitglied zu werden. Öffnen Sie die Einladung, um die Gruppe anzusehen und beizutreten.',
      action: 'Einladung öffnen',
    },
    'group.deal_published': {
      subject: 'Ein neuer Deal für Mitglieder von {group}: {deal}',
      body: '„{deal}“ steht den Mitgliedern von {group} offen.',
      action: 'Deal ansehen',
    },
    'group.precommit_opened': {
      subject: '{deal} ist eröffnet, und Sie erfahren es zuerst',
      body: 'Sie haben Interesse über {amount} an „{deal}“ angemeldet. Der Deal ist jetzt für Investitionen geöffnet; wer vorab zugesagt hat, erfährt es zuerst.',
      action: 'Jetzt investieren',
    },
    'investment.received': {
      subject: 'Wir haben Ihre Investition in {deal} erhalten',
      body: 'Ihre Zusage über {amount} für {deal} ist erfasst. Wir melden uns, sobald sie bestätigt ist.',
      action: 'Zu Ihrem Portfolio',
    },
    'investment.confirmed': {
      subject: 'Ihre Investition in {deal} ist bestätigt',
      body: 'Ihre Investition über {amount} in {deal} ist bestätigt und zählt zur Finanzierungsrunde.',
      action: 'Zu Ihrem Portfolio',
    },
    'investment.refunded': {
      subject: 'Ihre Investition in {deal} wurde erstattet',
      body: 'Ihre Investition über {amount} in {deal} wurde erstattet.',
      reason: 'Grund: {reason}',
      action: 'Zu Ihrem Portfolio',
    },
    'escrow.deadline': {
      subject: 'Ihre Investition wartet auf Ihre Verifizierung',
      body: 'Ihre Investition über {amount} liegt auf einem Treuhandkonto, bis Ihre Verifizierung und die Compliance-Prüfung abgeschlossen sind. Geschieht das nicht bis zum {date}, wird Ihnen das Geld automatisch erstattet.',
      action: 'Verifizierung abschließen',
    },
    'kyc.decided': {
      approvedSubject: 'Ihre Verifizierung ist bestätigt',
      approvedBody: 'Ihre Identität ist verifiziert. Sie können in die Deals investieren, die Ihnen offenstehen.',
      rejectedSubject: 'Ihre Verifizierung wurde nicht bestätigt',
      rejectedBody: 'Ihre Verifizierung wurde nicht bestätigt.',
      retrySubject: 'Ihre Verifizierung braucht Ihre Mithilfe',
      retryBody: 'Wir benötigen weitere Angaben, um Ihre Verifizierung abzuschließen. Öffnen Sie die Verifizierungsseite, um fortzufahren.',
      reason: 'Grund: {reason}',
      action: 'Verifizierung öffnen',
    },
    'deal.update': {
      subject: '{deal}: {update}',
      body: '{deal} hat Neuigkeiten veröffentlicht:',
      action: 'Neuigkeit lesen',
    },
    'security.password_changed': {
      subject: 'Ihr Passwort wurde geändert',
      body: 'Das Passwort Ihres Kontos wurde geändert. Falls Sie das nicht waren, setzen Sie Ihr Passwort jetzt zurück und prüfen Sie Ihre aktiven Sitzungen.',
      action: 'Sicherheitseinstellungen prüfen',
    },
    'security.password_reset': {
      subject: 'Ein Zurücksetzen des Passworts wurde angefordert',
      body: 'Jemand hat angefordert, das Passwort Ihres Kontos zurückzusetzen. Falls Sie das nicht waren, können Sie diese Nachricht ignorieren; Ihr Passwort bleibt unverändert.',
      action: 'Sicherheitseinstellungen prüfen',
    },
    'security.mfa_changed': {
      subject: 'Ihre Zwei-Faktor-Anmeldung wurde geändert',
      body: 'Die Zwei-Faktor-Anmeldung wurde für Ihr Konto ein- oder ausgeschaltet. Falls Sie das nicht waren, ändern Sie jetzt Ihr Passwort und prüfen Sie Ihre aktiven Sitzungen.',
      action: 'Sicherheitseinstellungen prüfen',
    },
    'security.mfa_locked': {
      subject: 'Zwei-Faktor-Anmeldung nach falschen Codes pausiert',
      body: 'Für Ihr Konto wurden mehrere falsche Zwei-Faktor-Codes eingegeben, daher ist die Zwei-Faktor-Anmeldung für {minutes} Minuten pausiert. Falls Sie das nicht waren, kennt jemand Ihr Passwort: Ändern Sie es jetzt und prüfen Sie Ihre aktiven Sitzungen.',
      action: 'Sicherheitseinstellungen prüfen',
    },
    'security.new_sign_in': {
      subject: 'Neue Anmeldung bei Ihrem Konto',
      body: 'Bei Ihrem Konto hat sich am {date} jemand angemeldet. Falls Sie das nicht waren, ändern Sie jetzt Ihr Passwort und prüfen Sie Ihre aktiven Sitzungen.',
      action: 'Sitzungen prüfen',
    },
    'investment.reconfirmation_required': {
      subject: '{deal} wurde geändert: Bestätigen Sie Ihre Investition bis {date}',
      body: 'Der Emittent von {deal} hat das Angebot wesentlich geändert. Nach Regulation Crowdfunding (17 CFR 227.304(c)) bleibt Ihre Zusage nur bestehen, wenn Sie sie bis {date} erneut bestätigen. Andernfalls wird sie storniert und bereits gezahltes Geld erstattet. Sie können sie auch jetzt stornieren.',
      change: 'Was sich geändert hat, in den Worten des Emittenten:',
      action: 'Bestätigen oder stornieren',
    },
    'investment.cancelled': {
      subject: 'Ihre Investition in {deal} wurde storniert',
      body: 'Sie haben Ihre Investition in {deal} nicht innerhalb von fünf Geschäftstagen nach der wesentlichen Änderung des Angebots bestätigt, daher wurde sie storniert (17 CFR 227.304(c)).',
      refunding: 'Das gezahlte Geld wird Ihnen erstattet.',
      action: 'Zu Ihrem Portfolio',
    },
    'security.account_exists': {
      subject: 'Jemand wollte sich mit Ihrer E-Mail-Adresse registrieren',
      body: 'Jemand wollte bei {tenant} ein Konto mit dieser E-Mail-Adresse anlegen, für die bereits ein Konto besteht. Falls Sie das waren, melden Sie sich an oder setzen Sie Ihr Passwort zurück. Andernfalls müssen Sie nichts tun.',
      action: 'Anmelden',
    },
    'broker.invited': {
      subject: '{broker} lädt Sie ein, Kundin oder Kunde zu werden',
      body: '{broker} möchte Sie auf dieser Plattform vertreten. Investitionen, die Sie als Kundin oder Kunde tätigen, werden {broker} zugerechnet. Nichts ändert sich, bevor Sie annehmen; Sie können auch ablehnen.',
      action: 'Auf die Einladung antworten',
    },
    'feed.moderated': {
      postHidden: 'Eine Moderatorin oder ein Moderator hat Ihren Beitrag ausgeblendet',
      postRemoved: 'Eine Moderatorin oder ein Moderator hat Ihren Beitrag entfernt',
      commentHidden: 'Eine Moderatorin oder ein Moderator hat Ihren Kommentar ausgeblendet',
      commentRemoved: 'Eine Moderatorin oder ein Moderator hat Ihren Kommentar entfernt',
      reason: 'Angegebener Grund: {reason}',
      action: 'Beitrag öffnen',
    },
    'admin.alert': {
      subject: 'Hinweis für Administratoren: {title}',
      action: 'Verwaltung öffnen',
    },
  },
  mail: {
    verification: {
      subject: 'Bestätigen Sie Ihre E-Mail-Adresse',
      body: 'Ihr Bestätigungscode lautet {code}. Er ist 24 Stunden gültig.',
      ignore: 'Falls Sie kein Konto bei {tenant} angelegt haben, ignorieren Sie diese Nachricht.',
    },
    passwordReset: {
      subject: 'Setzen Sie Ihr Passwort zurück',
      body: 'Ihr Code zum Zurücksetzen des Passworts lautet {code}. Er ist 15 Minuten gültig.',
      ignore: 'Falls Sie ihn nicht angefordert haben, können Sie diese Nachricht ignorieren; Ihr Passwort bleibt unverändert.',
    },
    dealApproved: {
      subject: '„{deal}“ ist online',
      body: 'Das Prüfteam hat „{deal}“ freigegeben; Investoren können den Deal jetzt sehen und investieren.',
      action: 'Deal öffnen',
    },
    dealRejected: {
      subject: '„{deal}“ braucht Änderungen, bevor er online gehen kann',
      body: 'Das Prüfteam hat „{deal}“ mit dieser Begründung in den Entwurf zurückgeschickt:',
      next: 'Bearbeiten Sie den Entwurf und reichen Sie ihn erneut ein, wenn er fertig ist.',
      action: 'Entwurf bearbeiten',
    },
    memberRemoved: {
      subject: 'Ihre Mitgliedschaft bei {group} wurde beendet',
      body: 'Der Emittent, der {group} betreibt, hat Ihre Mitgliedschaft beendet.',
      reason: 'Angegebener Grund: {reason}',
    },
    newsletterConfirm: {
      subject: 'Bestätigen Sie Ihr Abonnement des {tenant}-Newsletters',
      body: 'Jemand, hoffentlich Sie, möchte den Newsletter von {tenant} an diese Adresse erhalten. Bestätigen Sie es innerhalb von 7 Tagen, dann erhalten Sie ihn.',
      action: 'Abonnement bestätigen',
      ignore: 'Wenn Sie das nicht angefordert haben, ignorieren Sie diese E-Mail: Sie erhalten nichts.',
    },
    newsletterNotice: 'Sie erhalten diesen Newsletter, weil Sie ihn auf {tenant} abonniert haben.',
  },
};
