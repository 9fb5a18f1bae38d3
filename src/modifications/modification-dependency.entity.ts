import { Entity, PrimaryColumn } from 'typeorm';

/** "SECMP0028 waits on SECMP0067": a proposal and one it depends on. */
@Entity('modification_dependency')
export class ModificationDependency {
  @PrimaryColumn('uuid', { name: 'modification_id' })
  modificationId!: string;

  @PrimaryColumn('uuid', { name: 'depends_on_id' })
  dependsOnId!: string;
}
