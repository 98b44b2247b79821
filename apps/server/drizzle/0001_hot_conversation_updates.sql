DROP INDEX "conversations_account_status_idx";--> statement-breakpoint
CREATE INDEX "conversations_account_status_idx" ON "conversations" USING btree ("account_id","status");--> statement-breakpoint
-- Room on each page for HOT updates: every stored message updates its conversation row.
ALTER TABLE "conversations" SET (fillfactor = 80);
