/// <reference lib="webworker" />
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { noticePath, type PushNotice } from '../shared/push';

/**
 * HoneyDo's service worker. The app shell (HTML, JS, CSS, icons) is
 * precached so that HoneyDo opens with no connection; a push shows the
 * server's notice; a click on it opens the list it is about.
 */
declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (string | { url: string; revision: string | null })[] };

// A new build's worker takes over at once; the open page keeps running its
// code and gets the new shell on its next load (no forced reload in the
// middle of someone's shopping).
void self.skipWaiting();
clientsClaim();
cleanupOutdatedCaches();
precacheAndRoute(self.__WB_MANIFEST);
// Any path of the SPA (an invite link, say) opens offline too; the API, the
// health check and the metrics are never answered from a cache.
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html'), { denylist: [/^\/trpc/, /^\/healthz/, /^\/metrics/] }));

/** Lines of earlier digests kept under a new one that replaces them on the screen. */
const EARLIER_LINES = 4;

function isNotice(value: unknown): value is PushNotice {
  const notice = value as PushNotice | null;
  return typeof notice === 'object' && notice !== null && notice.v === 1 && typeof notice.title === 'string' && typeof notice.householdId === 'string';
}

function readNotice(event: PushEvent): PushNotice | null {
  try {
    const data: unknown = event.data?.json();
    return isNotice(data) ? data : null;
  } catch {
    return null;
  }
}

/** A digest replaces the household's earlier one on the screen (one tag), keeping what it said below the news. */
async function showNotice(notice: PushNotice): Promise<void> {
  const [earlier] = await self.registration.getNotifications({ tag: notice.tag });
  const earlierBody = notice.kind === 'digest' && earlier ? earlier.body : '';
  const body = [notice.body, ...earlierBody.split('\n')].filter(Boolean).slice(0, EARLIER_LINES + 1).join('\n');
  await self.registration.showNotification(notice.title, {
    body,
    tag: notice.tag,
    icon: '/favicon.svg',
    badge: '/favicon.svg',
    data: { path: noticePath(notice) },
  });
}

self.addEventListener('push', (event) => {
  const notice = readNotice(event);
  // A push must show something (userVisibleOnly); one we cannot read says so.
  event.waitUntil(notice ? showNotice(notice) : self.registration.showNotification('HoneyDo', { body: 'Something changed in your household.' }));
});

/** Opens the list in the window HoneyDo already has (there it navigates to it), or in a new one. */
async function openNotice(path: string): Promise<void> {
  const url = new URL(path, self.location.origin).href;
  const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  const open = windows.find((client) => new URL(client.url).origin === self.location.origin);
  if (!open) {
    await self.clients.openWindow(url);
    return;
  }
  // A window the worker does not control yet cannot be navigated: a new one opens instead.
  const navigated = await open.navigate(url).catch(() => null);
  if (!navigated) {
    await self.clients.openWindow(url);
    return;
  }
  await navigated.focus().catch(() => undefined);
}

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const data = event.notification.data as { path?: unknown } | null;
  const path = typeof data?.path === 'string' && data.path.startsWith('/') ? data.path : '/';
  event.waitUntil(openNotice(path));
});
