CREATE TABLE "agent_presence" (
	"user_id" uuid NOT NULL,
	"node_id" text NOT NULL,
	"account_id" uuid NOT NULL,
	"sockets" integer DEFAULT 0 NOT NULL,
	"heartbeat_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agent_presence_user_id_node_id_pk" PRIMARY KEY("user_id","node_id")
);
--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "away_after_disconnect_seconds" integer DEFAULT 60 NOT NULL;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "queued_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "deferred_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "assigned_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "resolved_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "required_skill" text;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "callback_phone" text;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "vip" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "spill_team_id" uuid;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "last_assigned_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "auto_away" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "agent_presence" ADD CONSTRAINT "agent_presence_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_presence" ADD CONSTRAINT "agent_presence_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agent_presence_account_idx" ON "agent_presence" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "conversations_queue_idx" ON "conversations" USING btree ("inbox_id","queued_at") WHERE "conversations"."queued_at" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "conversations_deferred_idx" ON "conversations" USING btree ("deferred_until") WHERE "conversations"."deferred_until" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "events_routing_idx" ON "events" USING btree ("account_id","created_at") WHERE "events"."type" LIKE 'routing.%';--> statement-breakpoint
-- Conversations already waiting when routing arrives join the queue in the order they began waiting.
UPDATE "conversations" SET "queued_at" = "waiting_since" WHERE "status" IN ('open', 'pending') AND "assignee_user_id" IS NULL AND "assignee_bot_id" IS NULL AND "waiting_since" IS NOT NULL;
