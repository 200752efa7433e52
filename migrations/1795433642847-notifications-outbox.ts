import type { MigrationInterface, QueryRunner } from 'typeorm';

export class NotificationsOutbox1795433642847 implements MigrationInterface {
  name = 'NotificationsOutbox1795433642847';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "outbox_messages" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" text NOT NULL, "event_id" uuid, "recipients" jsonb NOT NULL, "data" jsonb NOT NULL, "webhook" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "published_at" TIMESTAMP WITH TIME ZONE, "relay_attempts" integer NOT NULL DEFAULT '0', "last_relay_error" text, CONSTRAINT "PK_0171348f527c64b137e4d4f5b66" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "outbox_messages_pending" ON "outbox_messages"  ("created_at") WHERE published_at IS NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."outbox_messages_pending"`);
    await queryRunner.query(`DROP TABLE "outbox_messages"`);
  }
}
