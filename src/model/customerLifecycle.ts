import { SECONDS_PER_DAY } from '../core/calendar.js';
import { hashUnit, type Rng } from '../core/random.js';
import type { EcomConfig } from '../config/configTypes.js';

/**
 * The fixed facts of a customer's life that decide when it buys, each a hash of (seed, customer id):
 * whether the account was opened in the checkout of a first order, and when the customer churns
 * (after it, it never orders again). Plus the account age a repeat order asks for.
 */
export class CustomerLifecycle {
  private readonly checkoutShare: number;
  private readonly meanLifetimeSeconds: number;
  private readonly earlyShare: number;
  private readonly earlyMeanSeconds: number;

  constructor(
    config: EcomConfig['customers']['lifecycle'],
    private readonly key: number,
  ) {
    this.checkoutShare = config.checkoutSignupShare;
    this.meanLifetimeSeconds = config.meanLifetimeDays * SECONDS_PER_DAY;
    this.earlyShare = config.earlyRepeat.share;
    this.earlyMeanSeconds = config.earlyRepeat.meanDays * SECONDS_PER_DAY;
  }

  /** Whether customer `id` opened its account while checking out its first order. */
  signsUpAtCheckout(id: number): boolean {
    return hashUnit(this.key, 2 * id) < this.checkoutShare;
  }

  /**
   * Seconds from registration until customer `id` churns: exponential, the continuous-time dropout
   * of the Pareto/NBD and BG/NBD "buy till you die" models.
   */
  lifetimeSeconds(id: number): number {
    return -this.meanLifetimeSeconds * Math.log(1 - hashUnit(this.key, 2 * id + 1));
  }

  /**
   * The account age (seconds) a repeat order asks for, or -1 for "any age". Most repeat orders go to
   * any live customer alike (so a cohort's activity decays as its customers churn); an early share
   * goes to young accounts, exponentially in age: the second purchase comes soonest after the first.
   */
  repeatAge(rng: Rng): number {
    return rng.chance(this.earlyShare) ? -this.earlyMeanSeconds * Math.log(1 - rng.float()) : -1;
  }
}
