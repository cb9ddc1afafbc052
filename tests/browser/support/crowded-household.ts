import { LIMITS } from '../../../shared/limits';
import { connectClient, signIn } from '../../support/clients';
import type { HoneyDoPage } from './honeydo-page';

/** The longest household name the API takes, in words, as a real one would be. */
export const LONGEST_HOUSEHOLD_NAME = 'The Hendersons, the Okonkwos and everyone else at 221B Baker Street Flat Share'.padEnd(LIMITS.householdName, '!');

/** The longest item name the API takes, in one unbroken word: nowhere for a line to break. */
export const LONGEST_ITEM_NAME = 'Supercalifragilistic'.repeat(LIMITS.itemName / 20);

export const OTHER_MEMBERS = ['Sam', 'Robin Featherstonehaugh', 'Kim', 'Lee'];

/**
 * Turns the household `page`'s person has open into the worst case for a
 * narrow screen: the longest name, four more members, four lists and items
 * with long names and notes. Done through the API; the page shows it live.
 */
export async function crowdHousehold(baseUrl: string, page: HoneyDoPage): Promise<void> {
  await using owner = connectClient(baseUrl, await page.sessionToken());
  const [summary] = (await owner.api.me.get.query()).households;
  if (!summary) throw new Error('the page’s person has no household to fill');
  const household = await owner.api.household.get.query({ householdId: summary.id });
  await owner.api.household.rename.mutate({ householdId: household.id, name: LONGEST_HOUSEHOLD_NAME });
  for (const name of OTHER_MEMBERS) {
    await using member = await signIn(baseUrl, name);
    await member.api.household.join.mutate({ inviteCode: household.inviteCode });
  }
  const [firstList] = await owner.api.shopping.lists.getByHousehold.query({ householdId: household.id });
  for (const name of ['Weekend barbecue at the allotment', 'Hardware', 'Party']) {
    await owner.api.shopping.lists.create.mutate({ householdId: household.id, name });
  }
  const listId = firstList!.id;
  await owner.api.shopping.items.add.mutate({ listId, name: LONGEST_ITEM_NAME, quantity: 12, unit: 'pack', note: 'the big ones from the shelf at the back, next to the freezers, not the small ones' });
  for (const name of ['milk', 'bread', 'eggs']) await owner.api.shopping.items.add.mutate({ listId, name });
}
