CREATE TABLE "live_card_clicks" (
	"account_id" uuid NOT NULL,
	"room_id" uuid NOT NULL,
	"card_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"clicks" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "live_card_clicks_card_id_contact_id_pk" PRIMARY KEY("card_id","contact_id")
);
--> statement-breakpoint
CREATE TABLE "live_cards" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"room_id" uuid NOT NULL,
	"title" text NOT NULL,
	"price" text,
	"image_url" text,
	"link_url" text NOT NULL,
	"pinned" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "live_messages" (
	"id" uuid PRIMARY KEY NOT NULL,
	"account_id" uuid NOT NULL,
	"room_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"sender_type" text NOT NULL,
	"sender_id" text NOT NULL,
	"sender_name" text NOT NULL,
	"sender_avatar_url" text,
	"body" text NOT NULL,
	"question" boolean DEFAULT false NOT NULL,
	"answered" boolean DEFAULT false NOT NULL,
	"deleted" boolean DEFAULT false NOT NULL,
	"quote" jsonb,
	"to_contact_id" uuid,
	"client_msg_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "live_private_chats" (
	"account_id" uuid NOT NULL,
	"room_id" uuid NOT NULL,
	"conversation_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"opened_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "live_private_chats_room_id_conversation_id_pk" PRIMARY KEY("room_id","conversation_id")
);
--> statement-breakpoint
CREATE TABLE "live_rooms" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"inbox_id" uuid NOT NULL,
	"team_id" uuid,
	"host_user_id" uuid NOT NULL,
	"co_host_user_ids" uuid[] DEFAULT '{}' NOT NULL,
	"slug" text NOT NULL,
	"origin" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"cover_url" text,
	"scheduled_at" timestamp with time zone,
	"state" text DEFAULT 'scheduled' NOT NULL,
	"started_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"announcement" text,
	"slow_mode_seconds" integer DEFAULT 0 NOT NULL,
	"bitrate_cap_kbps" integer DEFAULT 1500 NOT NULL,
	"recording" boolean DEFAULT false NOT NULL,
	"publishing" boolean DEFAULT false NOT NULL,
	"publish_source" text,
	"replay_file_id" uuid,
	"replay_content_type" text,
	"replay_byte_size" bigint,
	"last_seq" integer DEFAULT 0 NOT NULL,
	"peak_viewers" integer DEFAULT 0 NOT NULL,
	"final_stats" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "live_viewer_samples" (
	"account_id" uuid NOT NULL,
	"room_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"viewers" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "live_viewers" (
	"account_id" uuid NOT NULL,
	"room_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"first_joined_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_joined_at" timestamp with time zone DEFAULT now() NOT NULL,
	"left_at" timestamp with time zone,
	"connections" integer DEFAULT 0 NOT NULL,
	"watch_ms" bigint DEFAULT 0 NOT NULL,
	"muted" boolean DEFAULT false NOT NULL,
	"removed" boolean DEFAULT false NOT NULL,
	"greeted_at" timestamp with time zone,
	"greet_delay_ms" integer,
	CONSTRAINT "live_viewers_room_id_contact_id_pk" PRIMARY KEY("room_id","contact_id")
);
--> statement-breakpoint
ALTER TABLE "live_card_clicks" ADD CONSTRAINT "live_card_clicks_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_card_clicks" ADD CONSTRAINT "live_card_clicks_room_id_live_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."live_rooms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_card_clicks" ADD CONSTRAINT "live_card_clicks_card_id_live_cards_id_fk" FOREIGN KEY ("card_id") REFERENCES "public"."live_cards"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_cards" ADD CONSTRAINT "live_cards_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_cards" ADD CONSTRAINT "live_cards_room_id_live_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."live_rooms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_messages" ADD CONSTRAINT "live_messages_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_messages" ADD CONSTRAINT "live_messages_room_id_live_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."live_rooms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_private_chats" ADD CONSTRAINT "live_private_chats_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_private_chats" ADD CONSTRAINT "live_private_chats_room_id_live_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."live_rooms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_private_chats" ADD CONSTRAINT "live_private_chats_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_rooms" ADD CONSTRAINT "live_rooms_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_rooms" ADD CONSTRAINT "live_rooms_inbox_id_inboxes_id_fk" FOREIGN KEY ("inbox_id") REFERENCES "public"."inboxes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_rooms" ADD CONSTRAINT "live_rooms_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_rooms" ADD CONSTRAINT "live_rooms_host_user_id_users_id_fk" FOREIGN KEY ("host_user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_viewer_samples" ADD CONSTRAINT "live_viewer_samples_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_viewer_samples" ADD CONSTRAINT "live_viewer_samples_room_id_live_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."live_rooms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_viewers" ADD CONSTRAINT "live_viewers_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_viewers" ADD CONSTRAINT "live_viewers_room_id_live_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."live_rooms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "live_card_clicks_room_idx" ON "live_card_clicks" USING btree ("account_id","room_id");--> statement-breakpoint
CREATE INDEX "live_cards_room_idx" ON "live_cards" USING btree ("account_id","room_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "live_messages_seq_uq" ON "live_messages" USING btree ("room_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "live_messages_client_uq" ON "live_messages" USING btree ("room_id","sender_type","sender_id","client_msg_id");--> statement-breakpoint
CREATE INDEX "live_messages_account_idx" ON "live_messages" USING btree ("account_id","room_id");--> statement-breakpoint
CREATE INDEX "live_messages_sender_idx" ON "live_messages" USING btree ("room_id","sender_id","created_at");--> statement-breakpoint
CREATE INDEX "live_private_chats_account_idx" ON "live_private_chats" USING btree ("account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "live_rooms_slug_uq" ON "live_rooms" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "live_rooms_account_idx" ON "live_rooms" USING btree ("account_id","created_at");--> statement-breakpoint
CREATE INDEX "live_rooms_inbox_live_idx" ON "live_rooms" USING btree ("account_id","inbox_id") WHERE "live_rooms"."state" = 'live';--> statement-breakpoint
CREATE INDEX "live_viewer_samples_room_idx" ON "live_viewer_samples" USING btree ("room_id","at");--> statement-breakpoint
CREATE INDEX "live_viewer_samples_account_idx" ON "live_viewer_samples" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "live_viewers_account_contact_idx" ON "live_viewers" USING btree ("account_id","contact_id");--> statement-breakpoint
CREATE INDEX "live_viewers_watching_idx" ON "live_viewers" USING btree ("room_id") WHERE "live_viewers"."connections" > 0;