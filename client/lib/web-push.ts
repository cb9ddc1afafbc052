/**
 * This browser's side of Web Push: whether it can, asking the person's
 * permission (only when they turn notices on), and the subscription the
 * server sends to.
 */
export function pushSupported(): boolean {
  return 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;
}

export type PushSubscriptionJson = { endpoint: string; keys: { p256dh: string; auth: string } };

/** A refusal in words a person can act on. */
export class PushUnavailable extends Error {}

function asBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const base64 = base64url.replace(/-/g, '+').replace(/_/g, '/');
  const raw = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  return Uint8Array.from(raw, (char) => char.charCodeAt(0));
}

const sameKey = (subscription: PushSubscription, key: Uint8Array) => {
  const current = subscription.options.applicationServerKey;
  return !!current && new Uint8Array(current).every((byte, index) => byte === key[index]) && current.byteLength === key.length;
};

/**
 * Asks for permission if it was never given, then subscribes this browser
 * with the server's key (again, if it was subscribed with another).
 */
export async function subscribeThisBrowser(publicKey: string): Promise<PushSubscriptionJson> {
  if (!pushSupported()) throw new PushUnavailable('This browser cannot show notifications from HoneyDo.');
  const permission = Notification.permission === 'default' ? await Notification.requestPermission() : Notification.permission;
  if (permission !== 'granted') {
    throw new PushUnavailable('Notifications are blocked for HoneyDo in this browser: allow them in the site settings, then try again.');
  }
  const registration = await navigator.serviceWorker.ready;
  const key = asBytes(publicKey);
  let subscription = await registration.pushManager.getSubscription();
  if (subscription && !sameKey(subscription, key)) {
    await subscription.unsubscribe();
    subscription = null;
  }
  subscription ??= await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key }).catch(() => {
    throw new PushUnavailable('This browser could not reach its push service, so it cannot get notifications now: try again later.');
  });
  const json = subscription.toJSON();
  if (!json.endpoint || !json.keys?.p256dh || !json.keys.auth) throw new PushUnavailable('This browser gave no usable push subscription.');
  return { endpoint: json.endpoint, keys: { p256dh: json.keys.p256dh, auth: json.keys.auth } };
}

/** Whether this browser already gets notices (permission given and subscribed). */
export async function thisBrowserSubscribed(): Promise<boolean> {
  if (!pushSupported() || Notification.permission !== 'granted') return false;
  const registration = await navigator.serviceWorker.getRegistration();
  return !!(await registration?.pushManager.getSubscription());
}

/** Ends this browser's subscription (signing out): answers its endpoint, to tell the server, or null if there was none. */
export async function unsubscribeThisBrowser(): Promise<string | null> {
  if (!pushSupported()) return null;
  const registration = await navigator.serviceWorker.getRegistration();
  const subscription = await registration?.pushManager.getSubscription();
  if (!subscription) return null;
  await subscription.unsubscribe();
  return subscription.endpoint;
}
