import { sameClear } from '../../../shared/activity';
import type { ActivityEntry } from '../../../shared/events';
import type { Db } from '../../db/client';
import { readEvents } from '../../events/event-log';

/** Rows read from the log per step; a page of entries usually needs one. */
const READ_STEP = 200;

interface Group extends ActivityEntry {
  /** The number of the group's oldest event in the household: where the next page starts. */
  oldestId: number;
}

/**
 * A page of a household's activity, newest first, from the event log: every
 * stored event the member may see, with the removals of one "clear checked"
 * folded into one entry. `nextBefore` continues below this page (null: there
 * is nothing older).
 */
export function householdActivity(
  db: Db,
  request: { householdId: string; userId: string; before?: string; limit: number },
): { entries: ActivityEntry[]; nextBefore: string | null } {
  const groups: Group[] = [];
  let cursor = request.before === undefined ? null : Number(request.before);
  // One entry more than asked shows that the last one asked for is complete
  // (a clear's removals may straddle two reads) and that more exist.
  while (groups.length <= request.limit) {
    const rows = readEvents(db, request.householdId, request.userId, { before: cursor }, READ_STEP);
    for (const { id, event } of rows) {
      const last = groups.at(-1);
      if (last && sameClear(last.event, event)) {
        last.count++;
        last.oldestId = id as number;
      } else {
        groups.push({ id: String(id), event, count: 1, oldestId: id as number });
      }
    }
    if (rows.length < READ_STEP) break;
    cursor = rows.at(-1)?.id ?? null;
  }
  const page = groups.slice(0, request.limit);
  const more = groups.length > request.limit;
  return {
    entries: page.map(({ id, event, count }) => ({ id, event, count })),
    nextBefore: more ? String(page.at(-1)?.oldestId) : null,
  };
}
