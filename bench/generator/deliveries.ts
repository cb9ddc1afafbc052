import { quantile, maxOf } from '../stats';

/**
 * One clock (this process's `performance.now()`) for send and receive: a
 * mutation's send time is stored under its sequence number, which travels in
 * the item's name; the receiving member's socket looks it up.
 */
export class DeliveryTracker {
  private readonly sentAt: Float64Array;
  private readonly sender: Int32Array;
  private readonly acked: Uint8Array;
  private readonly latency: Float64Array;
  duplicates = 0;

  constructor(capacity: number) {
    this.sentAt = new Float64Array(capacity);
    this.sender = new Int32Array(capacity).fill(-1);
    this.acked = new Uint8Array(capacity);
    this.latency = new Float64Array(capacity).fill(-1);
  }

  get capacity(): number {
    return this.sentAt.length;
  }

  sent(seq: number, senderIndex: number): void {
    this.sentAt[seq] = performance.now();
    this.sender[seq] = senderIndex;
  }

  ack(seq: number): void {
    this.acked[seq] = 1;
  }

  /** A frame for `seq` reached member `receiverIndex`; the sender's own echo (HoneyDo sends one) is not a delivery. */
  received(seq: number, receiverIndex: number): void {
    if (seq >= this.capacity || this.sender[seq] === receiverIndex) return;
    if ((this.latency[seq] as number) >= 0) {
      this.duplicates++;
      return;
    }
    this.latency[seq] = performance.now() - (this.sentAt[seq] as number);
  }

  /** Acknowledged mutations in [from, to) whose event has not arrived. */
  pending(from: number, to: number): number {
    let missing = 0;
    for (let seq = from; seq < to; seq++) if (this.acked[seq] && (this.latency[seq] as number) < 0) missing++;
    return missing;
  }

  summary(from: number, to: number) {
    const samples: number[] = [];
    let acked = 0;
    let lost = 0;
    for (let seq = from; seq < to; seq++) {
      const latency = this.latency[seq] as number;
      if (this.acked[seq]) acked++;
      if (latency >= 0) samples.push(latency);
      else if (this.acked[seq]) lost++;
    }
    return { delivered: samples.length, acked, lost, p50: quantile(samples, 0.5), p99: quantile(samples, 0.99), max: maxOf(samples) };
  }
}
