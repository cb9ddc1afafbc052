import { z } from 'zod';

/**
 * Long enough for a phone on a slow network, short enough that a request
 * lost in a dead network is not waited for: the changes then keep waiting.
 */
const ANSWER_TIMEOUT_MS = 3000;

/** What HoneyDo's `/healthz` says; a captive portal's or a proxy's page does not say it. */
const healthy = z.object({ status: z.literal('ok') });

/** Whether HoneyDo at `origin` answers over HTTP right now. Never throws: no answer is `false`. */
export async function honeyDoAnswers(origin: string, timeoutMs = ANSWER_TIMEOUT_MS): Promise<boolean> {
  try {
    const response = await fetch(`${origin}/healthz`, { cache: 'no-store', signal: AbortSignal.timeout(timeoutMs) });
    return response.ok && healthy.safeParse(await response.json()).success;
  } catch {
    return false;
  }
}
