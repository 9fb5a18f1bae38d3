import { Field, Float, Int, ObjectType } from 'type-graphql';
import type { LocalDate } from '../calendar/local-date';
import { LocalDateScalar } from '../graphql/scalars';

@ObjectType({ description: 'Count and mean duration, in Working Days, of a set of assessments.' })
export class TimescaleFigure {
  @Field(() => Int, { description: 'How many.' })
  count!: number;

  @Field(() => Float, { description: 'Their mean, in Working Days; null when none has the facts for it.', nullable: true })
  averageWorkingDays!: number | null;
}

@ObjectType({ description: "The 'DCC Assessment timescales' table of the Change Status Report." })
export class AssessmentTimescales {
  @Field(() => LocalDateScalar, { description: 'Last day of the 12-month window.' })
  asOf!: LocalDate;

  @Field(() => TimescaleFigure, { description: 'Preliminary Assessments open on the day, with their mean elapsed Working Days.' }) preliminaryOpen!: TimescaleFigure;
  @Field(() => TimescaleFigure, { description: 'Preliminary Assessments returned in the 12 months, with their mean duration.' }) preliminaryCompleted!: TimescaleFigure;
  @Field(() => TimescaleFigure, { description: 'Impact Assessments open on the day, with their mean elapsed Working Days.' }) impactOpen!: TimescaleFigure;
  @Field(() => TimescaleFigure, { description: 'Impact Assessments returned in the 12 months, with their mean duration.' }) impactCompleted!: TimescaleFigure;
}

@ObjectType({ description: 'Code Performance Measure 9 for one month: DCC Assessments due that month completed within their timescales.' })
export class PerformanceMeasure {
  @Field({ description: 'YYYY-MM' })
  month!: string;

  @Field(() => Int, { description: 'DCC Assessments whose target completion date fell in the month.' })
  due!: number;

  @Field(() => Int, { description: 'How many of those were returned by their target date.' })
  completedWithinTarget!: number;

  @Field(() => Float, { nullable: true, description: "Null when nothing fell due ('none to report')." })
  percentage!: number | null;

  @Field(() => Float, { description: 'The target and minimum service level: 100.' })
  targetPercentage!: number;
}
