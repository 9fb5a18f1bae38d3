import { registerEnumType } from 'type-graphql';

export enum ReleaseKind {
  SCHEDULED = 'SCHEDULED',
  STANDALONE = 'STANDALONE',
}

registerEnumType(ReleaseKind, {
  name: 'ReleaseKind',
  description: 'The two kinds of SEC release.',
  valuesConfig: {
    SCHEDULED: { description: "One of the year's scheduled releases (June, November)." },
    STANDALONE: { description: 'A release outside the schedule.' },
  },
});
