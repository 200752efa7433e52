import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Exclusion,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Delegation } from '@accord/delegations';
import { Event } from '@accord/events';
import { APPOINTMENT_STATUSES, AppointmentStatus, sqlValues } from '../shared/scheduling-kinds.js';
import { SigningSlot } from './signing-slot.entity.js';

const ACTIVE = `status IN ('booked','done')`;

/**
 * A delegation's appointment at the signing table. While active (booked or done) it holds its slot alone and is
 * its delegation's only appointment at the event: both are constraints on the active rows, so concurrent bookings
 * cannot break them. One-per-slot is a deferrable exclusion (a partial uniqueness that PostgreSQL checks at the end
 * of the statement) because reordering the running order permutes slots in one UPDATE.
 */
@Entity('signing_appointments')
@Check('signing_appointments_status', `status IN (${sqlValues(APPOINTMENT_STATUSES)})`)
@Check('signing_appointments_sequence', `sequence >= 0`)
@Index('signing_appointments_one_per_delegation', ['eventId', 'delegationId'], { unique: true, where: ACTIVE })
@Exclusion('signing_appointments_one_per_slot', `USING btree ("slot_id" WITH =) WHERE (${ACTIVE})`, {
  deferrable: 'INITIALLY IMMEDIATE',
})
@Index('signing_appointments_slot', ['slotId'])
@Index('signing_appointments_delegation', ['delegationId'])
export class SigningAppointment {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  eventId!: string;

  @ManyToOne(() => Event, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id' })
  event?: Event;

  @Column({ type: 'uuid' })
  delegationId!: string;

  @ManyToOne(() => Delegation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'delegation_id' })
  delegation?: Delegation;

  @Column({ type: 'uuid' })
  slotId!: string;

  @ManyToOne(() => SigningSlot, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'slot_id' })
  slot?: SigningSlot;

  @Column({ type: 'text', default: AppointmentStatus.Booked })
  status!: AppointmentStatus;

  /** iCalendar SEQUENCE of the appointment: incremented whenever its time or status changes. */
  @Column({ type: 'integer', default: 0 })
  sequence!: number;

  /** 'organiser' or 'focal-point', and the organiser's id when one booked it. */
  @Column({ type: 'text' })
  bookedByKind!: string;

  @Column({ type: 'uuid', nullable: true })
  bookedBy!: string | null;

  /** When it was marked done, missed, rescheduled or cancelled. */
  @Column({ type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  /** A note from the signing table or the reason for a cancellation. */
  @Column({ type: 'text', nullable: true })
  note!: string | null;

  /** For an appointment made when another was marked rescheduled: that one. */
  @Column({ type: 'uuid', nullable: true })
  rescheduledFromId!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
