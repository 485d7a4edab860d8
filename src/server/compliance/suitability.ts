import { audit, type RequestMeta } from '../audit/service';
import type { Principal } from '../auth/principal';
import { withTenant } from '../db/tenant';
import type { TenantContext } from '../tenancy/resolve';
import { policySettingsOf } from './policy';
import { insertSuitability, latestSuitability } from './repo';
import { questionnaireOf, scoreAnswers } from './suitability-scoring';

const assessmentView = (a: { id: string; score: number; band: string; knowledge_experience_points: number | null; created_at: Date; answers: Record<string, string> }) => ({
  id: a.id,
  score: a.score,
  band: a.band,
  knowledgeExperiencePoints: a.knowledge_experience_points ?? 0,
  answers: a.answers,
  createdAt: a.created_at.toISOString(),
});

/** GET /api/investor/suitability: the tenant's questionnaire and the caller's latest result. */
export async function getSuitability(tenant: TenantContext, p: Principal) {
  const s = policySettingsOf(tenant);
  const latest = await withTenant(tenant.id, { userId: p.userId }, (t) => latestSuitability(t, p.userId));
  return {
    questionnaire: questionnaireOf(s).map((q) => ({ id: q.id, text: q.text, options: q.options.map((o) => ({ value: o.value, label: o.label })) })),
    bands: s.suitability.bands.map((b) => b.band),
    minimumBand: s.suitability.minimumBand,
    minimumKnowledgeExperiencePoints: s.suitability.minimumKnowledgeExperiencePoints,
    latest: latest ? assessmentView(latest) : null,
  };
}

/** POST /api/investor/suitability: scores the answers; every submission is kept, the latest counts. */
export async function submitSuitability(tenant: TenantContext, p: Principal, answers: Record<string, string>, meta: RequestMeta) {
  const s = policySettingsOf(tenant);
  const { score, band, knowledgeExperiencePoints } = scoreAnswers(questionnaireOf(s), s.suitability.bands, answers);
  return withTenant(tenant.id, { userId: p.userId }, async (t) => {
    const row = await insertSuitability(t, { userId: p.userId, answers, score, band, knowledgeExperiencePoints });
    await audit(t, { actorId: p.userId, actorRole: p.role, action: 'compliance.suitability_submitted', targetType: 'suitability_assessment', targetId: row.id, metadata: { score, band } }, meta);
    return {
      assessment: assessmentView(row),
      meetsMinimum: s.suitability.bands.findIndex((b) => b.band === band) >= s.suitability.bands.findIndex((b) => b.band === s.suitability.minimumBand),
      /** 230.506(b)(2)(ii): enough knowledge and experience without a purchaser representative. */
      meetsKnowledgeExperienceMinimum: knowledgeExperiencePoints >= s.suitability.minimumKnowledgeExperiencePoints,
    };
  });
}
