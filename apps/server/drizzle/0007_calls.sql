CREATE TABLE "calls" (
	"id" uuid PRIMARY KEY NOT NULL,
	"account_id" uuid NOT NULL,
	"conversation_id" uuid NOT NULL,
	"inbox_id" uuid NOT NULL,
	"initiator" text NOT NULL,
	"media" text NOT NULL,
	"state" text NOT NULL,
	"agent_user_id" uuid,
	"customer_socket_id" text,
	"agent_socket_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"rung_at" timestamp with time zone,
	"answered_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"end_reason" text,
	"duration_seconds" integer,
	"quality_customer" jsonb,
	"quality_agent" jsonb,
	"away_since" timestamp with time zone,
	"away_party" text
);
--> statement-breakpoint
ALTER TABLE "attachments" ADD COLUMN "purpose" text;--> statement-breakpoint
ALTER TABLE "attachments" ADD COLUMN "call_id" uuid;--> statement-breakpoint
ALTER TABLE "calls" ADD CONSTRAINT "calls_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calls" ADD CONSTRAINT "calls_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calls" ADD CONSTRAINT "calls_inbox_id_inboxes_id_fk" FOREIGN KEY ("inbox_id") REFERENCES "public"."inboxes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calls" ADD CONSTRAINT "calls_agent_user_id_users_id_fk" FOREIGN KEY ("agent_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "calls_live_conversation_uq" ON "calls" USING btree ("conversation_id") WHERE "calls"."state" <> 'ended';--> statement-breakpoint
CREATE INDEX "calls_live_customer_socket_idx" ON "calls" USING btree ("customer_socket_id") WHERE "calls"."state" <> 'ended';--> statement-breakpoint
CREATE INDEX "calls_live_agent_socket_idx" ON "calls" USING btree ("agent_socket_id") WHERE "calls"."state" <> 'ended';--> statement-breakpoint
CREATE INDEX "calls_account_conversation_idx" ON "calls" USING btree ("account_id","conversation_id","created_at");--> statement-breakpoint
CREATE INDEX "calls_account_created_idx" ON "calls" USING btree ("account_id","created_at");--> statement-breakpoint
CREATE INDEX "attachments_recordings_idx" ON "attachments" USING btree ("created_at") WHERE "attachments"."purpose" = 'call_recording';