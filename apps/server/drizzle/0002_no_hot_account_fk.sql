ALTER TABLE "events" DROP CONSTRAINT "events_account_id_accounts_id_fk";
--> statement-breakpoint
ALTER TABLE "messages" DROP CONSTRAINT "messages_account_id_accounts_id_fk";
