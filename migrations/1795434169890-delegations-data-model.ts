import type { MigrationInterface, QueryRunner } from 'typeorm';

export class DelegationsDataModel1795434169890 implements MigrationInterface {
  name = 'DelegationsDataModel1795434169890';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "participants" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" text NOT NULL, "kind" text NOT NULL, "alpha3" character(3), "alpha2" character(2), "name_en" text NOT NULL, "name_fr" text NOT NULL, "names" jsonb NOT NULL DEFAULT '{}', "un_status" text, "regional_group" text, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_62d8fd09fb906c58f91138e4c97" UNIQUE ("code"), CONSTRAINT "UQ_f072298e19ee48f0d810a9860c5" UNIQUE ("alpha3"), CONSTRAINT "UQ_56d8feeb9a26b14a84e4c1ee024" UNIQUE ("alpha2"), CONSTRAINT "participants_regional_group" CHECK (regional_group IS NULL OR regional_group IN ('african','asia_pacific','eastern_european','latin_american_caribbean','western_european_others')), CONSTRAINT "participants_un_status" CHECK (un_status IS NULL OR un_status IN ('member','observer_state')), CONSTRAINT "participants_state_codes" CHECK (kind <> 'state' OR (alpha3 IS NOT NULL AND alpha2 IS NOT NULL AND un_status IS NOT NULL)), CONSTRAINT "participants_code_format" CHECK (code ~ '^[A-Z]{2,3}$'), CONSTRAINT "participants_kind" CHECK (kind IN ('state','reio')), CONSTRAINT "PK_1cda06c31eec1c95b3365a0283f" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "participants_kind_group" ON "participants"  ("kind", "regional_group") `);
    await queryRunner.query(`CREATE TABLE "delegations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "event_id" uuid NOT NULL, "kind" text NOT NULL, "participant_id" uuid, "organisation_name" text, "country_code" character(3), "status" text NOT NULL DEFAULT 'submitted', "status_changed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "status_reason" text, "focal_point_name" text NOT NULL, "focal_point_email" text NOT NULL, "focal_point_phone" text, "focal_point_language" text NOT NULL DEFAULT 'en', "notes" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "delegations_one_per_participant" UNIQUE ("event_id", "participant_id"), CONSTRAINT "delegations_focal_point_email_lower" CHECK (focal_point_email = lower(focal_point_email)), CONSTRAINT "delegations_focal_point_language" CHECK (focal_point_language IN ('en','fr','es','ru','zh','ar')), CONSTRAINT "delegations_country_code" CHECK (country_code IS NULL OR country_code ~ '^[A-Z]{3}$'), CONSTRAINT "delegations_party_reference" CHECK ((kind IN ('state','reio')) = (participant_id IS NOT NULL) AND (kind IN ('state','reio') OR organisation_name IS NOT NULL)), CONSTRAINT "delegations_status" CHECK (status IN ('submitted','approved','waitlisted','rejected','cancelled')), CONSTRAINT "delegations_kind" CHECK (kind IN ('state','reio','igo','un_entity','ngo','private_sector','academia')), CONSTRAINT "PK_01f9fbbc9b3bf52236a4e951b19" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "delegations_event_kind" ON "delegations"  ("event_id", "kind") `);
    await queryRunner.query(`CREATE INDEX "delegations_event_status" ON "delegations"  ("event_id", "status") `);
    await queryRunner.query(`CREATE TABLE "delegation_members" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "delegation_id" uuid NOT NULL, "full_name" text NOT NULL, "title" text, "email" text, "phone" text, "preferred_language" text NOT NULL DEFAULT 'en', "role" text NOT NULL DEFAULT 'member', "accessibility_needs" text, "protocol_needs" text, "will_sign" boolean NOT NULL DEFAULT false, "position" integer NOT NULL DEFAULT '0', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "delegation_members_email_lower" CHECK (email IS NULL OR email = lower(email)), CONSTRAINT "delegation_members_language" CHECK (preferred_language IN ('en','fr','es','ru','zh','ar')), CONSTRAINT "delegation_members_role" CHECK (role IN ('head','deputy','member','adviser','security','media')), CONSTRAINT "PK_e2216377bee9e19d024ed43db20" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "delegation_members_email" ON "delegation_members"  ("delegation_id", "email") WHERE email IS NOT NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX "delegation_members_one_head" ON "delegation_members"  ("delegation_id") WHERE role = 'head'`);
    await queryRunner.query(`CREATE TABLE "delegation_documents" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "delegation_id" uuid NOT NULL, "kind" text NOT NULL, "file_name" text NOT NULL, "content_type" text NOT NULL, "size_bytes" integer NOT NULL, "sha256" character(64) NOT NULL, "content" bytea NOT NULL, "uploaded_by_kind" text NOT NULL, "uploaded_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "delegation_documents_sha256" CHECK (sha256 ~ '^[0-9a-f]{64}$'), CONSTRAINT "delegation_documents_size" CHECK (size_bytes > 0 AND size_bytes = octet_length(content)), CONSTRAINT "delegation_documents_content_type" CHECK (content_type IN ('application/pdf','image/png','image/jpeg')), CONSTRAINT "delegation_documents_kind" CHECK (kind IN ('note_verbale','credentials','nomination_letter')), CONSTRAINT "PK_c703f1e31035d5184ed76fbdc48" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "delegation_documents_delegation" ON "delegation_documents"  ("delegation_id", "created_at") `);
    await queryRunner.query(`CREATE TABLE "registration_idempotency_keys" ("event_id" uuid NOT NULL, "key_hash" character(64) NOT NULL, "request_hash" character(64) NOT NULL, "delegation_id" uuid NOT NULL, "response_body" jsonb NOT NULL, "encrypted_token" bytea NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a544f8859bb8ab7cdb464497ffa" PRIMARY KEY ("event_id", "key_hash"))`);
    await queryRunner.query(`CREATE TABLE "focal_point_tokens" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "delegation_id" uuid NOT NULL, "token_hash" character(64) NOT NULL, "issued_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "UQ_faba2f951a05164ed6796d98320" UNIQUE ("token_hash"), CONSTRAINT "PK_d0f552e37a138c1dd25e7e70639" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "focal_point_tokens_delegation" ON "focal_point_tokens"  ("delegation_id") `);
    await queryRunner.query(`CREATE TABLE "delegation_transitions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "delegation_id" uuid NOT NULL, "from_status" text, "to_status" text NOT NULL, "reason" text, "actor_kind" text NOT NULL, "actor_user_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "delegation_transitions_rejection_reason" CHECK (to_status <> 'rejected' OR length(btrim(reason)) > 0), CONSTRAINT "delegation_transitions_actor" CHECK (actor_kind IN ('organiser','focal-point','public')), CONSTRAINT "delegation_transitions_from" CHECK (from_status IS NULL OR from_status IN ('submitted','approved','waitlisted','rejected','cancelled')), CONSTRAINT "delegation_transitions_to" CHECK (to_status IN ('submitted','approved','waitlisted','rejected','cancelled')), CONSTRAINT "PK_1379a53cc3da76ff2ea5e4122c6" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "delegation_transitions_delegation" ON "delegation_transitions"  ("delegation_id", "created_at") `);
    await queryRunner.query(`ALTER TABLE "events" ADD "max_government_delegations" integer`);
    await queryRunner.query(`ALTER TABLE "events" ADD "max_non_government_delegations" integer`);
    await queryRunner.query(`ALTER TABLE "events" ADD "seats_per_delegation" jsonb NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`ALTER TABLE "events" ADD CONSTRAINT "events_delegation_caps" CHECK ((max_government_delegations IS NULL OR max_government_delegations >= 0) AND (max_non_government_delegations IS NULL OR max_non_government_delegations >= 0))`);
    await queryRunner.query(`ALTER TABLE "delegations" ADD CONSTRAINT "FK_83bf0fcef1f074c1995fdc08ec7" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "delegations" ADD CONSTRAINT "FK_f79438e75ce9abc36ef72ddfeb0" FOREIGN KEY ("participant_id") REFERENCES "participants"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "delegation_members" ADD CONSTRAINT "FK_219295afd5ba1d9c3772e31bbce" FOREIGN KEY ("delegation_id") REFERENCES "delegations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "delegation_documents" ADD CONSTRAINT "FK_45e81f4d1a4a4bb4bec224e02ee" FOREIGN KEY ("delegation_id") REFERENCES "delegations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "registration_idempotency_keys" ADD CONSTRAINT "FK_9233c0a3646b91c605f2e121da2" FOREIGN KEY ("delegation_id") REFERENCES "delegations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "focal_point_tokens" ADD CONSTRAINT "FK_8930f15fed7a0da2703cf34aabd" FOREIGN KEY ("delegation_id") REFERENCES "delegations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "delegation_transitions" ADD CONSTRAINT "FK_711361ec7edef9c0a8174b9feeb" FOREIGN KEY ("delegation_id") REFERENCES "delegations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "delegation_transitions" DROP CONSTRAINT "FK_711361ec7edef9c0a8174b9feeb"`);
    await queryRunner.query(`ALTER TABLE "focal_point_tokens" DROP CONSTRAINT "FK_8930f15fed7a0da2703cf34aabd"`);
    await queryRunner.query(`ALTER TABLE "registration_idempotency_keys" DROP CONSTRAINT "FK_9233c0a3646b91c605f2e121da2"`);
    await queryRunner.query(`ALTER TABLE "delegation_documents" DROP CONSTRAINT "FK_45e81f4d1a4a4bb4bec224e02ee"`);
    await queryRunner.query(`ALTER TABLE "delegation_members" DROP CONSTRAINT "FK_219295afd5ba1d9c3772e31bbce"`);
    await queryRunner.query(`ALTER TABLE "delegations" DROP CONSTRAINT "FK_f79438e75ce9abc36ef72ddfeb0"`);
    await queryRunner.query(`ALTER TABLE "delegations" DROP CONSTRAINT "FK_83bf0fcef1f074c1995fdc08ec7"`);
    await queryRunner.query(`ALTER TABLE "events" DROP CONSTRAINT "events_delegation_caps"`);
    await queryRunner.query(`ALTER TABLE "events" DROP COLUMN "seats_per_delegation"`);
    await queryRunner.query(`ALTER TABLE "events" DROP COLUMN "max_non_government_delegations"`);
    await queryRunner.query(`ALTER TABLE "events" DROP COLUMN "max_government_delegations"`);
    await queryRunner.query(`DROP INDEX "public"."delegation_transitions_delegation"`);
    await queryRunner.query(`DROP TABLE "delegation_transitions"`);
    await queryRunner.query(`DROP INDEX "public"."focal_point_tokens_delegation"`);
    await queryRunner.query(`DROP TABLE "focal_point_tokens"`);
    await queryRunner.query(`DROP TABLE "registration_idempotency_keys"`);
    await queryRunner.query(`DROP INDEX "public"."delegation_documents_delegation"`);
    await queryRunner.query(`DROP TABLE "delegation_documents"`);
    await queryRunner.query(`DROP INDEX "public"."delegation_members_one_head"`);
    await queryRunner.query(`DROP INDEX "public"."delegation_members_email"`);
    await queryRunner.query(`DROP TABLE "delegation_members"`);
    await queryRunner.query(`DROP INDEX "public"."delegations_event_status"`);
    await queryRunner.query(`DROP INDEX "public"."delegations_event_kind"`);
    await queryRunner.query(`DROP TABLE "delegations"`);
    await queryRunner.query(`DROP INDEX "public"."participants_kind_group"`);
    await queryRunner.query(`DROP TABLE "participants"`);
  }
}
