-- Each household numbers its events 1, 2, 3… (docs/decisions/0018-per-household-event-sequence.md).
-- SQLite cannot add a NOT NULL column without a default, so event_log is rebuilt with `seq`.
--
-- The backfill keeps every cursor a client holds valid. Until now an event's
-- id was the global AUTOINCREMENT id, and ids rose in commit order (one
-- writer), so within each household they already rise as a sequence: every
-- event keeps its id as its seq, and a cursor naming an event is that event's
-- seq. A cursor may also be a global id that names no event of its household
-- (a stream started at the newest id of any household), so every household's
-- event_seq starts at the highest id ever given, not at its own newest: every
-- cursor from before the upgrade is then at or below its household's
-- sequence, and every event written after it numbers above them all. Resume,
-- activity paging and seen-reports go on unchanged; a household's numbers
-- jump once, at the upgrade, which readers take as a gap with nothing in it.
DROP INDEX `event_log_household_idx`;--> statement-breakpoint
ALTER TABLE `households` ADD `event_seq` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE TABLE `__new_event_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`household_id` text NOT NULL,
	`seq` integer NOT NULL,
	`type` text NOT NULL,
	`recipient_id` text,
	`payload` text NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
-- The AUTOINCREMENT counter goes along (pruned rows may have held the highest ids).
INSERT INTO `sqlite_sequence` (`name`, `seq`) SELECT '__new_event_log', `seq` FROM `sqlite_sequence` WHERE `name` = 'event_log';--> statement-breakpoint
INSERT INTO `__new_event_log` (`id`, `household_id`, `seq`, `type`, `recipient_id`, `payload`, `at`)
	SELECT `id`, `household_id`, `id`, `type`, `recipient_id`, `payload`, `at` FROM `event_log`;--> statement-breakpoint
UPDATE `households` SET `event_seq` = coalesce((SELECT `seq` FROM `sqlite_sequence` WHERE `name` = '__new_event_log'), 0);--> statement-breakpoint
DROP TABLE `event_log`;--> statement-breakpoint
ALTER TABLE `__new_event_log` RENAME TO `event_log`;--> statement-breakpoint
CREATE INDEX `event_log_at_idx` ON `event_log` (`at`);--> statement-breakpoint
CREATE UNIQUE INDEX `event_log_household_seq_idx` ON `event_log` (`household_id`,`seq`);
