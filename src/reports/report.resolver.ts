import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Access } from '../auth/role';
import type { LocalDate } from '../calendar/local-date';
import { Allow } from '../graphql/access';
import type { RequestContext } from '../graphql/context';
import { LocalDateScalar } from '../graphql/scalars';
import { PaperKind } from './paper/paper-kind';
import { PaperFrameInput } from './paper/paper-frame.input';
import { type Report, ReportStatus } from './report.entity';
import { ReportObject } from './report.graphql-types';
import { REPORT_FORMATS } from './report-links';
import { ReportLinks } from './report-links.types';

@Resolver(() => ReportObject)
export class ReportResolver {
  @Query(() => ReportObject, { description: 'One report version by id; null if there is none.', nullable: true })
  @Allow(Access.read)
  report(@Ctx() ctx: RequestContext, @Arg('id', () => ID, { description: "The version's id." }) id: string): Promise<Report | null> {
    return ctx.services.reports.find(ctx, id);
  }

  @Query(() => [ReportObject], { description: 'Versions of the Panel papers, newest month first; of one month (YYYY-MM) and one kind if given.' })
  @Allow(Access.read)
  reports(
    @Ctx() ctx: RequestContext,
    @Arg('period', () => String, { description: "Only this month's (YYYY-MM).", nullable: true }) period: string | null,
    @Arg('kind', () => PaperKind, { description: 'Only this paper.', nullable: true }) kind: PaperKind | null,
  ): Promise<Report[]> {
    return ctx.services.reports.list(ctx, period, kind);
  }

  @Mutation(() => ReportObject, { description: 'Queue a fresh build of the Change Status Report for a month (YYYY-MM).' })
  @Allow(Access.admin)
  regenerateReport(
    @Ctx() ctx: RequestContext,
    @Arg('period', { description: 'The month (YYYY-MM), within the register: from its first fact to a year ahead.' }) period: string,
    @Arg('asOf', () => LocalDateScalar, { nullable: true, description: "The report's date; default: the papers deadline of the month's Panel." })
    asOf: LocalDate | null,
  ): Promise<Report> {
    return ctx.services.reports.request(ctx, period, asOf);
  }

  @Mutation(() => ReportObject, { description: "Queue a build of the Modification Timetables paper for the month's Panel (YYYY-MM), from the work packages." })
  @Allow(Access.admin)
  regenerateTimetables(
    @Ctx() ctx: RequestContext,
    @Arg('period', { description: 'The month (YYYY-MM) of the Panel it goes to, within the register.' }) period: string,
    @Arg('asOf', () => LocalDateScalar, { nullable: true, description: "The paper's date; default: the papers deadline of the month's Panel." })
    asOf: LocalDate | null,
  ): Promise<Report> {
    return ctx.services.reports.request(ctx, period, asOf, { kind: PaperKind.MODIFICATION_TIMETABLES });
  }

  @Mutation(() => ReportObject, { description: 'Send a READY version to a recipient group through the outbox, its PDF attached; once per version and group.' })
  @Allow(Access.admin)
  circulateReport(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID, { description: 'The version.' }) id: string,
    @Arg('recipientGroup', { description: 'The group it goes to, by name (SECAS, DCC, or one an admin made).' }) recipientGroup: string,
  ): Promise<Report> {
    return ctx.services.reports.circulate(ctx, id, recipientGroup);
  }

  @Mutation(() => ReportObject, { description: "Edit a version's title block (reference, author, action, purpose, recommendation, attachments) until it is circulated; a READY version is rendered again with it." })
  @Allow(Access.admin)
  updatePaperFrame(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID, { description: 'The version.' }) id: string,
    @Arg('input', () => PaperFrameInput, { description: 'What changes; what is left out stays.' }) input: PaperFrameInput,
  ): Promise<Report> {
    return ctx.services.reports.updateFrame(ctx, id, input);
  }

  @Mutation(() => ReportObject, { description: 'Marks a report version as withdrawn: it stays readable, listed as withdrawn, and is never circulated.' })
  @Allow(Access.admin)
  withdrawReport(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID, { description: 'The version.' }) id: string,
    @Arg('reason', { description: 'Why it is withdrawn, e.g. "built for the wrong month".' }) reason: string,
  ): Promise<Report> {
    return ctx.services.reports.withdraw(ctx, id, reason);
  }

  @FieldResolver(() => ReportLinks, {
    nullable: true,
    description: 'Signed links to the Markdown, HTML and PDF, valid for validForMinutes (default 60, at most a week) while the key that asked for them is neither revoked nor expired; null until READY.',
  })
  async links(
    @Root() report: Report,
    @Ctx() ctx: RequestContext,
    @Arg('validForMinutes', () => Int, { description: 'How long the links live, 1 to 10,080 minutes (a week); default REPORT_LINK_MINUTES.', nullable: true }) validForMinutes: number | null,
  ): Promise<ReportLinks | null> {
    const expiresAt = ctx.services.reportLinks.expiry(ctx.clock.now(), validForMinutes);
    // Access lets only callers with a key this far; a link lends that key, and dies with it.
    const keyId = ctx.caller!.keyId;
    if (report.status !== ReportStatus.READY) return null;
    const [markdown, html, pdf] = await Promise.all(
      REPORT_FORMATS.map(async (f) => `${ctx.baseUrl()}/reports/${report.id}.${f}?${await ctx.services.reportLinks.sign(report.id, f, expiresAt, keyId)}`),
    );
    return { markdown: markdown!, html: html!, pdf: pdf!, expiresAt };
  }
}
