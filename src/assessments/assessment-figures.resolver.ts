import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { Access } from '../auth/role';
import { isYearMonth, type LocalDate } from '../calendar/local-date';
import { InvalidInputError } from '../common/errors';
import { Allow } from '../graphql/access';
import type { RequestContext } from '../graphql/context';
import { LocalDateScalar } from '../graphql/scalars';
import { assessmentTimescales, codePerformanceMeasure } from '../sla/report-figures';
import { AssessmentTimescales, PerformanceMeasure } from './assessment-figures.types';

/** The Change Status Report's DCC figures, answerable for any day or month. */
@Resolver()
export class AssessmentFiguresResolver {
  @Query(() => AssessmentTimescales, { description: 'DCC assessment timescales over the 12 months ending a day, as the Change Status Report prints them.' })
  @Allow(Access.read)
  async assessmentTimescales(@Ctx() ctx: RequestContext, @Arg('asOf', () => LocalDateScalar, { description: 'The last day of the 12 months.' }) asOf: LocalDate): Promise<AssessmentTimescales> {
    const [facts, calendar] = await Promise.all([ctx.services.assessments.allFacts(ctx), ctx.calendar()]);
    return assessmentTimescales(facts, asOf, calendar);
  }

  @Query(() => PerformanceMeasure, { description: 'Code Performance Measure 9 for a month: the DCC Assessments due that month, and how many were returned by their target.' })
  @Allow(Access.read)
  async codePerformanceMeasure(@Ctx() ctx: RequestContext, @Arg('month', { description: 'The month, YYYY-MM.' }) month: string): Promise<PerformanceMeasure> {
    if (!isYearMonth(month)) throw new InvalidInputError(`month must be YYYY-MM, e.g. 2021-04; got ${JSON.stringify(month)}`);
    const [facts, calendar] = await Promise.all([ctx.services.assessments.allFacts(ctx), ctx.calendar()]);
    return codePerformanceMeasure(facts, month, calendar);
  }
}
