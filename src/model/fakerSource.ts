// Only the en_US locale module is loaded: the package's main entry pulls in every locale (~40 MB RSS
// per thread). Its instance's class and merged definitions give us a Faker we can drive ourselves.
import type { Faker, LocaleDefinition, Randomizer } from '@faker-js/faker';
import { faker as fakerEnUs } from '@faker-js/faker/locale/en_US';
import { Rng } from '../core/random.js';

type FakerClass = new (options: { locale: LocaleDefinition; randomizer: Randomizer }) => Faker;

export const EN_US_DEFINITIONS: LocaleDefinition = fakerEnUs.rawDefinitions;

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
    const FakerConstructor = fakerEnUs.constructor as FakerClass;
    this.faker = new FakerConstructor({ locale: EN_US_DEFINITIONS, randomizer });
  }

  at(key: number, id: number): Faker {
    this.rng.reseed(key, id);
    return this.faker;
  }
}
