import { ValidationError } from '../errors';
import type { CompliancePolicySettings, SuitabilityQuestion } from './schema';

// The suitability questionnaire a tenant shows non-accredited investors, and its scoring.

export const DEFAULT_QUESTIONNAIRE: SuitabilityQuestion[] = [
  {
    id: 'experience',
    measures: 'knowledge_experience',
    text: 'How much experience do you have investing in private companies or other illiquid investments?',
    options: [
      { value: 'none', label: 'None', points: 0 },
      { value: 'some', label: 'A few investments', points: 2 },
      { value: 'extensive', label: 'Many investments over several years', points: 4 },
    ],
  },
  {
    id: 'income_band',
    measures: 'financial_situation',
    text: 'What is your annual income?',
    options: [
      { value: 'under_50k', label: 'Under $50,000', points: 0 },
      { value: '50k_124k', label: '$50,000 to $124,000', points: 2 },
      { value: '124k_250k', label: '$124,000 to $250,000', points: 3 },
      { value: 'over_250k', label: 'Over $250,000', points: 4 },
    ],
  },
  {
    id: 'net_worth_band',
    measures: 'financial_situation',
    text: 'What is your net worth, excluding your primary residence?',
    options: [
      { value: 'under_124k', label: 'Under $124,000', points: 0 },
      { value: '124k_500k', label: '$124,000 to $500,000', points: 2 },
      { value: '500k_1m', label: '$500,000 to $1,000,000', points: 3 },
      { value: 'over_1m', label: 'Over $1,000,000', points: 4 },
    ],
  },
  {
    id: 'risk_tolerance',
    measures: 'risk',
    text: 'If this investment lost all of its value, how would it affect you?',
    options: [
      { value: 'low', label: 'It would seriously hurt my finances', points: 0 },
      { value: 'medium', label: 'It would hurt, but I would manage', points: 2 },
      { value: 'high', label: 'I can afford to lose it', points: 4 },
    ],
  },
  {
    id: 'horizon',
    measures: 'risk',
    text: 'How long can you leave this money invested without needing it back?',
    options: [
      { value: 'under_1y', label: 'Less than a year', points: 0 },
      { value: '1_5y', label: 'One to five years', points: 2 },
      { value: 'over_5y', label: 'More than five years', points: 4 },
    ],
  },
];

export function questionnaireOf(s: CompliancePolicySettings): SuitabilityQuestion[] {
  return s.suitability.questions ?? DEFAULT_QUESTIONNAIRE;
}

/** The highest band whose minimum score the score reaches (bands in ascending order). */
export function bandFor(bands: { band: string; minScore: number }[], score: number): string {
  let band = bands[0]!.band;
  for (const b of bands) if (score >= b.minScore) band = b.band;
  return band;
}

/** Every question answered with one of its options, nothing else; 400 naming each problem. */
export function scoreAnswers(questions: SuitabilityQuestion[], bands: { band: string; minScore: number }[], answers: Record<string, string>) {
  const errors = [];
  let score = 0;
  let knowledgeExperiencePoints = 0;
  for (const q of questions) {
    const a = answers[q.id];
    const option = q.options.find((o) => o.value === a);
    if (!option) errors.push({ field: `answers.${q.id}`, message: `answer one of: ${q.options.map((o) => o.value).join(', ')}` });
    else {
      score += option.points;
      // 230.506(b)(2)(ii): only knowledge-and-experience answers show sophistication; wealth and risk appetite do not.
      if (q.measures === 'knowledge_experience') knowledgeExperiencePoints += option.points;
    }
  }
  for (const k of Object.keys(answers)) if (!questions.some((q) => q.id === k)) errors.push({ field: `answers.${k}`, message: 'is not a question of this questionnaire' });
  if (errors.length) throw new ValidationError(errors);
  return { score, band: bandFor(bands, score), knowledgeExperiencePoints };
}
