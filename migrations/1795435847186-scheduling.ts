import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Scheduling1795435847186 implements MigrationInterface {
  name = 'Scheduling1795435847186';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Exclusion constraints mixing equality on uuids with range overlap need GiST operator classes for uuid
    // (btree_gist, a trusted extension since PostgreSQL 13: a database owner may create it).
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);
    await queryRunner.query(`CREATE TABLE "rooms" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "event_id" uuid NOT NULL, "name" text NOT NULL, "capacity" integer NOT NULL, "layout_notes" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "rooms_name_per_event" UNIQUE ("event_id", "name"), CONSTRAINT "rooms_name_not_blank" CHECK (length(btrim(name)) > 0), CONSTRAINT "rooms_capacity_positive" CHECK (capacity > 0), CONSTRAINT "PK_0368a2d7c215f2d0458a54933f2" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "sessions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "event_id" uuid NOT NULL, "kind" text NOT NULL, "title_en" text NOT NULL, "title_fr" text NOT NULL, "description" text, "room_id" uuid NOT NULL, "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL, "capacity" integer NOT NULL, "seats_taken" integer NOT NULL DEFAULT '0', "max_per_delegation" integer, "visibility" text NOT NULL DEFAULT 'public', "status" text NOT NULL DEFAULT 'draft', "sequence" integer NOT NULL DEFAULT '0', "published_at" TIMESTAMP WITH TIME ZONE, "cancelled_at" TIMESTAMP WITH TIME ZONE, "cancellation_reason" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "sessions_speaker_reference" UNIQUE ("id", "starts_at", "ends_at", "status"), CONSTRAINT "sessions_sequence" CHECK (sequence >= 0), CONSTRAINT "sessions_max_per_delegation" CHECK (max_per_delegation IS NULL OR max_per_delegation > 0), CONSTRAINT "sessions_seats" CHECK (capacity > 0 AND seats_taken >= 0 AND seats_taken <= capacity), CONSTRAINT "sessions_titles" CHECK (length(btrim(title_en)) > 0 AND length(btrim(title_fr)) > 0), CONSTRAINT "sessions_times_ordered" CHECK (ends_at > starts_at), CONSTRAINT "sessions_visibility" CHECK (visibility IN ('public','organisers')), CONSTRAINT "sessions_status" CHECK (status IN ('draft','published','cancelled')), CONSTRAINT "sessions_kind" CHECK (kind IN ('opening','signing','plenary','round_table','side_event','bilateral','press','other')), CONSTRAINT "sessions_no_room_overlap" EXCLUDE USING gist ("room_id" WITH =, tstzrange("starts_at", "ends_at", '[)') WITH &&) WHERE (status <> 'cancelled'), CONSTRAINT "PK_3238ef96f18b355b671619111bc" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "sessions_event_starts" ON "sessions"  ("event_id", "starts_at") `);
    await queryRunner.query(`CREATE TABLE "session_attendees" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "session_id" uuid NOT NULL, "member_id" uuid NOT NULL, "delegation_id" uuid NOT NULL, "status" text NOT NULL, "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "promoted_at" TIMESTAMP WITH TIME ZONE, "cancelled_at" TIMESTAMP WITH TIME ZONE, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "session_attendees_status" CHECK (status IN ('registered','waitlisted','cancelled')), CONSTRAINT "PK_e06eb5bccf5bff0d439fb4f6ba6" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "session_attendees_delegation" ON "session_attendees"  ("delegation_id") `);
    await queryRunner.query(`CREATE INDEX "session_attendees_queue" ON "session_attendees"  ("session_id", "status", "requested_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "session_attendees_once" ON "session_attendees"  ("session_id", "member_id") WHERE status <> 'cancelled'`);
    await queryRunner.query(`CREATE TABLE "session_speakers" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "session_id" uuid NOT NULL, "session_starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "session_ends_at" TIMESTAMP WITH TIME ZONE NOT NULL, "session_status" text NOT NULL, "member_id" uuid NOT NULL, "delegation_id" uuid NOT NULL, "role" text NOT NULL DEFAULT 'speaker', "position" integer NOT NULL DEFAULT '0', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "session_speakers_once" UNIQUE ("session_id", "member_id"), CONSTRAINT "session_speakers_role" CHECK (role IN ('chair','moderator','speaker','panellist')), CONSTRAINT "session_speakers_no_double_booking" EXCLUDE USING gist ("member_id" WITH =, tstzrange("session_starts_at", "session_ends_at", '[)') WITH &&) WHERE (session_status <> 'cancelled'), CONSTRAINT "PK_9143442c544e46ba68439005758" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "session_speakers_delegation" ON "session_speakers"  ("delegation_id") `);
    await queryRunner.query(`CREATE TABLE "signing_slots" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "event_id" uuid NOT NULL, "session_id" uuid NOT NULL, "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "signing_slots_times_ordered" CHECK (ends_at > starts_at), CONSTRAINT "signing_slots_no_overlap" EXCLUDE USING gist ("session_id" WITH =, tstzrange("starts_at", "ends_at", '[)') WITH &&) DEFERRABLE INITIALLY IMMEDIATE, CONSTRAINT "PK_034cd7f5d84004196de8e3d572a" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "signing_slots_event_starts" ON "signing_slots"  ("event_id", "starts_at") `);
    await queryRunner.query(`CREATE INDEX "signing_slots_session_starts" ON "signing_slots"  ("session_id", "starts_at") `);
    await queryRunner.query(`CREATE TABLE "signing_appointments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "event_id" uuid NOT NULL, "delegation_id" uuid NOT NULL, "slot_id" uuid NOT NULL, "status" text NOT NULL DEFAULT 'booked', "sequence" integer NOT NULL DEFAULT '0', "booked_by_kind" text NOT NULL, "booked_by" uuid, "closed_at" TIMESTAMP WITH TIME ZONE, "note" text, "rescheduled_from_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "signing_appointments_sequence" CHECK (sequence >= 0), CONSTRAINT "signing_appointments_status" CHECK (status IN ('booked','done','missed','rescheduled','cancelled')), CONSTRAINT "signing_appointments_one_per_slot" EXCLUDE USING btree ("slot_id" WITH =) WHERE (status IN ('booked','done')) DEFERRABLE INITIALLY IMMEDIATE, CONSTRAINT "PK_9f93bf93c078e591ab87f0a4706" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "signing_appointments_delegation" ON "signing_appointments"  ("delegation_id") `);
    await queryRunner.query(`CREATE INDEX "signing_appointments_slot" ON "signing_appointments"  ("slot_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "signing_appointments_one_per_delegation" ON "signing_appointments"  ("event_id", "delegation_id") WHERE status IN ('booked','done')`);
    await queryRunner.query(`ALTER TABLE "outbox_messages" ADD "deliver_after" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "outbox_messages" ADD "expires_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "outbox_messages" ADD CONSTRAINT "outbox_messages_delivery_window" CHECK (expires_at IS NULL OR deliver_after IS NULL OR expires_at > deliver_after)`);
    await queryRunner.query(`ALTER TABLE "rooms" ADD CONSTRAINT "FK_1cdce9c95b3cd5e56b9e0f7f154" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "sessions" ADD CONSTRAINT "FK_98fcc611bf939573cac8251a2ac" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "sessions" ADD CONSTRAINT "FK_385ceb9a1f74fe2c97543f5453f" FOREIGN KEY ("room_id") REFERENCES "rooms"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "session_attendees" ADD CONSTRAINT "FK_d12f3d8a0eb3f9187419b59df42" FOREIGN KEY ("session_id") REFERENCES "sessions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "session_attendees" ADD CONSTRAINT "FK_31e9498f182b7820b7c8905563d" FOREIGN KEY ("member_id") REFERENCES "delegation_members"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "session_attendees" ADD CONSTRAINT "FK_7ac0a59bbcdefbda47f2f0a88f4" FOREIGN KEY ("delegation_id") REFERENCES "delegations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "session_speakers" ADD CONSTRAINT "FK_59c80060b55136a0f1c98809565" FOREIGN KEY ("session_id", "session_starts_at", "session_ends_at", "session_status") REFERENCES "sessions"("id","starts_at","ends_at","status") ON DELETE CASCADE ON UPDATE CASCADE`);
    await queryRunner.query(`ALTER TABLE "session_speakers" ADD CONSTRAINT "FK_ce5e4d3abc55a41f14ff45345f4" FOREIGN KEY ("member_id") REFERENCES "delegation_members"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "session_speakers" ADD CONSTRAINT "FK_f84c8ed272a143796bf0c5bbd0a" FOREIGN KEY ("delegation_id") REFERENCES "delegations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "signing_slots" ADD CONSTRAINT "FK_827015df88a8269e28a98274a07" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "signing_slots" ADD CONSTRAINT "FK_3ab4a996290051d003370f92f20" FOREIGN KEY ("session_id") REFERENCES "sessions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "signing_appointments" ADD CONSTRAINT "FK_0195a114b8fdf2383ea0eb7bfd6" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "signing_appointments" ADD CONSTRAINT "FK_dbedad9f653e098c8e1334fe47e" FOREIGN KEY ("delegation_id") REFERENCES "delegations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "signing_appointments" ADD CONSTRAINT "FK_eb806d32654177dc943ef21864b" FOREIGN KEY ("slot_id") REFERENCES "signing_slots"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);

    // Hand-written: sessions.seats_taken counts the registered attendees, whatever writes session_attendees, so the
    // sessions_seats CHECK (seats_taken <= capacity) makes an extra seat impossible rather than merely unlikely.
    await queryRunner.query(`
      CREATE FUNCTION session_attendees_count_seats() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status = 'registered' THEN
          UPDATE sessions SET seats_taken = seats_taken - 1 WHERE id = OLD.session_id;
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.status = 'registered' THEN
          UPDATE sessions SET seats_taken = seats_taken + 1 WHERE id = NEW.session_id;
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER session_attendees_count_seats
      AFTER INSERT OR DELETE OR UPDATE OF status, session_id ON session_attendees
      FOR EACH ROW EXECUTE FUNCTION session_attendees_count_seats()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER session_attendees_count_seats ON session_attendees`);
    await queryRunner.query(`DROP FUNCTION session_attendees_count_seats()`);
    await queryRunner.query(`ALTER TABLE "signing_appointments" DROP CONSTRAINT "FK_eb806d32654177dc943ef21864b"`);
    await queryRunner.query(`ALTER TABLE "signing_appointments" DROP CONSTRAINT "FK_dbedad9f653e098c8e1334fe47e"`);
    await queryRunner.query(`ALTER TABLE "signing_appointments" DROP CONSTRAINT "FK_0195a114b8fdf2383ea0eb7bfd6"`);
    await queryRunner.query(`ALTER TABLE "signing_slots" DROP CONSTRAINT "FK_3ab4a996290051d003370f92f20"`);
    await queryRunner.query(`ALTER TABLE "signing_slots" DROP CONSTRAINT "FK_827015df88a8269e28a98274a07"`);
    await queryRunner.query(`ALTER TABLE "session_speakers" DROP CONSTRAINT "FK_f84c8ed272a143796bf0c5bbd0a"`);
    await queryRunner.query(`ALTER TABLE "session_speakers" DROP CONSTRAINT "FK_ce5e4d3abc55a41f14ff45345f4"`);
    await queryRunner.query(`ALTER TABLE "session_speakers" DROP CONSTRAINT "FK_59c80060b55136a0f1c98809565"`);
    await queryRunner.query(`ALTER TABLE "session_attendees" DROP CONSTRAINT "FK_7ac0a59bbcdefbda47f2f0a88f4"`);
    await queryRunner.query(`ALTER TABLE "session_attendees" DROP CONSTRAINT "FK_31e9498f182b7820b7c8905563d"`);
    await queryRunner.query(`ALTER TABLE "session_attendees" DROP CONSTRAINT "FK_d12f3d8a0eb3f9187419b59df42"`);
    await queryRunner.query(`ALTER TABLE "sessions" DROP CONSTRAINT "FK_385ceb9a1f74fe2c97543f5453f"`);
    await queryRunner.query(`ALTER TABLE "sessions" DROP CONSTRAINT "FK_98fcc611bf939573cac8251a2ac"`);
    await queryRunner.query(`ALTER TABLE "rooms" DROP CONSTRAINT "FK_1cdce9c95b3cd5e56b9e0f7f154"`);
    await queryRunner.query(`ALTER TABLE "outbox_messages" DROP CONSTRAINT "outbox_messages_delivery_window"`);
    await queryRunner.query(`ALTER TABLE "outbox_messages" DROP COLUMN "expires_at"`);
    await queryRunner.query(`ALTER TABLE "outbox_messages" DROP COLUMN "deliver_after"`);
    await queryRunner.query(`DROP INDEX "public"."signing_appointments_one_per_delegation"`);
    await queryRunner.query(`DROP INDEX "public"."signing_appointments_slot"`);
    await queryRunner.query(`DROP INDEX "public"."signing_appointments_delegation"`);
    await queryRunner.query(`DROP TABLE "signing_appointments"`);
    await queryRunner.query(`DROP INDEX "public"."signing_slots_session_starts"`);
    await queryRunner.query(`DROP INDEX "public"."signing_slots_event_starts"`);
    await queryRunner.query(`DROP TABLE "signing_slots"`);
    await queryRunner.query(`DROP INDEX "public"."session_speakers_delegation"`);
    await queryRunner.query(`DROP TABLE "session_speakers"`);
    await queryRunner.query(`DROP INDEX "public"."session_attendees_once"`);
    await queryRunner.query(`DROP INDEX "public"."session_attendees_queue"`);
    await queryRunner.query(`DROP INDEX "public"."session_attendees_delegation"`);
    await queryRunner.query(`DROP TABLE "session_attendees"`);
    await queryRunner.query(`DROP INDEX "public"."sessions_event_starts"`);
    await queryRunner.query(`DROP TABLE "sessions"`);
    await queryRunner.query(`DROP TABLE "rooms"`);
    await queryRunner.query(`DROP EXTENSION IF EXISTS btree_gist`);
  }
}
