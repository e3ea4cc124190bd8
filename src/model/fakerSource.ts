import { Faker, base, en, en_US, type Randomizer } from '@faker-js/faker';
import { Rng } from '../core/random.js';

/**
 * faker driven by our counter-based generator: positioning `rng` on a row (three hashes) replaces
 * faker's seed(), which costs ~25 us a call and would dominate the cost of a row.
 */
export class FakerSource {
  readonly rng = new Rng();
  readonly faker: Faker;

  constructor() {
    const rng = this.rng;
    const randomizer: Randomizer = {
      next: () => rng.double(),
      seed: () => {
        throw new Error('faker is positioned through FakerSource.rng.reseed, never seed()');
      },
    };
    this.faker = new Faker({ locale: [en_US, en, base], randomizer });
  }

  at(key: number, id: number): Faker {
    this.rng.reseed(key, id);
    return this.faker;
  }
}
