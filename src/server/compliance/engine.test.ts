import { describe, expect, it } from 'vitest';
import { decide, RULES } from './engine';
import { deal, declaration, facts, NOW, policy, usdAttempt } from './rules/fixtures.test-support';
import { bandFor, DEFAULT_QUESTIONNAIRE, scoreAnswers } from './suitability-scoring';
import { ValidationError } from '../errors';

describe('engine decision', () => {
  it('a deal with no regimes and no lists: every rule not applicable, allowed', () => {
    const d = decide({ facts: facts(), deal: deal(), attempt: usdAttempt(100), policy: policy(), now: NOW.toISOString() });
    expect(d.allowed).toBe(true);
    expect(d.results).toHaveLength(RULES.length);
    expect(d.results.every((r) => r.outcome === 'not_applicable')).toBe(true);
  });
  it('blocks on the first failing rule and is reproducible from the stored JSON context', () => {
    const ctx = { facts: facts({ declaration: declaration({ isUsPerson: true }) }), deal: deal({ regimes: ['reg_s'] }), attempt: usdAttempt(100), policy: policy(), now: NOW.toISOString() };
    const d = decide(ctx);
    expect(d.blocking).toMatchObject({ rule: 'reg_s', code: 'compliance_reg_s_us_person' });
    expect(decide(JSON.parse(JSON.stringify(ctx)))).toEqual(d);
  });
});

describe('suitability scoring', () => {
  const bands = policy().suitability.bands;
  it('scores every answer and picks the highest band reached', () => {
    const all = (i: number) => Object.fromEntries(DEFAULT_QUESTIONNAIRE.map((q) => [q.id, q.options[Math.min(i, q.options.length - 1)]!.value]));
    expect(scoreAnswers(DEFAULT_QUESTIONNAIRE, bands, all(0))).toEqual({ score: 0, band: 'low', knowledgeExperiencePoints: 0 });
    expect(scoreAnswers(DEFAULT_QUESTIONNAIRE, bands, all(1))).toEqual({ score: 10, band: 'medium', knowledgeExperiencePoints: 2 });
    expect(scoreAnswers(DEFAULT_QUESTIONNAIRE, bands, all(3))).toEqual({ score: 20, band: 'high', knowledgeExperiencePoints: 4 });
    // Only the knowledge-and-experience question counts toward sophistication (230.506(b)(2)(ii)): top wealth and risk answers, no experience.
    expect(scoreAnswers(DEFAULT_QUESTIONNAIRE, bands, { ...all(3), experience: 'none' })).toEqual({ score: 16, band: 'high', knowledgeExperiencePoints: 0 });
    expect(bandFor(bands, 7)).toBe('low');
    expect(bandFor(bands, 8)).toBe('medium');
    expect(bandFor(bands, 14)).toBe('high');
  });
  it('rejects missing, unknown and invalid answers, naming each', () => {
    try {
      scoreAnswers(DEFAULT_QUESTIONNAIRE, bands, { experience: 'lots', bogus: 'x' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      const fields = (e as ValidationError).fields.map((f) => f.field);
      expect(fields).toEqual(expect.arrayContaining(['answers.experience', 'answers.horizon', 'answers.bogus']));
    }
  });
});
