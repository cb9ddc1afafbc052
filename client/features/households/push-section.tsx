import { useEffect, useState } from 'react';
import type { PushMode } from '../../../shared/push';
import type { HouseholdWithPresence } from '../../../shared/types';
import { FormError } from '../../components/form-error';
import { describeError } from '../../lib/api-errors';
import { trpc } from '../../lib/trpc';
import { pushSupported, PushUnavailable, subscribeThisBrowser, thisBrowserSubscribed } from '../../lib/web-push';

const MODE_LABELS: Record<PushMode, string> = {
  off: 'Off',
  everything: 'Everything: nudges at once, changes every few minutes',
  digest: 'A digest: one summary every few minutes',
};

/**
 * What this member wants pushed from the household while HoneyDo is closed.
 * The browser's permission is asked only when they turn it on, after the
 * sentence that says why.
 */
export function PushSection({ household }: { household: HouseholdWithPresence }) {
  const utils = trpc.useUtils();
  const settings = trpc.push.getSettings.useQuery({ householdId: household.id });
  const save = trpc.push.settings.useMutation({ onSuccess: (saved) => utils.push.getSettings.setData({ householdId: household.id }, (old) => old && { ...old, ...saved }) });
  const subscribe = trpc.push.subscribe.useMutation();
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [subscribedHere, setSubscribedHere] = useState<boolean | null>(null);
  useEffect(() => {
    void thisBrowserSubscribed().then(setSubscribedHere);
  }, []);

  const turnOnHere = async (publicKey: string) => {
    const subscription = await subscribeThisBrowser(publicKey);
    await subscribe.mutateAsync(subscription);
    setSubscribedHere(true);
  };

  const change = async (next: { mode: PushMode; details?: boolean }) => {
    if (!settings.data) return;
    setProblem(null);
    setBusy(true);
    try {
      if (next.mode !== 'off' && !subscribedHere) await turnOnHere(settings.data.publicKey);
      await save.mutateAsync({ householdId: household.id, ...next });
    } catch (error) {
      setProblem(error instanceof PushUnavailable ? error.message : describeError(error));
    } finally {
      setBusy(false);
    }
  };

  const mode = settings.data?.mode ?? 'off';
  const details = settings.data?.details ?? true;
  return (
    <section className="dialog__section stack stack--tight">
      <h3 className="section-title">Notifications</h3>
      <p className="muted">
        While HoneyDo is closed, it can tell you what the others change in {household.name} and pass on their nudges. Turning this on asks your
        browser to let HoneyDo show notifications.
      </p>
      {!pushSupported() && <p className="muted">This browser cannot show notifications from HoneyDo; your other devices can.</p>}
      <div className="field">
        <label htmlFor={`push-mode-${household.id}`}>Notify me</label>
        <select
          id={`push-mode-${household.id}`}
          value={mode}
          disabled={!settings.data || busy}
          onChange={(event) => void change({ mode: event.target.value as PushMode })}
        >
          {(Object.keys(MODE_LABELS) as PushMode[]).map((option) => (
            <option key={option} value={option}>
              {MODE_LABELS[option]}
            </option>
          ))}
        </select>
      </div>
      <label className="push-details">
        <input type="checkbox" checked={details} disabled={!settings.data || busy} onChange={(event) => void change({ mode, details: event.target.checked })} />
        Show item names and messages in notifications
      </label>
      {mode !== 'off' && subscribedHere === false && settings.data && (
        <button type="button" className="button button--ghost" disabled={busy} onClick={() => void change({ mode })}>
          Get them on this device too
        </button>
      )}
      <FormError message={problem ?? (settings.error && describeError(settings.error))} />
    </section>
  );
}
