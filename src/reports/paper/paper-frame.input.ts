import { ArrayMaxSize, IsOptional, MaxLength } from 'class-validator';
import { Field, InputType } from 'type-graphql';

@InputType({ description: "An edit of a paper version's title block: what is given is set, what is left out stays." })
export class PaperFrameInput {
  @Field(() => String, { nullable: true, description: 'SECP_<panel>_<ddmm>_<item>, e.g. SECP_91_1604_14.' })
  @IsOptional() @MaxLength(40) paperReference?: string | null;

  @Field(() => String, { nullable: true, description: 'Who wrote it, e.g. SECAS Team.' })
  @IsOptional() @MaxLength(200) author?: string | null;

  @Field(() => String, { nullable: true, description: 'What the Panel does with it: For Information, For Decision.' })
  @IsOptional() @MaxLength(100) action?: string | null;

  @Field(() => String, { nullable: true, description: "The paper's purpose paragraph." })
  @IsOptional() @MaxLength(4_000) purpose?: string | null;

  @Field(() => String, { nullable: true, description: 'What the Panel is requested to do.' })
  @IsOptional() @MaxLength(4_000) recommendation?: string | null;

  @Field(() => [String], { nullable: true, description: 'What is attached, one line each.' })
  @IsOptional() @ArrayMaxSize(20) @MaxLength(300, { each: true }) attachments?: string[] | null;
}
