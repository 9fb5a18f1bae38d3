import { Field, Float, Int, ObjectType } from 'type-graphql';
import type { LocalDate } from '../calendar/local-date';
import { LocalDateScalar } from '../graphql/scalars';

@ObjectType({ description: 'Count and mean duration, in Working Days, of a set of assessments.' })
export class TimescaleFigure {
  @Field(() => Int)
  count!: number;

  @Field(() => Float, { nullable: true })
  averageWorkingDays!: number | null;
}

@ObjectType({ description: "The 'DCC Assessment timescales' table of the Change Status Report." })
export class AssessmentTimescales {
  @Field(() => LocalDateScalar, { description: 'Last day of the 12-month window.' })
  asOf!: LocalDate;

  @Field(() => TimescaleFigure) preliminaryOpen!: TimescaleFigure;
  @Field(() => TimescaleFigure) preliminaryCompleted!: TimescaleFigure;
  @Field(() => TimescaleFigure) impactOpen!: TimescaleFigure;
  @Field(() => TimescaleFigure) impactCompleted!: TimescaleFigure;
}

@ObjectType({ description: 'Code Performance Measure 9 for one month: DCC Assessments due that month completed within their timescales.' })
export class PerformanceMeasure {
  @Field({ description: 'YYYY-MM' })
  month!: string;

  @Field(() => Int)
  due!: number;

  @Field(() => Int)
  completedWithinTarget!: number;

  @Field(() => Float, { nullable: true, description: "Null when nothing fell due ('none to report')." })
  percentage!: number | null;

  @Field(() => Float)
  targetPercentage!: number;
}
