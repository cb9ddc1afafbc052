import type { ShoppingItem } from '../../../shared/types';
import { connectClient } from '../../support/clients';
import type { HoneyDoPage } from './honeydo-page';

/** The items of the open household's first list as the server has them, asked through the API as `page`'s person. */
export async function itemsOnServer(baseUrl: string, page: HoneyDoPage): Promise<ShoppingItem[]> {
  await using member = connectClient(baseUrl, await page.sessionToken());
  const [household] = (await member.api.me.get.query()).households;
  const [list] = await member.api.shopping.lists.getByHousehold.query({ householdId: household!.id });
  return member.api.shopping.items.getByList.query({ listId: list!.id });
}
