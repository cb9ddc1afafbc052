import type { Agent } from 'node:https';
import type { Logger } from 'pino';
import webpush, { WebPushError } from 'web-push';
import type { PushNotice } from '../../../shared/push';
import { endpointProblem, type EndpointRules } from './endpoint-guard';
import type { StoredSubscription } from './push-store';
import type { VapidKeys } from './vapid-keys';

/**
 * Largest notice sent, as JSON. The push services take 4096 bytes of
 * encrypted record; the aes128gcm header, tag and padding leave about 3,990
 * for the text. Notices are worded far shorter (compose-notice.ts).
 */
export const MAX_PUSH_PAYLOAD_BYTES = 3072;

/** How long a push service gets to answer one notice. */
const SEND_TIMEOUT_MS = 10_000;

/** How long the push service keeps a notice for a device that is off, and how eagerly it wakes the device. */
export interface Delivery {
  ttlSeconds: number;
  urgency: 'very-low' | 'low' | 'normal' | 'high';
}

export type SendOutcome = 'sent' | 'gone' | 'failed';

export interface PushSenderOptions {
  vapid: VapidKeys & { subject: string };
  agent: Agent;
  rules: EndpointRules;
  log: Logger;
  /** An endpoint its push service called gone (404, 410): forget it. */
  onGone: (endpoint: string) => void;
}

/** Encrypts (RFC 8291) and sends one notice to one device with web-push, signed with the server's VAPID key (RFC 8292). */
export class PushSender {
  constructor(private readonly options: PushSenderOptions) {}

  async send(subscription: StoredSubscription, notice: PushNotice, delivery: Delivery): Promise<SendOutcome> {
    const { vapid, agent, rules, log, onGone } = this.options;
    const problem = endpointProblem(subscription.endpoint, rules);
    if (problem) {
      log.warn({ userId: subscription.userId, problem }, 'push endpoint refused; subscription removed');
      onGone(subscription.endpoint);
      return 'gone';
    }
    const payload = JSON.stringify(notice);
    if (Buffer.byteLength(payload) > MAX_PUSH_PAYLOAD_BYTES) {
      log.error({ kind: notice.kind, bytes: Buffer.byteLength(payload) }, 'push notice too large; not sent');
      return 'failed';
    }
    try {
      await webpush.sendNotification({ endpoint: subscription.endpoint, keys: { p256dh: subscription.p256dh, auth: subscription.auth } }, payload, {
        vapidDetails: { subject: vapid.subject, publicKey: vapid.publicKey, privateKey: vapid.privateKey },
        TTL: delivery.ttlSeconds,
        urgency: delivery.urgency,
        contentEncoding: 'aes128gcm',
        timeout: SEND_TIMEOUT_MS,
        agent,
      });
      return 'sent';
    } catch (error) {
      if (error instanceof WebPushError && (error.statusCode === 404 || error.statusCode === 410)) {
        log.info({ userId: subscription.userId, status: error.statusCode }, 'push subscription gone; removed');
        onGone(subscription.endpoint);
        return 'gone';
      }
      const status = error instanceof WebPushError ? error.statusCode : undefined;
      log.warn({ userId: subscription.userId, status, err: status ? undefined : error }, 'push notice not delivered');
      return 'failed';
    }
  }
}
