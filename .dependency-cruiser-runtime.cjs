/**
 * The rule about what a module reaches when it runs, checked on every `npm test` beside
 * .dependency-cruiser.cjs: here type-only imports, which vanish when compiled, are not edges.
 */
const base = require('./.dependency-cruiser.cjs');

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'services-reach-no-graphql',
      comment: 'Services serve requests, jobs and the CLI alike: nothing they load at run time may load GraphQL (entities, enums and records carry none; their GraphQL faces live beside the resolvers, in *.graphql-types.ts and src/graphql/enum-types.ts).',
      severity: 'error',
      from: { path: '\\.service\\.ts$' },
      to: { path: 'node_modules/(type-graphql|graphql|graphql-scalars|@apollo)/', reachable: true },
    },
  ],
  options: { ...base.options, tsPreCompilationDeps: false },
};
