import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import { Event } from '@accord/events';

/** A room of the venue. Sessions take their default capacity from it; no two live sessions overlap in it. */
@Entity('rooms')
@Unique('rooms_name_per_event', ['eventId', 'name'])
@Check('rooms_capacity_positive', `capacity > 0`)
@Check('rooms_name_not_blank', `length(btrim(name)) > 0`)
export class Room {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  eventId!: string;

  @ManyToOne(() => Event, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id' })
  event?: Event;

  @Column({ type: 'text' })
  name!: string;

  /** Seats (or standing places) in the room's usual layout. */
  @Column({ type: 'integer' })
  capacity!: number;

  /** Layout, equipment, access: what the organisers need to know when placing a session here. */
  @Column({ type: 'text', nullable: true })
  layoutNotes!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
