import { fromMinorUnits } from '../money';
import type { ApplicationRow, GroupRow } from './repo';

const money = (v: string | null, decimals: number) => (v === null ? null : fromMinorUnits(v, decimals));

export function groupView(g: GroupRow) {
  return {
    id: g.id,
    slug: g.slug,
    name: g.name,
    description: g.description,
    privacy: g.privacy,
    issuer: { id: g.issuer_id, name: g.issuer_name },
    requirements: {
      minVerificationLevel: g.min_verification_level,
      requiresAccreditation: g.requires_accreditation,
      minCommitment: money(g.min_commitment, g.currency_decimals),
      currency: g.currency,
    },
    capacity: g.capacity,
    memberCount: g.member_count,
    full: g.capacity !== null && g.member_count >= g.capacity,
    questions: g.questions,
    focusAreas: g.focus_areas,
    brandColor: g.brand_color,
    createdAt: g.created_at.toISOString(),
  };
}

export function applicationView(a: ApplicationRow, g: Pick<GroupRow, 'currency_decimals' | 'currency'>) {
  return {
    id: a.id,
    groupId: a.group_id,
    applicant: { id: a.user_id, email: a.email, name: `${a.first_name} ${a.last_name}`.trim() },
    status: a.status,
    answers: a.answers,
    intendedCommitment: money(a.intended_commitment, g.currency_decimals),
    currency: g.currency,
    decisionReason: a.decision_reason,
    decidedAt: a.decided_at?.toISOString() ?? null,
    createdAt: a.created_at.toISOString(),
  };
}
