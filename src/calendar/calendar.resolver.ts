import { Arg, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import { Access } from '../auth/role';
import { InvalidInputError } from '../common/errors';
import { Allow } from '../graphql/access';
import type { RequestContext } from '../graphql/context';
import { FIRST_SUPPORTED_YEAR, LAST_SUPPORTED_YEAR, LocalDateScalar } from '../graphql/scalars';
import type { LocalDate } from './local-date';
import type { CalendarHoliday } from './calendar-holiday';
import { CalendarHolidayObject } from './holiday.types';

/** About 40 years of Working Days: far beyond any deadline, small enough to answer at once. */
const MAX_WORKING_DAYS = 10_000;

@Resolver()
export class CalendarResolver {
  @Query(() => Boolean, { description: 'Whether a day is a Working Day: no weekend, no bank holiday in England and Wales, no holiday an admin added.' })
  @Allow(Access.read)
  async isWorkingDay(@Ctx() ctx: RequestContext, @Arg('date', () => LocalDateScalar, { description: 'The day.' }) date: LocalDate): Promise<boolean> {
    return (await ctx.calendar()).isWorkingDay(date);
  }

  @Query(() => LocalDateScalar, { description: 'The Working Day that lies `days` Working Days after `date` (before it, if negative).' })
  @Allow(Access.read)
  async addWorkingDays(
    @Ctx() ctx: RequestContext,
    @Arg('date', () => LocalDateScalar, { description: 'The day counted from (not counted itself).' }) date: LocalDate,
    @Arg('days', () => Int, { description: 'How many Working Days on (back, if negative).' }) days: number,
  ): Promise<LocalDate> {
    if (Math.abs(days) > MAX_WORKING_DAYS) throw new InvalidInputError(`days must be between -${MAX_WORKING_DAYS} and ${MAX_WORKING_DAYS}; got ${days}`);
    const result = (await ctx.calendar()).addWorkingDays(date, days);
    const year = Number(result.slice(0, 4));
    if (year < FIRST_SUPPORTED_YEAR || year > LAST_SUPPORTED_YEAR) {
      throw new InvalidInputError(`${days} Working Days from ${date} falls outside ${FIRST_SUPPORTED_YEAR} to ${LAST_SUPPORTED_YEAR}`);
    }
    return result;
  }

  @Query(() => Int, { description: 'Working Days d with from < d <= to.' })
  @Allow(Access.read)
  async workingDaysBetween(
    @Ctx() ctx: RequestContext,
    @Arg('from', () => LocalDateScalar, { description: 'The day counted from (not counted itself).' }) from: LocalDate,
    @Arg('to', () => LocalDateScalar, { description: 'The last day counted.' }) to: LocalDate,
  ): Promise<number> {
    return (await ctx.calendar()).workingDaysBetween(from, to);
  }

  @Query(() => [CalendarHolidayObject], { description: 'Every holiday of a year in England and Wales, the calendar\'s own and those added by an admin, in date order.' })
  @Allow(Access.read)
  holidays(@Ctx() ctx: RequestContext, @Arg('year', () => Int, { description: 'The year, e.g. 2022.' }) year: number): Promise<CalendarHoliday[]> {
    return ctx.services.holidays.ofYear(ctx, year);
  }

  @Mutation(() => Boolean, { description: 'Removes a holiday added in error (only one added with addHoliday); every deadline it moved moves back at once.' })
  @Allow(Access.admin)
  async removeHoliday(@Ctx() ctx: RequestContext, @Arg('date', () => LocalDateScalar, { description: 'The holiday to remove.' }) date: LocalDate): Promise<boolean> {
    await ctx.services.holidays.remove(ctx, date);
    return true;
  }

  @Mutation(() => Boolean, { description: 'Adds a one-off holiday; every deadline after it moves at once.' })
  @Allow(Access.admin)
  async addHoliday(
    @Ctx() ctx: RequestContext,
    @Arg('date', () => LocalDateScalar, { description: 'A weekday that is not a bank holiday already.' }) date: LocalDate,
    @Arg('name', { description: 'Its name, e.g. "State Funeral of Queen Elizabeth II".' }) name: string,
  ): Promise<boolean> {
    await ctx.services.holidays.add(ctx, date, name);
    return true;
  }
}
