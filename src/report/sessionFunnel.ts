import type { FunnelStep, SourceConversion } from './reportTypes.js';

/** The funnel's steps after "session", by the event type that reaches each. */
const STEPS: readonly { readonly event: string; readonly label: string }[] = [
  { event: 'product_view', label: 'view' },
  { event: 'add_to_cart', label: 'cart' },
  { event: 'begin_checkout', label: 'checkout' },
  { event: 'purchase', label: 'purchase' },
];
const PURCHASE_BIT = 1 << (STEPS.length - 1);

function stepBit(eventType: string): number {
  const index = STEPS.findIndex((step) => step.event === eventType);
  return index < 0 ? 0 : 1 << index;
}

/** Per label: sessions, then sessions reaching each step. */
class StepCounts {
  private readonly counts = new Map<string, number[]>();

  add(label: string, flags: number): void {
    let entry = this.counts.get(label);
    if (!entry) this.counts.set(label, (entry = new Array<number>(STEPS.length + 1).fill(0)));
    entry[0] = (entry[0] as number) + 1;
    STEPS.forEach((_, index) => {
      if (flags & (1 << index)) entry[index + 1] = (entry[index + 1] as number) + 1;
    });
  }

  /** Labels with the most sessions first. */
  sorted(): [string, number[]][] {
    return [...this.counts.entries()].sort((a, b) => (b[1][0] as number) - (a[1][0] as number) || (a[0] < b[0] ? -1 : 1));
  }
}

/**
 * Funnel steps per device and conversion per traffic source, from web events in file order. Like the
 * profile's SessionTally, only the current session is held (a session's events are consecutive, WEB-10),
 * so memory does not grow with the sessions; a session's device and source are those of its first event.
 */
export class SessionFunnel {
  private current: string | undefined;
  private flags = 0;
  private device = '';
  private source = '';
  private readonly byDevice = new StepCounts();
  private readonly bySource = new StepCounts();
  sessions = 0;
  converted = 0;

  add(session: string, eventType: string, device: string, source: string): void {
    if (session !== this.current) {
      this.close();
      this.current = session;
      this.device = device;
      this.source = source;
    }
    this.flags |= stepBit(eventType);
  }

  /** Counts the session in progress: call once after the last event. */
  close(): void {
    if (this.current === undefined) return;
    this.sessions++;
    if (this.flags & PURCHASE_BIT) this.converted++;
    this.byDevice.add(this.device, this.flags);
    this.bySource.add(this.source, this.flags);
    this.current = undefined;
    this.flags = 0;
  }

  funnel(): FunnelStep[] {
    return this.byDevice.sorted().flatMap(([device, counts]) => {
      const sessions = counts[0] as number;
      return ['session', ...STEPS.map((step) => step.label)].map((step, order) => ({ device, step, order, sessions: counts[order] as number, share: (counts[order] as number) / sessions }));
    });
  }

  sources(): SourceConversion[] {
    return this.bySource.sorted().map(([source, counts]) => {
      const sessions = counts[0] as number;
      const converted = counts[STEPS.length] as number;
      return { source, sessions, converted, conversion: converted / sessions };
    });
  }
}
