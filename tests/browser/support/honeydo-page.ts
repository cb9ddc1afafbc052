import type { Locator, Page } from 'playwright-core';

export interface ShownItem {
  name: string;
  amount: string;
  checked: boolean;
}

/**
 * What a person does in the app, in the words of its UI. The tests read as
 * the story of a household; a changed label breaks here, once.
 */
export class HoneyDoPage {
  constructor(readonly page: Page) {}

  async signIn(baseUrl: string, displayName: string, path = '/'): Promise<void> {
    await this.page.goto(`${baseUrl}${path}`);
    await this.page.getByLabel('Your name').fill(displayName);
    await this.page.getByRole('button', { name: 'Continue', exact: true }).click();
    await this.page.getByRole('button', { name: `Account: ${displayName}` }).waitFor();
  }

  /** Opens the account menu and presses "Sign out"; whatever it asks next is the test's to answer. */
  async pressSignOut(displayName: string): Promise<void> {
    await this.page.getByRole('button', { name: `Account: ${displayName}` }).click();
    await this.page.getByRole('button', { name: 'Sign out', exact: true }).click();
  }

  async createHousehold(name: string): Promise<void> {
    await this.page.getByLabel('Household name').fill(name);
    await this.page.getByRole('button', { name: 'Create household' }).click();
    await this.addItemField.waitFor();
  }

  /** Opens an invite link, signs in and accepts; done once the household's list shows. */
  async joinByInvite(baseUrl: string, displayName: string, code: string): Promise<void> {
    await this.signIn(baseUrl, displayName, `/join/${code}`);
    await this.page.getByRole('button', { name: 'Join household' }).click();
    await this.addItemField.waitFor();
  }

  /** Reads the invite code from the household dialog. */
  async inviteCode(): Promise<string> {
    await this.page.getByRole('button', { name: /Invite/ }).click();
    const code = (await this.page.locator('.invite-code').textContent())?.trim() ?? '';
    await this.page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
    return code;
  }

  get addItemField(): Locator {
    return this.page.getByPlaceholder('Add an item…');
  }

  async addItem(name: string): Promise<void> {
    await this.addItemField.fill(name);
    await this.addItemField.press('Enter');
  }

  /** An item's tick box; its accessible name is the item's name. */
  item(name: string): Locator {
    return this.page.getByRole('checkbox', { name, exact: true });
  }

  /** The row of an item that the server has confirmed (no longer "Saving…"). */
  savedItem(name: string): Locator {
    return this.page.locator('li.item:not(.item--pending)').filter({ has: this.item(name) });
  }

  /** An item's row, confirmed or not: what it says beside the name (who changed it, who has it) is in here. */
  itemRow(name: string): Locator {
    return this.page.locator('li.item').filter({ has: this.item(name) });
  }

  /** Opens an item's edit form in place of its row. */
  async openEditor(name: string): Promise<Locator> {
    await this.page.getByRole('button', { name: `Edit ${name}`, exact: true }).click();
    return this.page.getByRole('form', { name: `Edit ${name}` });
  }

  /**
   * Closes every edit form still open, unsaved, as a person does before
   * putting the phone away: with Escape in the form, which no notice on top
   * of its buttons can stop. An open form shows in place of its row.
   */
  async closeOpenEditors(): Promise<void> {
    for (const form of await this.page.locator('form[aria-label^="Edit "]').all()) {
      await form
        .getByLabel('Quantity')
        .press('Escape', { timeout: 2000 })
        .catch(() => undefined);
    }
  }

  async clearChecked(): Promise<void> {
    await this.page.getByRole('button', { name: 'Clear checked' }).click();
  }

  /** Every row on screen as a person reads it: name, amount ("×2", "2 l", or "" for none) and tick. */
  shownItems(): Promise<ShownItem[]> {
    return this.page.locator('li.item:not(.item--editing)').evaluateAll((rows) =>
      rows.map((row) => ({
        name: row.querySelector('.item__name')?.textContent ?? '',
        amount: row.querySelector('.item__quantity')?.textContent ?? '',
        checked: row.querySelector<HTMLInputElement>('.item__checkbox')?.checked ?? false,
      })),
    );
  }

  /** What the not-saved notice lists, one "change: reason" text each. */
  unsavedChangeTexts(): Promise<string[]> {
    return this.page.locator('.unsaved__text').allTextContents();
  }

  async removeItem(name: string): Promise<void> {
    await this.page.getByRole('button', { name: `Remove ${name}`, exact: true }).click();
  }

  /** The header's word on whether this person's changes are saved: "All changes saved", "Saving…", "4 changes waiting". */
  get syncStatus(): Locator {
    return this.page.getByRole('status').filter({ hasText: /^(All changes saved|Saving…|\d+ changes? waiting)$/ });
  }

  /** The changes the server refused, listed until dismissed. */
  get unsavedChanges(): Locator {
    return this.page.getByRole('region', { name: /not saved$/ });
  }

  /** Presses "Undo" on the notice of the latest action. */
  async undoFromNotice(): Promise<void> {
    await this.page.locator('.toast').getByRole('button', { name: 'Undo', exact: true }).click();
  }

  /** Waits until the service worker has the app cached, so that it opens with no connection. */
  async readyForOffline(): Promise<void> {
    await this.page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
  }

  get connection(): Locator {
    return this.page.getByRole('status', { name: /^Connection:/ });
  }

  async connectionLabel(): Promise<string> {
    return (await this.connection.getAttribute('aria-label')) ?? '';
  }

  /** Waits for a notice (toast) containing `text`. */
  async notice(text: string, timeoutMs = 5000): Promise<void> {
    await this.page.locator('.toast').filter({ hasText: text }).first().waitFor({ timeout: timeoutMs });
  }

  /** Dismisses every notice on screen (before a screenshot, say). */
  async dismissNotices(): Promise<void> {
    const close = this.page.locator('.toast__close').first();
    // Notices also leave by themselves, so one may be gone before its button is pressed.
    while ((await close.count()) > 0) await close.click({ timeout: 1000 }).catch(() => undefined);
  }

  /** The session token local sign-in stored, to act as this person through the API. */
  async sessionToken(): Promise<string> {
    return (await this.storedSession()).token;
  }

  /** The id of the person signed in here (local mode): the key their stored cache is kept under. */
  async signedInUserId(): Promise<string> {
    return (await this.storedSession()).user.id;
  }

  private async storedSession(): Promise<{ token: string; user: { id: string } }> {
    const stored = await this.page.evaluate(() => localStorage.getItem('honeydo.session'));
    const session = stored ? (JSON.parse(stored) as { token?: string; user?: { id?: string } }) : undefined;
    if (!session?.token || !session.user?.id) throw new Error('this page has no signed-in session');
    return { token: session.token, user: { id: session.user.id } };
  }
}
