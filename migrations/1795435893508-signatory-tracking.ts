import type { MigrationInterface, QueryRunner } from 'typeorm';

export class SignatoryTracking1795435893508 implements MigrationInterface {
  name = 'SignatoryTracking1795435893508';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "designated_signatories" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "event_id" uuid NOT NULL, "participant_id" uuid NOT NULL, "delegation_id" uuid, "member_id" uuid, "full_name" text NOT NULL, "title" text, "capacity" text NOT NULL, "rank" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "designated_signatories_one_per_party" UNIQUE ("event_id", "participant_id"), CONSTRAINT "designated_signatories_name" CHECK (length(btrim(full_name)) > 0), CONSTRAINT "designated_signatories_rank" CHECK (rank IN ('head_of_state','head_of_government','minister','official')), CONSTRAINT "designated_signatories_capacity" CHECK (capacity IN ('head_of_state','head_of_government','minister_for_foreign_affairs','other')), CONSTRAINT "PK_67789ccc9052641e2fc3268681a" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "full_powers" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "event_id" uuid NOT NULL, "participant_id" uuid NOT NULL, "delegation_id" uuid, "representative_name" text NOT NULL, "file_name" text NOT NULL, "content_type" text NOT NULL, "size_bytes" integer NOT NULL, "sha256" character(64) NOT NULL, "status" text NOT NULL DEFAULT 'pending', "rejection_reason" text, "uploaded_by_kind" text NOT NULL, "uploaded_by" uuid, "reviewed_by" uuid, "reviewed_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "full_powers_reviewed" CHECK (status IN ('pending', 'superseded') OR reviewed_at IS NOT NULL), CONSTRAINT "full_powers_rejection_reason" CHECK (status <> 'rejected' OR length(btrim(rejection_reason)) > 0), CONSTRAINT "full_powers_sha256" CHECK (sha256 ~ '^[0-9a-f]{64}$'), CONSTRAINT "full_powers_size" CHECK (size_bytes > 0), CONSTRAINT "full_powers_content_type" CHECK (content_type IN ('application/pdf','image/png','image/jpeg')), CONSTRAINT "full_powers_status" CHECK (status IN ('pending','verified','rejected','superseded')), CONSTRAINT "PK_74ac452565ea05e6f58d60ed988" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "full_powers_event_status" ON "full_powers"  ("event_id", "status", "created_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "full_powers_one_current" ON "full_powers"  ("event_id", "participant_id") WHERE status IN ('pending', 'verified')`);
    await queryRunner.query(`CREATE TABLE "full_powers_contents" ("full_powers_id" uuid NOT NULL, "content" bytea NOT NULL, CONSTRAINT "full_powers_contents_not_empty" CHECK (octet_length(content) > 0), CONSTRAINT "PK_598f2624619b9e528205e70ae2e" PRIMARY KEY ("full_powers_id"))`);
    await queryRunner.query(`CREATE TABLE "signatures" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "event_id" uuid NOT NULL, "participant_id" uuid NOT NULL, "party_kind" text NOT NULL, "delegation_id" uuid, "signatory_name" text NOT NULL, "signatory_title" text, "capacity" text NOT NULL, "rank" text NOT NULL, "full_powers_id" uuid, "signed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "place" text NOT NULL, "declarations" text, "reservations" text, "depositary_notification" text, "recorded_by" uuid, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "voided_at" TIMESTAMP WITH TIME ZONE, "voided_by" uuid, "void_reason" text, CONSTRAINT "signatures_full_powers" CHECK (full_powers_id IS NOT NULL OR (party_kind = 'state' AND capacity <> 'other')), CONSTRAINT "signatures_void" CHECK ((voided_at IS NULL AND void_reason IS NULL AND voided_by IS NULL) OR (voided_at IS NOT NULL AND length(btrim(void_reason)) > 0)), CONSTRAINT "signatures_depositary_notification" CHECK (depositary_notification IS NULL OR depositary_notification ~ '^C\\.N\\.[1-9][0-9]{0,4}\\.(19[4-9][0-9]|2[0-9]{3})\\.TREATIES-[IVXLC]+\\.[1-9][0-9]{0,2}(\\.[a-z])?$'), CONSTRAINT "signatures_place" CHECK (length(btrim(place)) > 0), CONSTRAINT "signatures_signatory_name" CHECK (length(btrim(signatory_name)) > 0), CONSTRAINT "signatures_party_kind" CHECK (party_kind IN ('state','reio')), CONSTRAINT "signatures_rank" CHECK (rank IN ('head_of_state','head_of_government','minister','official')), CONSTRAINT "signatures_capacity" CHECK (capacity IN ('head_of_state','head_of_government','minister_for_foreign_affairs','other')), CONSTRAINT "PK_f56eb3cd344ce7f9ae28ce814eb" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "signatures_event_signed_at" ON "signatures"  ("event_id", "signed_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "signatures_one_per_party" ON "signatures"  ("event_id", "participant_id") WHERE voided_at IS NULL`);
    await queryRunner.query(`CREATE TABLE "signatory_milestones" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "event_id" uuid NOT NULL, "kind" text NOT NULL, "count" integer NOT NULL, "goal" integer NOT NULL, "reached_at" TIMESTAMP WITH TIME ZONE NOT NULL, "signature_id" uuid NOT NULL, "participant_id" uuid NOT NULL, "fired_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "signatory_milestones_once" UNIQUE ("event_id", "kind"), CONSTRAINT "signatory_milestones_kind" CHECK (kind IN ('signatories.goal_reached')), CONSTRAINT "PK_40a5efb06efb3e93795c109f7af" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "instruments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "event_id" uuid NOT NULL, "participant_id" uuid NOT NULL, "party_kind" text NOT NULL, "kind" text NOT NULL, "signature_id" uuid, "deposited_on" date NOT NULL, "sequence" integer NOT NULL, "declarations" text, "reservations" text, "depositary_notification" text, "recorded_by" uuid, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "voided_at" TIMESTAMP WITH TIME ZONE, "voided_by" uuid, "void_reason" text, CONSTRAINT "instruments_void" CHECK ((voided_at IS NULL AND void_reason IS NULL AND voided_by IS NULL) OR (voided_at IS NOT NULL AND length(btrim(void_reason)) > 0)), CONSTRAINT "instruments_depositary_notification" CHECK (depositary_notification IS NULL OR depositary_notification ~ '^C\\.N\\.[1-9][0-9]{0,4}\\.(19[4-9][0-9]|2[0-9]{3})\\.TREATIES-[IVXLC]+\\.[1-9][0-9]{0,2}(\\.[a-z])?$'), CONSTRAINT "instruments_sequence_positive" CHECK (sequence > 0), CONSTRAINT "instruments_signature" CHECK ((kind = 'accession') = (signature_id IS NULL)), CONSTRAINT "instruments_kind_for_party" CHECK ((kind <> 'formal_confirmation' OR party_kind = 'reio') AND (kind <> 'ratification' OR party_kind = 'state')), CONSTRAINT "instruments_party_kind" CHECK (party_kind IN ('state','reio')), CONSTRAINT "instruments_kind" CHECK (kind IN ('ratification','acceptance','approval','accession','formal_confirmation')), CONSTRAINT "PK_44d772c3199b38559c5fb666eb6" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "instruments_sequence" ON "instruments"  ("event_id", "sequence") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "instruments_one_per_party" ON "instruments"  ("event_id", "participant_id") WHERE voided_at IS NULL`);
    await queryRunner.query(`ALTER TABLE "designated_signatories" ADD CONSTRAINT "FK_de8226b90fcef8ee823615aa2c9" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "designated_signatories" ADD CONSTRAINT "FK_b053ed8df63cd27f7617cbae4b5" FOREIGN KEY ("participant_id") REFERENCES "participants"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "designated_signatories" ADD CONSTRAINT "FK_025fcf46ea152b53f3d2f0cc3eb" FOREIGN KEY ("delegation_id") REFERENCES "delegations"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "designated_signatories" ADD CONSTRAINT "FK_02ffca1595fb35944cbae53ca66" FOREIGN KEY ("member_id") REFERENCES "delegation_members"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "full_powers" ADD CONSTRAINT "FK_e698fccfec9c4b4090c02495727" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "full_powers" ADD CONSTRAINT "FK_0564c3df6ec1e314928d0333f60" FOREIGN KEY ("participant_id") REFERENCES "participants"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "full_powers" ADD CONSTRAINT "FK_289322f79aa51577c5953f9b6da" FOREIGN KEY ("delegation_id") REFERENCES "delegations"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "full_powers_contents" ADD CONSTRAINT "FK_598f2624619b9e528205e70ae2e" FOREIGN KEY ("full_powers_id") REFERENCES "full_powers"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "signatures" ADD CONSTRAINT "FK_607bad28581f4d898d4b9d121ac" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "signatures" ADD CONSTRAINT "FK_701e186e54d781bf2318a07a268" FOREIGN KEY ("participant_id") REFERENCES "participants"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "signatures" ADD CONSTRAINT "FK_92d9e6d06a2c099362d859ba7fb" FOREIGN KEY ("delegation_id") REFERENCES "delegations"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "signatures" ADD CONSTRAINT "FK_3212fdd0592e37017e2c1f18053" FOREIGN KEY ("full_powers_id") REFERENCES "full_powers"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "signatory_milestones" ADD CONSTRAINT "FK_477a22367f98b804a2e25665595" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "signatory_milestones" ADD CONSTRAINT "FK_8343c0e671f7215937af508bab7" FOREIGN KEY ("signature_id") REFERENCES "signatures"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "signatory_milestones" ADD CONSTRAINT "FK_d327cd12ca4bc5360d68a115965" FOREIGN KEY ("participant_id") REFERENCES "participants"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "instruments" ADD CONSTRAINT "FK_8497c93e5ce71e84ce36f8e9751" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "instruments" ADD CONSTRAINT "FK_b6b58632ad488ae62ebe87216f4" FOREIGN KEY ("participant_id") REFERENCES "participants"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "instruments" ADD CONSTRAINT "FK_32dd25172a65738b92ee1064864" FOREIGN KEY ("signature_id") REFERENCES "signatures"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
    // The signatory record is never rewritten: rows are voided, not deleted (except when their event is deleted,
    // which cascades and runs at trigger depth > 1), and only the void fields and the depositary notification
    // reference change after recording; a voided row is frozen.
    await queryRunner.query(`CREATE FUNCTION signatory_record_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          IF pg_trigger_depth() > 1 THEN RETURN OLD; END IF;
          RAISE EXCEPTION '% rows are voided, never deleted', TG_TABLE_NAME USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        IF OLD.voided_at IS NOT NULL THEN
          RAISE EXCEPTION 'a voided % row cannot change', TG_TABLE_NAME USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        IF (to_jsonb(NEW) - ARRAY['voided_at','voided_by','void_reason','depositary_notification'])
           IS DISTINCT FROM (to_jsonb(OLD) - ARRAY['voided_at','voided_by','void_reason','depositary_notification']) THEN
          RAISE EXCEPTION 'only the void and the depositary notification of a % row can change', TG_TABLE_NAME
            USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await queryRunner.query(`CREATE TRIGGER signatures_guard BEFORE UPDATE OR DELETE ON "signatures" FOR EACH ROW EXECUTE FUNCTION signatory_record_guard()`);
    await queryRunner.query(`CREATE TRIGGER instruments_guard BEFORE UPDATE OR DELETE ON "instruments" FOR EACH ROW EXECUTE FUNCTION signatory_record_guard()`);
    // A milestone fired once stays fired.
    await queryRunner.query(`CREATE FUNCTION signatory_milestones_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' AND pg_trigger_depth() > 1 THEN RETURN OLD; END IF;
        RAISE EXCEPTION 'signatory milestones are permanent (% refused)', TG_OP USING ERRCODE = 'integrity_constraint_violation';
      END $$`);
    await queryRunner.query(`CREATE TRIGGER signatory_milestones_guard BEFORE UPDATE OR DELETE ON "signatory_milestones" FOR EACH ROW EXECUTE FUNCTION signatory_milestones_guard()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER signatory_milestones_guard ON "signatory_milestones"`);
    await queryRunner.query(`DROP FUNCTION signatory_milestones_guard()`);
    await queryRunner.query(`DROP TRIGGER instruments_guard ON "instruments"`);
    await queryRunner.query(`DROP TRIGGER signatures_guard ON "signatures"`);
    await queryRunner.query(`DROP FUNCTION signatory_record_guard()`);
    await queryRunner.query(`ALTER TABLE "instruments" DROP CONSTRAINT "FK_32dd25172a65738b92ee1064864"`);
    await queryRunner.query(`ALTER TABLE "instruments" DROP CONSTRAINT "FK_b6b58632ad488ae62ebe87216f4"`);
    await queryRunner.query(`ALTER TABLE "instruments" DROP CONSTRAINT "FK_8497c93e5ce71e84ce36f8e9751"`);
    await queryRunner.query(`ALTER TABLE "signatory_milestones" DROP CONSTRAINT "FK_d327cd12ca4bc5360d68a115965"`);
    await queryRunner.query(`ALTER TABLE "signatory_milestones" DROP CONSTRAINT "FK_8343c0e671f7215937af508bab7"`);
    await queryRunner.query(`ALTER TABLE "signatory_milestones" DROP CONSTRAINT "FK_477a22367f98b804a2e25665595"`);
    await queryRunner.query(`ALTER TABLE "signatures" DROP CONSTRAINT "FK_3212fdd0592e37017e2c1f18053"`);
    await queryRunner.query(`ALTER TABLE "signatures" DROP CONSTRAINT "FK_92d9e6d06a2c099362d859ba7fb"`);
    await queryRunner.query(`ALTER TABLE "signatures" DROP CONSTRAINT "FK_701e186e54d781bf2318a07a268"`);
    await queryRunner.query(`ALTER TABLE "signatures" DROP CONSTRAINT "FK_607bad28581f4d898d4b9d121ac"`);
    await queryRunner.query(`ALTER TABLE "full_powers_contents" DROP CONSTRAINT "FK_598f2624619b9e528205e70ae2e"`);
    await queryRunner.query(`ALTER TABLE "full_powers" DROP CONSTRAINT "FK_289322f79aa51577c5953f9b6da"`);
    await queryRunner.query(`ALTER TABLE "full_powers" DROP CONSTRAINT "FK_0564c3df6ec1e314928d0333f60"`);
    await queryRunner.query(`ALTER TABLE "full_powers" DROP CONSTRAINT "FK_e698fccfec9c4b4090c02495727"`);
    await queryRunner.query(`ALTER TABLE "designated_signatories" DROP CONSTRAINT "FK_02ffca1595fb35944cbae53ca66"`);
    await queryRunner.query(`ALTER TABLE "designated_signatories" DROP CONSTRAINT "FK_025fcf46ea152b53f3d2f0cc3eb"`);
    await queryRunner.query(`ALTER TABLE "designated_signatories" DROP CONSTRAINT "FK_b053ed8df63cd27f7617cbae4b5"`);
    await queryRunner.query(`ALTER TABLE "designated_signatories" DROP CONSTRAINT "FK_de8226b90fcef8ee823615aa2c9"`);
    await queryRunner.query(`DROP INDEX "public"."instruments_one_per_party"`);
    await queryRunner.query(`DROP INDEX "public"."instruments_sequence"`);
    await queryRunner.query(`DROP TABLE "instruments"`);
    await queryRunner.query(`DROP TABLE "signatory_milestones"`);
    await queryRunner.query(`DROP INDEX "public"."signatures_one_per_party"`);
    await queryRunner.query(`DROP INDEX "public"."signatures_event_signed_at"`);
    await queryRunner.query(`DROP TABLE "signatures"`);
    await queryRunner.query(`DROP TABLE "full_powers_contents"`);
    await queryRunner.query(`DROP INDEX "public"."full_powers_one_current"`);
    await queryRunner.query(`DROP INDEX "public"."full_powers_event_status"`);
    await queryRunner.query(`DROP TABLE "full_powers"`);
    await queryRunner.query(`DROP TABLE "designated_signatories"`);
  }
}
