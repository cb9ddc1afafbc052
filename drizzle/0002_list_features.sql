CREATE TABLE `item_memory` (
	`household_id` text NOT NULL,
	`name_key` text NOT NULL,
	`name` text NOT NULL,
	`category` text,
	`unit` text,
	`times_added` integer DEFAULT 0 NOT NULL,
	`last_added_at` integer NOT NULL,
	`last_checked_at` integer,
	PRIMARY KEY(`household_id`, `name_key`),
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `item_memory_checked_idx` ON `item_memory` (`household_id`,`last_checked_at`);--> statement-breakpoint
CREATE TABLE `mutation_receipts` (
	`user_id` text NOT NULL,
	`client_id` text NOT NULL,
	`path` text NOT NULL,
	`result` text NOT NULL,
	`at` integer NOT NULL,
	PRIMARY KEY(`user_id`, `client_id`)
);
--> statement-breakpoint
CREATE INDEX `mutation_receipts_at_idx` ON `mutation_receipts` (`at`);--> statement-breakpoint
DROP INDEX `shopping_items_list_idx`;--> statement-breakpoint
ALTER TABLE `shopping_items` ADD `name_key` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `shopping_items` ADD `unit` text;--> statement-breakpoint
ALTER TABLE `shopping_items` ADD `category` text;--> statement-breakpoint
ALTER TABLE `shopping_items` ADD `updated_by` text REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `shopping_items` ADD `removed_at` integer;--> statement-breakpoint
ALTER TABLE `shopping_items` ADD `removed_by` text REFERENCES users(id);--> statement-breakpoint
CREATE INDEX `shopping_items_removed_idx` ON `shopping_items` (`removed_at`);--> statement-breakpoint
CREATE INDEX `shopping_items_list_idx` ON `shopping_items` (`list_id`,`name_key`);--> statement-breakpoint
ALTER TABLE `households` ADD `categories` text DEFAULT '["Fruit & vegetables","Bakery","Dairy & eggs","Meat & fish","Pantry","Frozen","Drinks","Household","Personal care"]' NOT NULL;