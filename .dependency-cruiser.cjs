/**
 * The layering the README states, checked on every `npm test` (dependency-cruiser): a rule
 * written here cannot quietly stop being true.
 */
const PURE = '^src/(calendar/(local-date|working-calendar|bank-holidays|supported-range)|sla/(sla-calculator|report-figures)|work-packages/refinement-stall|reports/document/|reports/render/|notifications/digest(-section)?\\.ts$|calendar-feeds/feed-events)\\.?';
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      comment: 'A cycle of imports that run makes the load order matter (type-only imports vanish when compiled).',
      severity: 'error',
      from: { path: '^(src|jobs)/' },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'pure-parts-do-no-io',
      comment: 'The Working Day and SLA arithmetic, the report document and the digest are pure: no database, queue, HTTP or file.',
      severity: 'error',
      from: { path: PURE },
      to: { path: ['^src/(infra|graphql|server|queue)/', 'node_modules/(typeorm|pg|pg-[a-z-]+|ioredis|bullmq|express|nodemailer|@apollo)/', '^(node:)?(fs|fs/promises|net|tls|dns|dgram|http|http2|https|child_process|worker_threads)$'] },
    },
    {
      name: 'services-know-no-graphql',
      comment: 'Services serve requests, jobs and the CLI alike: GraphQL is the resolvers\' business.',
      severity: 'error',
      from: { path: '\\.service\\.ts$' },
      // Nor the API's GraphQL classes, even for their types: a service takes *.fields.ts and returns records.
      to: { path: ['^src/graphql/', 'node_modules/(type-graphql|graphql|graphql-scalars|@apollo)/', '\\.(graphql-)?types\\.ts$'] },
    },
    {
      name: 'entities-know-no-graphql',
      comment: 'An entity is a table row, read by services, jobs and the CLI: its GraphQL face lives beside its resolver (*.graphql-types.ts).',
      severity: 'error',
      from: { path: '\\.entity\\.ts$' },
      to: { path: ['^src/graphql/', 'node_modules/(type-graphql|graphql|graphql-scalars|@apollo)/'] },
    },
    {
      name: 'src-never-imports-jobs',
      comment: 'jobs/ is the worker side; src/ is shared by the API, the worker and the CLI.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^jobs/' },
    },
  ],
  options: {
    // npm packages are seen (a rule can name them) but not walked into.
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    exclude: { path: '^dist/' },
  },
};
