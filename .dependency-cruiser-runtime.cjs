/**
 * The rule about what a module reaches when it runs, checked on every `npm test` beside
 * .dependency-cruiser.cjs: here type-only imports, which vanish when compiled, are not edges.
 */
const base = require('./.dependency-cruiser.cjs');

/**
 * The services that still reach a GraphQL library through an entity, an enum or an input that
 * carries GraphQL (issue 21, item 6). The list only shrinks: a service leaves it when its last such
 * path is gone (the GraphQL face of a type moved beside its resolver, as api-key.graphql-types.ts).
 */
const STILL_REACHING = [
  'assessments/assessment', 'consultations/consultation', 'decisions/decision', 'meetings/meeting',
  'modifications/modification', 'releases/release', 'work-packages/work-package',
];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'services-reach-no-graphql',
      comment: 'Services serve requests, jobs and the CLI alike: nothing they load at run time may load GraphQL.',
      severity: 'error',
      from: { path: '\\.service\\.ts$', pathNot: STILL_REACHING.map((s) => `^src/${s}\\.service\\.ts$`) },
      to: { path: 'node_modules/(type-graphql|graphql|graphql-scalars|@apollo)/', reachable: true },
    },
  ],
  options: { ...base.options, tsPreCompilationDeps: false },
};
