-- Existing items get their merge key, as shared/item-text.ts itemNameKey
-- makes it as far as SQL can: trimmed, runs of spaces made one (up to eight),
-- lower case. SQLite's lower() folds ASCII only; a name outside ASCII keeps a
-- key that merges with nothing, as before.
UPDATE `shopping_items` SET `name_key` = lower(replace(replace(replace(trim(`name`), '    ', ' '), '  ', ' '), '  ', ' '));--> statement-breakpoint
-- An add retried after the upgrade is still recognised.
INSERT INTO `mutation_receipts` (`user_id`, `client_id`, `path`, `result`, `at`)
  SELECT `user_id`, `client_id`, 'shopping.items.add', `item`, `at` FROM `add_receipts`;--> statement-breakpoint
-- What households already bought seeds their autocomplete.
INSERT OR IGNORE INTO `item_memory` (`household_id`, `name_key`, `name`, `times_added`, `last_added_at`, `last_checked_at`)
  SELECT `l`.`household_id`, `i`.`name_key`, max(`i`.`name`), count(*), max(`i`.`created_at`), max(`i`.`checked_at`)
  FROM `shopping_items` `i` JOIN `shopping_lists` `l` ON `l`.`id` = `i`.`list_id`
  GROUP BY `l`.`household_id`, `i`.`name_key`;
