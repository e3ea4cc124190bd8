import { BOOKS } from './books.js';
import type { Category } from './catalogTypes.js';
import { CLOTHING } from './clothing.js';
import { ELECTRONICS } from './electronics.js';
import { HOME_AND_GARDEN } from './homeAndGarden.js';
import { SPORTS } from './sports.js';

export type { Category, Subcategory } from './catalogTypes.js';

// Order matters: products draw their category by position in this list, so reordering it changes every
// product (and byte-identical output is how the split from one catalog.ts file was proven).
export const CATALOG: readonly Category[] = [ELECTRONICS, CLOTHING, HOME_AND_GARDEN, SPORTS, BOOKS];
