// Form errors in the words of the form's labels. The API names fields for API clients
// ("targetAmount cannot exceed hardCap"); every form in the browser shows the same rule as
// "Target raise cannot exceed the hard cap". One mapping for every form: the label of each field
// the API can name, and the sentences for zod's generic messages.

export const FIELD_LABELS: Record<string, string> = {
  title: 'Title',
  slug: 'Web address',
  summary: 'Summary',
  description: 'Description',
  assetType: 'Asset type',
  currency: 'Currency',
  currencyDecimals: 'Currency decimals',
  paymentTokenAddress: 'Payment token address',
  targetAmount: 'Target raise',
  softCap: 'Soft cap',
  hardCap: 'Hard cap',
  minTicket: 'Minimum ticket',
  maxTicket: 'Maximum per investor',
  valuation: 'Valuation',
  startsAt: 'Opening date',
  endsAt: 'Closing date',
  regimes: 'Offering rules',
  minimumVerificationLevel: 'Investor verification needed',
  'legalEntity.name': 'Legal entity name',
  jurisdiction: 'Jurisdiction',
  registrationNumber: 'Registration number',
  entityType: 'Entity type',
  line1: 'Street address',
  city: 'City',
  postalCode: 'Postal code',
  'address.country': 'Country of the address',
  'profile.displayName': 'Public name',
  displayName: 'Display name',
  website: 'Website',
  contactEmail: 'Contact email',
  email: 'Email',
  password: 'Password',
  newPassword: 'New password',
  currentPassword: 'Current password',
  firstName: 'First name',
  lastName: 'Last name',
  phone: 'Phone',
  country: 'Country',
  amount: 'Amount',
  paymentMethod: 'Payment method',
  walletAddress: 'Wallet address',
  code: 'Code',
  reason: 'Reason',
  rating: 'Rating',
  body: 'Text',
  chainId: 'Chain',
  stakingToken: 'Staking token',
  rewardToken: 'Reward token',
  rewardBudget: 'Reward budget',
  rewardsDurationSeconds: 'Reward period (in seconds)',
  lockPeriodSeconds: 'Lock period (in seconds)',
  earlyExitPenaltyBps: 'Early-exit penalty (in basis points)',
  maxStakePerUser: 'Cap per staker',
  maxTotalStaked: 'Total cap',
  minVerificationLevel: 'Verification needed',
};

const lastSegment = (field: string) => field.split('.').pop() ?? field;

/** The label of a field path ("legalEntity.name" -> "Legal entity name"), never an identifier. */
export function fieldLabel(field: string): string {
  const known = FIELD_LABELS[field] ?? FIELD_LABELS[lastSegment(field)];
  if (known) return known;
  const words = lastSegment(field)
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_.]/g, ' ')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

// zod's own messages, as sentences about the field.
const GENERIC: [RegExp, (label: string, m: RegExpMatchArray) => string][] = [
  [/^Too small: expected string to have >=1 characters?$/i, (l) => `${l} is required`],
  [/^Too small: expected string to have >=(\d+) characters?$/i, (l, m) => `${l} needs at least ${m[1]} characters`],
  [/^Too big: expected string to have <=(\d+) characters?$/i, (l, m) => `${l} can have at most ${m[1]} characters`],
  [/^Too small: expected (?:number|array) to (?:be|have) >=?(\d+)/i, (l, m) => `${l} must be at least ${m[1]}`],
  [/^Too big: expected (?:number|array) to (?:be|have) <=?(\d+)/i, (l, m) => `${l} can be at most ${m[1]}`],
  [/^Invalid email/i, (l) => `${l} must be a full email address, with @ and a domain`],
  [/^Invalid (?:URL|url)/i, (l) => `${l} must be a web address starting with https://`],
  [/^Invalid option/i, (l) => `Choose one of the options for ${l.toLowerCase()}`],
  [/^Invalid input: expected \w+, received (?:undefined|null)/i, (l) => `${l} is required`],
  [/^(?:Invalid input|Invalid string|Invalid)/i, (l) => `Check ${l.toLowerCase()}: the value is not valid`],
  [/^Required$/i, (l) => `${l} is required`],
];

// A word the API uses to name a field: camelCase, or a dotted path.
const IDENTIFIER = /\b[a-z][a-z0-9]*(?:[A-Z][a-zA-Z0-9]*)+(?:\.[a-zA-Z0-9]+)*\b|\b[a-z][a-zA-Z0-9]*(?:\.[a-zA-Z0-9]+)+\b/g;

/** A message for `field` that a person understands, from whatever the schema or the API said. */
export function fieldMessage(field: string, message: string): string {
  const label = fieldLabel(field);
  for (const [pattern, say] of GENERIC) {
    const m = message.match(pattern);
    if (m) return say(label, m);
  }
  // "title must be ..." / "targetAmount cannot exceed hardCap": the field's own name opens the sentence.
  const own = [field, lastSegment(field)].find((name) => message.startsWith(`${name} `));
  let text = own ? `${label}${message.slice(own.length)}` : message;
  text = text.replace(IDENTIFIER, (id) => `the ${fieldLabel(id).toLowerCase()}`);
  return text.charAt(0).toUpperCase() + text.slice(1);
}
