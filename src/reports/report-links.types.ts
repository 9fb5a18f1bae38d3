import { Field, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../graphql/scalars';

@ObjectType({ description: "A READY report's files as links that work without a key (for a browser, say) until they expire." })
export class ReportLinks {
  @Field({ description: 'The Markdown, signed.' })
  markdown!: string;

  @Field({ description: 'The HTML, signed.' })
  html!: string;

  @Field({ description: 'The PDF, signed.' })
  pdf!: string;

  @Field(() => DateTimeScalar, { description: 'When the links stop working.' })
  expiresAt!: Date;
}
