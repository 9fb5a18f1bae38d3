import { Arg, Ctx, Field, ID, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { Access } from '../auth/role';
import { Allow } from '../graphql/access';
import type { RequestContext } from '../graphql/context';
import type { CalendarFeed } from './calendar-feed.entity';
import { CalendarFeedObject } from './calendar-feed.graphql-types';

@ObjectType({ description: 'A feed just made: `url` holds its secret token, shown this once; subscribe to it in Outlook or Google Calendar.' })
export class CreatedCalendarFeed {
  @Field({ description: 'The URL to subscribe to in Outlook or Google Calendar: it is the credential, shown this once.' })
  url!: string;

  @Field(() => CalendarFeedObject, { description: 'The feed, as calendarFeeds lists it.' })
  feed!: CalendarFeed;
}

/** Calendar feeds: any key may make its own; the feed stops with the key, or when revoked. */
@Resolver(() => CalendarFeedObject)
export class CalendarFeedResolver {
  @Query(() => [CalendarFeedObject], { description: "The caller's calendar feeds (an admin's: everyone's), oldest first; never their URLs." })
  @Allow(Access.read)
  calendarFeeds(@Ctx() ctx: RequestContext): Promise<CalendarFeed[]> {
    return ctx.services.calendarFeeds.list(ctx);
  }

  @Mutation(() => CreatedCalendarFeed, {
    description: 'A subscribable iCalendar URL of meetings with their agenda and papers deadlines, consultation windows and open assessments\' target days.',
  })
  @Allow(Access.read)
  async createCalendarFeed(@Ctx() ctx: RequestContext, @Arg('name', { description: 'What the feed is for.' }) name: string): Promise<CreatedCalendarFeed> {
    const { feed, path } = await ctx.services.calendarFeeds.create(ctx, name);
    ctx.logger.info({ feedId: feed.id, name: feed.name, by: ctx.caller?.name }, 'calendar feed created');
    return { feed, url: `${ctx.baseUrl()}${path}` };
  }

  @Mutation(() => CalendarFeedObject, { description: 'Stops a calendar feed at once: its URL answers 410 from now on. Its owner or an admin may.' })
  @Allow(Access.read)
  async revokeCalendarFeed(@Ctx() ctx: RequestContext, @Arg('id', () => ID, { description: "The feed's id (calendarFeeds lists them)." }) id: string): Promise<CalendarFeed> {
    const feed = await ctx.services.calendarFeeds.revoke(ctx, id);
    ctx.logger.info({ feedId: feed.id, by: ctx.caller?.name }, 'calendar feed revoked');
    return feed;
  }
}
