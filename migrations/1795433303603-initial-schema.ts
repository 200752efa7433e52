import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1795433303603 implements MigrationInterface {
  name = 'InitialSchema1795433303603';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "users" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" text NOT NULL, "display_name" text NOT NULL, "password_hash" text NOT NULL, "roles" text array NOT NULL, "active" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_97672ac88f789774dd47f7c8be3" UNIQUE ("email"), CONSTRAINT "users_roles_known" CHECK (cardinality(roles) > 0 AND roles <@ ARRAY['admin','protocol','treaty','viewer']::text[]), CONSTRAINT "users_email_lower_case" CHECK (email = lower(email)), CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "events" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "slug" text NOT NULL, "name" text NOT NULL, "treaty_title" text NOT NULL, "treaty_short_title" text NOT NULL, "venue" text NOT NULL, "city" text NOT NULL, "time_zone" text NOT NULL, "starts_on" date NOT NULL, "ends_on" date NOT NULL, "signature_closes_on" date, "signatory_goal" integer NOT NULL DEFAULT '40', "eif_threshold" integer NOT NULL DEFAULT '40', "eif_days_after" integer NOT NULL DEFAULT '90', "eif_days_after_later_deposit" integer NOT NULL DEFAULT '30', "registration_opens_at" TIMESTAMP WITH TIME ZONE, "registration_closes_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_05bd884c03d3f424e2204bd14cd" UNIQUE ("slug"), CONSTRAINT "events_eif_positive" CHECK (eif_threshold > 0 AND eif_days_after >= 0 AND eif_days_after_later_deposit >= 0), CONSTRAINT "events_goal_positive" CHECK (signatory_goal > 0), CONSTRAINT "events_registration_window" CHECK (registration_opens_at IS NULL OR registration_closes_at IS NULL OR registration_closes_at > registration_opens_at), CONSTRAINT "events_signature_closes_after_start" CHECK (signature_closes_on IS NULL OR signature_closes_on >= starts_on), CONSTRAINT "events_dates_ordered" CHECK (ends_on >= starts_on), CONSTRAINT "events_slug_format" CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'), CONSTRAINT "PK_40731c7151fe4be3116e45ddf73" PRIMARY KEY ("id"))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "events"`);
    await queryRunner.query(`DROP TABLE "users"`);
  }
}
