// Who a session is (device class, traffic source) and how long it runs, for the two kinds of session:
// purchase sessions draw device and source from a conversion-weighted mix, browsing sessions from the
// rest of the traffic, so the overall mix keeps the vocabulary's shares while conversion differs by
// device and source. Bounce (a single event) depends on the source.
import type { Rng } from '../../../core/random.js';
import { WeightedChoice } from '../../../core/weighted.js';
import type { EcomConfig } from '../../../config/configTypes.js';
import { DEVICE_PROFILES, TRAFFIC_SOURCES } from '../../../vocab/web.js';

/**
 * The two choices of one attribute. `shares` are the traffic's, `conversion` the relative conversion
 * of each value: purchase sessions pick with weight share x conversion, browsing sessions with what is
 * left of the share once the purchases (a `rate` of all sessions) have taken theirs.
 */
function splitMix(
  shares: readonly number[],
  conversion: readonly number[],
  rate: number,
): { purchase: WeightedChoice<number>; browse: WeightedChoice<number>; browseWeights: readonly number[] } {
  const indexes = shares.map((_, index) => index);
  const shareSum = shares.reduce((a, b) => a + b, 0);
  const purchaseWeights = shares.map((share, index) => (share / shareSum) * (conversion[index] as number));
  const purchaseSum = purchaseWeights.reduce((a, b) => a + b, 0);
  const browseWeights = shares.map((share, index) => Math.max(share / shareSum - (rate * (purchaseWeights[index] as number)) / purchaseSum, 0));
  return { purchase: new WeightedChoice(indexes, purchaseWeights), browse: new WeightedChoice(indexes, browseWeights), browseWeights };
}

export class SessionMix {
  readonly purchaseDevice: WeightedChoice<number>;
  readonly browseDevice: WeightedChoice<number>;
  readonly purchaseSource: WeightedChoice<number>;
  readonly browseSource: WeightedChoice<number>;
  private readonly bounce: readonly number[];
  private readonly maxLength: number;
  private readonly logStay: number;
  private readonly tailMass: number;
  /** Mean events of a browsing session, bounces included (what sizes the clickstream's span). */
  readonly meanBrowseLength: number;

  constructor(config: EcomConfig) {
    const web = config.webEvents;
    const rate = web.targetConversionRate;
    const devices = splitMix(DEVICE_PROFILES.map((d) => d.weight), DEVICE_PROFILES.map((d) => d.conversion), rate);
    const sources = splitMix(TRAFFIC_SOURCES.map((s) => s.weight), TRAFFIC_SOURCES.map((s) => s.conversion), rate);
    this.purchaseDevice = devices.purchase;
    this.browseDevice = devices.browse;
    this.purchaseSource = sources.purchase;
    this.browseSource = sources.browse;
    this.bounce = TRAFFIC_SOURCES.map((s) => s.bounce);
    this.maxLength = Math.max(2, web.maxSessionEvents);
    // Sessions that do not bounce: 2 + a geometric number of events with the configured mean, its tail
    // beyond the cap cut off by inverse transform (a redraw in effect), so nothing piles up at the cap.
    const stay = Math.min(Math.max(1 - 1 / Math.max(web.meanSessionEvents - 1, 1), 0), 0.999999);
    this.logStay = Math.log(stay);
    this.tailMass = stay > 0 ? 1 - Math.pow(stay, this.maxLength - 1) : 1;
    let engagedMean = 0;
    let mass = 0;
    for (let length = 2; length <= this.maxLength; length++) {
      const p = Math.pow(stay, length - 2);
      engagedMean += p * length;
      mass += p;
    }
    engagedMean = mass > 0 ? engagedMean / mass : 2;
    let mean = 0;
    let weightSum = 0;
    TRAFFIC_SOURCES.forEach((source, index) => {
      const weight = sources.browseWeights[index] as number;
      mean += weight * (source.bounce + (1 - source.bounce) * engagedMean);
      weightSum += weight;
    });
    this.meanBrowseLength = weightSum > 0 ? mean / weightSum : engagedMean;
  }

  /** Events of a browsing session from `source`: 1 for a bounce, else the capped geometric law. */
  browseLength(rng: Rng, source: number): number {
    if (rng.chance(this.bounce[source] as number)) return 1;
    if (this.logStay === Number.NEGATIVE_INFINITY || this.tailMass <= 0) return 2;
    const extra = Math.floor(Math.log(1 - rng.float() * this.tailMass) / this.logStay);
    return Math.min(2 + extra, this.maxLength);
  }
}
