CREATE TABLE `add_receipts` (
	`user_id` text NOT NULL,
	`client_id` text NOT NULL,
	`item` text NOT NULL,
	`at` integer NOT NULL,
	PRIMARY KEY(`user_id`, `client_id`)
);
--> statement-breakpoint
CREATE INDEX `add_receipts_at_idx` ON `add_receipts` (`at`);--> statement-breakpoint
DROP INDEX `shopping_items_client_idx`;--> statement-breakpoint
ALTER TABLE `shopping_items` DROP COLUMN `client_id`;