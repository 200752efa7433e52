import type { MigrationInterface, QueryRunner } from 'typeorm';

export class NotificationsPipeline1795434871008 implements MigrationInterface {
  name = 'NotificationsPipeline1795434871008';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "webhook_endpoints" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "url" text NOT NULL, "description" text, "kinds" text array NOT NULL, "event_id" uuid, "secret_ciphertext" text NOT NULL, "enabled" boolean NOT NULL DEFAULT true, "disabled_reason" text, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "webhook_endpoints_disabled_reason" CHECK (enabled OR disabled_reason IS NOT NULL), CONSTRAINT "webhook_endpoints_kinds" CHECK (cardinality(kinds) > 0), CONSTRAINT "webhook_endpoints_http_url" CHECK (url ~ '^https?://'), CONSTRAINT "PK_054c4cfb95223732f5939d2d546" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "notification_deliveries" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "outbox_message_id" uuid NOT NULL, "kind" text NOT NULL, "event_id" uuid, "channel" text NOT NULL, "recipient_key" text NOT NULL, "recipient_email" text, "recipient_name" text, "language" text, "delegation_id" uuid, "person_id" uuid, "webhook_endpoint_id" uuid, "status" text NOT NULL DEFAULT 'queued', "attempts" integer NOT NULL DEFAULT '0', "generation" integer NOT NULL DEFAULT '0', "last_error" text, "provider_message_id" text, "sent_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "notification_deliveries_once" UNIQUE ("outbox_message_id", "channel", "recipient_key"), CONSTRAINT "notification_deliveries_counters" CHECK (attempts >= 0 AND generation >= 0), CONSTRAINT "notification_deliveries_sent_has_time" CHECK (status <> 'sent' OR sent_at IS NOT NULL), CONSTRAINT "notification_deliveries_email_has_address" CHECK (channel <> 'email' OR recipient_email IS NOT NULL), CONSTRAINT "notification_deliveries_status_known" CHECK (status IN ('queued', 'sent', 'failed', 'dead', 'skipped')), CONSTRAINT "notification_deliveries_channel" CHECK (channel IN ('email', 'webhook')), CONSTRAINT "PK_81daeff81f237bd384f7cfc4a4c" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "notification_deliveries_due" ON "notification_deliveries"  ("updated_at") WHERE status IN ('queued', 'failed')`);
    await queryRunner.query(`CREATE INDEX "notification_deliveries_event" ON "notification_deliveries"  ("event_id", "created_at") `);
    await queryRunner.query(`CREATE INDEX "notification_deliveries_recipient" ON "notification_deliveries"  ("recipient_key") `);
    await queryRunner.query(`CREATE INDEX "notification_deliveries_status" ON "notification_deliveries"  ("status", "created_at") `);
    await queryRunner.query(`CREATE TABLE "notification_attempts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "delivery_id" uuid NOT NULL, "number" integer NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "finished_at" TIMESTAMP WITH TIME ZONE, "outcome" text, "error" text, "response" text, CONSTRAINT "notification_attempts_number" UNIQUE ("delivery_id", "number"), CONSTRAINT "notification_attempts_outcome" CHECK (outcome IS NULL OR outcome IN ('sent', 'failed', 'interrupted')), CONSTRAINT "PK_f6abd34f351bbbf11c7ae8e7565" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "notification_opt_outs" ("event_id" uuid NOT NULL, "email" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "notification_opt_outs_email_lower" CHECK (email = lower(email)), CONSTRAINT "PK_cb3ec50e45e634cfa4e794f56bd" PRIMARY KEY ("event_id", "email"))`);
    await queryRunner.query(`CREATE TABLE "announcements" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "event_id" uuid NOT NULL, "subject" text NOT NULL, "body" text NOT NULL, "translations" jsonb NOT NULL DEFAULT '{}', "starts_at" TIMESTAMP WITH TIME ZONE, "ends_at" TIMESTAMP WITH TIME ZONE, "location" text, "audience" jsonb NOT NULL, "recipient_count" integer NOT NULL, "outbox_message_id" uuid NOT NULL, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "announcements_recipient_count" CHECK (recipient_count >= 0), CONSTRAINT "announcements_time_order" CHECK (ends_at IS NULL OR (starts_at IS NOT NULL AND ends_at >= starts_at)), CONSTRAINT "announcements_subject_length" CHECK (char_length(subject) BETWEEN 1 AND 200), CONSTRAINT "PK_b3ad760876ff2e19d58e05dc8b0" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "announcements_event" ON "announcements"  ("event_id", "created_at") `);
    await queryRunner.query(`ALTER TABLE "outbox_messages" ADD "fanned_out_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`CREATE INDEX "outbox_messages_not_fanned_out" ON "outbox_messages"  ("published_at") WHERE published_at IS NOT NULL AND fanned_out_at IS NULL`);
    await queryRunner.query(`ALTER TABLE "webhook_endpoints" ADD CONSTRAINT "webhook_endpoints_event_fk" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "notification_deliveries" ADD CONSTRAINT "notification_deliveries_outbox_message_fk" FOREIGN KEY ("outbox_message_id") REFERENCES "outbox_messages"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "notification_deliveries" ADD CONSTRAINT "notification_deliveries_endpoint_fk" FOREIGN KEY ("webhook_endpoint_id") REFERENCES "webhook_endpoints"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "notification_attempts" ADD CONSTRAINT "notification_attempts_delivery_fk" FOREIGN KEY ("delivery_id") REFERENCES "notification_deliveries"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "notification_opt_outs" ADD CONSTRAINT "notification_opt_outs_event_fk" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "announcements" ADD CONSTRAINT "announcements_event_fk" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "announcements" ADD CONSTRAINT "announcements_outbox_message_fk" FOREIGN KEY ("outbox_message_id") REFERENCES "outbox_messages"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "announcements" DROP CONSTRAINT "announcements_outbox_message_fk"`);
    await queryRunner.query(`ALTER TABLE "announcements" DROP CONSTRAINT "announcements_event_fk"`);
    await queryRunner.query(`ALTER TABLE "notification_opt_outs" DROP CONSTRAINT "notification_opt_outs_event_fk"`);
    await queryRunner.query(`ALTER TABLE "notification_attempts" DROP CONSTRAINT "notification_attempts_delivery_fk"`);
    await queryRunner.query(`ALTER TABLE "notification_deliveries" DROP CONSTRAINT "notification_deliveries_endpoint_fk"`);
    await queryRunner.query(`ALTER TABLE "notification_deliveries" DROP CONSTRAINT "notification_deliveries_outbox_message_fk"`);
    await queryRunner.query(`ALTER TABLE "webhook_endpoints" DROP CONSTRAINT "webhook_endpoints_event_fk"`);
    await queryRunner.query(`DROP INDEX "public"."outbox_messages_not_fanned_out"`);
    await queryRunner.query(`ALTER TABLE "outbox_messages" DROP COLUMN "fanned_out_at"`);
    await queryRunner.query(`DROP INDEX "public"."announcements_event"`);
    await queryRunner.query(`DROP TABLE "announcements"`);
    await queryRunner.query(`DROP TABLE "notification_opt_outs"`);
    await queryRunner.query(`DROP TABLE "notification_attempts"`);
    await queryRunner.query(`DROP INDEX "public"."notification_deliveries_status"`);
    await queryRunner.query(`DROP INDEX "public"."notification_deliveries_recipient"`);
    await queryRunner.query(`DROP INDEX "public"."notification_deliveries_event"`);
    await queryRunner.query(`DROP INDEX "public"."notification_deliveries_due"`);
    await queryRunner.query(`DROP TABLE "notification_deliveries"`);
    await queryRunner.query(`DROP TABLE "webhook_endpoints"`);
  }
}
