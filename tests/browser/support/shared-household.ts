import type { HoneyDoPage } from './honeydo-page';

/**
 * Alex starts the household "Home" and Sam joins it through Alex's invite
 * link: where every story of two people sharing a list begins. Returns once
 * both have its list on screen.
 */
export async function alexAndSamShareHome(baseUrl: string, alex: HoneyDoPage, sam: HoneyDoPage): Promise<void> {
  await alex.signIn(baseUrl, 'Alex');
  await alex.createHousehold('Home');
  await sam.joinByInvite(baseUrl, 'Sam', await alex.inviteCode());
}
