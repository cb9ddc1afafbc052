import type { z } from 'zod';
import type { PushSettings } from '../../../shared/push';
import type { pushInputs } from '../../../shared/push';
import { requireMembership } from '../../auth/membership';
import type { Db } from '../../db/client';
import { DomainError } from '../../domain-error';
import type { Commit } from '../../events/commit';
import { endpointProblem, type EndpointRules } from './endpoint-guard';
import { deleteSubscription, readSettings, saveSubscription, writeSettings } from './push-store';

/** This device gets the caller's notices from now on (at most `perUser` devices: the oldest other one makes way). */
export function subscribe(commit: Commit, rules: EndpointRules, perUser: number, input: z.infer<typeof pushInputs.subscribe>): Promise<void> {
  const problem = endpointProblem(input.endpoint, rules);
  if (problem) return Promise.reject(new DomainError('invalid', problem));
  return commit((tx, _emit, actor) =>
    saveSubscription(tx, { endpoint: input.endpoint, userId: actor.userId, p256dh: input.keys.p256dh, auth: input.keys.auth }, perUser, Date.now()),
  );
}

/** This device gets no more of the caller's notices; an endpoint that is not the caller's is left alone. */
export function unsubscribe(commit: Commit, input: z.infer<typeof pushInputs.unsubscribe>): Promise<{ removed: boolean }> {
  return commit((tx, _emit, actor) => ({ removed: deleteSubscription(tx, actor.userId, input.endpoint) }));
}

/** What the caller wants pushed from one household, on every device of theirs. */
export function changeSettings(commit: Commit, input: z.infer<typeof pushInputs.settings>): Promise<PushSettings> {
  return commit((tx, _emit, actor) => {
    requireMembership(tx, input.householdId, actor.userId);
    const settings = { mode: input.mode, details: input.details ?? readSettings(tx, input.householdId, actor.userId).details };
    writeSettings(tx, input.householdId, actor.userId, settings, Date.now());
    return settings;
  });
}

/** The caller's settings for a household (members only), and the key a browser subscribes with. */
export function settingsOf(db: Db, householdId: string, userId: string, publicKey: string): PushSettings & { publicKey: string } {
  requireMembership(db, householdId, userId);
  return { ...readSettings(db, householdId, userId), publicKey };
}
