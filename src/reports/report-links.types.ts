import { Field, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../graphql/scalars';

@ObjectType({ description: "A READY report's files as links that work without a key (for a browser, say) until they expire." })
export class ReportLinks {
  @Field()
  markdown!: string;

  @Field()
  html!: string;

  @Field()
  pdf!: string;

  @Field(() => DateTimeScalar)
  expiresAt!: Date;
}
