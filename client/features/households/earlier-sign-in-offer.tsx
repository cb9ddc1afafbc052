import { useState } from 'react';
import type { HouseholdWithPresence, User } from '../../../shared/types';
import { sameDisplayName } from '../../../shared/display-name';
import { useToasts } from '../../components/toasts';
import { describeError } from '../../lib/api-errors';
import { isStringArray, readStored, writeStored } from '../../lib/storage';
import { trpc } from '../../lib/trpc';

const declinedKey = (householdId: string) => `honeydo.earlierSignIns.declined.${householdId}`;

/**
 * Earlier versions made a second member of whoever signed out and in again,
 * so a household may show "Sam" twice, one of them away for good. When the
 * server recognises the other Sam as a possible earlier sign-in of ours, we
 * ask: only the person knows. "Yes" merges it into us (its items become ours,
 * one Sam is left); "No" is remembered on this device.
 */
export function EarlierSignInOffer({ household, me }: { household: HouseholdWithPresence; me: User }) {
  const utils = trpc.useUtils();
  const toasts = useToasts();
  const [declined, setDeclined] = useState(() => readStored(declinedKey(household.id), isStringArray) ?? []);
  const hasNamesake = household.members.some((member) => member.id !== me.id && sameDisplayName(member.displayName, me.displayName));
  const offers = trpc.household.earlierSignIns.useQuery({ householdId: household.id }, { enabled: hasNamesake });
  const merge = trpc.household.mergeEarlierSignIn.useMutation({
    onSuccess: async () => {
      toasts.show(`Merged: you are the only ${me.displayName} in ${household.name} now.`);
      await Promise.all([
        utils.household.get.invalidate({ householdId: household.id }),
        utils.household.earlierSignIns.invalidate(),
        utils.shopping.items.invalidate(),
        utils.me.get.invalidate(),
      ]);
    },
  });

  const earlier = hasNamesake ? offers.data?.find((member) => !declined.includes(member.id)) : undefined;
  if (!earlier) return null;
  const decline = () => {
    const next = [...declined, earlier.id];
    setDeclined(next);
    writeStored(declinedKey(household.id), next);
  };

  return (
    <section className="earlier-sign-in" aria-labelledby="earlier-sign-in-title">
      <h2 id="earlier-sign-in-title" className="earlier-sign-in__title">
        Is the other {earlier.displayName} you?
      </h2>
      <p className="earlier-sign-in__text">
        {household.name} has another {earlier.displayName}, who joined on {new Date(earlier.joinedAt).toLocaleDateString()} and whom no device can sign in
        as any more. If that was you before you signed out, merge it: its items become yours and {household.name} keeps one {earlier.displayName}.
      </p>
      {merge.error && <p className="earlier-sign-in__error">{describeError(merge.error)}</p>}
      <div className="earlier-sign-in__actions">
        <button
          type="button"
          className="button button--small button--primary"
          disabled={merge.isPending}
          onClick={() => merge.mutate({ householdId: household.id, userId: earlier.id })}
        >
          Yes, that was me
        </button>
        <button type="button" className="button button--small button--ghost" disabled={merge.isPending} onClick={decline}>
          No, someone else
        </button>
      </div>
    </section>
  );
}
