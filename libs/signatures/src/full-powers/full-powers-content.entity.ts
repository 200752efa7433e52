import { Check, Column, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { FullPowers } from './full-powers.entity.js';

/** The bytes of a full powers document, apart from its metadata so no list or review query ever reads them. */
@Entity('full_powers_contents')
@Check('full_powers_contents_not_empty', `octet_length(content) > 0`)
export class FullPowersContent {
  @PrimaryColumn({ type: 'uuid' })
  fullPowersId!: string;

  @OneToOne(() => FullPowers, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'full_powers_id' })
  fullPowers?: FullPowers;

  @Column({ type: 'bytea' })
  content!: Buffer;
}
