import { ArrayMaxSize, ArrayMinSize, IsOptional, Length, MaxLength } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import type { WorkPackageInputFields } from './work-package.fields';

@InputType({ description: 'A package of Refinement work to plan for a proposal.' })
export class WorkPackageInput implements WorkPackageInputFields {
  @Field({ description: 'The proposal (a reference).' }) @MaxLength(30) modification!: string;

  @Field(() => [String], { description: 'Its tasks, in order, at least one.' })
  @ArrayMinSize(1, { message: 'A work package lists at least one task' })
  @ArrayMaxSize(100)
  @Length(1, 2000, { each: true, message: 'each task must be 1 to 2000 characters' })
  tasks!: string[];

  @Field({ description: 'YYYY-MM' }) returnToPanelMonth!: string;
  @Field({ description: "SECAS's note on it.", nullable: true }) @IsOptional() @MaxLength(10_000) note?: string;
}
