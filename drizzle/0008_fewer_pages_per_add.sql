DROP INDEX `item_memory_checked_idx`;--> statement-breakpoint
CREATE INDEX `item_memory_checked_idx` ON `item_memory` (`household_id`,`last_checked_at`) WHERE "item_memory"."last_checked_at" IS NOT NULL;--> statement-breakpoint
DROP INDEX `shopping_items_removed_idx`;--> statement-breakpoint
CREATE INDEX `shopping_items_removed_idx` ON `shopping_items` (`removed_at`) WHERE "shopping_items"."removed_at" IS NOT NULL;--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_event_log` (
	`id` integer PRIMARY KEY NOT NULL,
	`household_id` text NOT NULL,
	`seq` integer NOT NULL,
	`type` text NOT NULL,
	`recipient_id` text,
	`payload` text NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
INSERT INTO `__new_event_log`("id", "household_id", "seq", "type", "recipient_id", "payload", "at") SELECT "id", "household_id", "seq", "type", "recipient_id", "payload", "at" FROM `event_log`;--> statement-breakpoint
DROP TABLE `event_log`;--> statement-breakpoint
ALTER TABLE `__new_event_log` RENAME TO `event_log`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `event_log_household_seq_idx` ON `event_log` (`household_id`,`seq`);--> statement-breakpoint
CREATE INDEX `event_log_at_idx` ON `event_log` (`at`);