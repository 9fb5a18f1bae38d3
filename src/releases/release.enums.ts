import { registerEnumType } from 'type-graphql';

export enum ReleaseKind {
  SCHEDULED = 'SCHEDULED',
  STANDALONE = 'STANDALONE',
}

registerEnumType(ReleaseKind, { name: 'ReleaseKind' });
