/**
 * Web-analytics vocabulary: device / OS / browser mix, traffic sources,
 * shopper search queries and static site pages.
 *
 * Device, OS and browser weights approximate StatCounter United States shares
 * (2024-2025). OS weights are relative within a device class and browser
 * weights are relative within an OS. Combinations are kept realistic: Safari
 * only on Apple OSes, Samsung Internet only on Android, no Edge/Opera on Linux,
 * Chrome only on ChromeOS.
 */

import type { CategoryName } from './categories/catalogTypes.js';

type DeviceType = 'desktop' | 'mobile' | 'tablet';

export interface Weighted<T> {
  readonly value: T;
  readonly weight: number;
}

interface OperatingSystemProfile {
  readonly os: string;
  readonly weight: number;
  readonly browsers: readonly Weighted<string>[];
}

export interface DeviceProfile {
  readonly device: DeviceType;
  readonly weight: number; // share of sessions
  /** Conversion relative to mobile: purchase sessions draw their device with weight x conversion. */
  readonly conversion: number;
  readonly operatingSystems: readonly OperatingSystemProfile[];
}

/** Search terms are keyed by catalog category, so a category added to the catalog needs its terms too. */
export type SearchCategory = CategoryName;

export const DEVICE_PROFILES: readonly DeviceProfile[] = [
  {
    device: 'mobile',
    weight: 57,
    conversion: 1,
    operatingSystems: [
      {
        os: 'iOS',
        weight: 58,
        browsers: [
          { value: 'Safari', weight: 86 },
          { value: 'Chrome', weight: 14 },
        ],
      },
      {
        os: 'Android',
        weight: 42,
        browsers: [
          { value: 'Chrome', weight: 80 },
          { value: 'Samsung Internet', weight: 17 },
          { value: 'Firefox', weight: 3 },
        ],
      },
    ],
  },
  {
    device: 'desktop',
    weight: 38,
    // Monetate Ecommerce Quarterly, US: Q2 2016 computers 4.11% vs smartphones 1.34%, tablets 3.42%;
    // Q1 2019 desktop 4.44% vs mobile 1.79% (2.5x). Newer panels show a narrower gap, so ~2.2x.
    conversion: 2.2,
    operatingSystems: [
      {
        os: 'Windows',
        weight: 60,
        browsers: [
          { value: 'Chrome', weight: 66 },
          { value: 'Edge', weight: 22 },
          { value: 'Firefox', weight: 8 },
          { value: 'Opera', weight: 4 },
        ],
      },
      {
        os: 'macOS',
        weight: 30,
        browsers: [
          { value: 'Safari', weight: 48 },
          { value: 'Chrome', weight: 42 },
          { value: 'Firefox', weight: 6 },
          { value: 'Edge', weight: 4 },
        ],
      },
      {
        os: 'ChromeOS',
        weight: 6,
        browsers: [{ value: 'Chrome', weight: 100 }],
      },
      {
        os: 'Linux',
        weight: 4,
        browsers: [
          { value: 'Chrome', weight: 70 },
          { value: 'Firefox', weight: 30 },
        ],
      },
    ],
  },
  {
    device: 'tablet',
    weight: 5,
    conversion: 1.9,
    operatingSystems: [
      {
        os: 'iPadOS',
        weight: 65,
        browsers: [
          { value: 'Safari', weight: 85 },
          { value: 'Chrome', weight: 15 },
        ],
      },
      {
        os: 'Android',
        weight: 35,
        browsers: [
          { value: 'Chrome', weight: 75 },
          { value: 'Samsung Internet', weight: 25 },
        ],
      },
    ],
  },
];

export interface TrafficSource {
  readonly value: string;
  /** Percent of sessions. */
  readonly weight: number;
  /** Conversion relative to organic search: purchase sessions draw their source with weight x conversion. */
  readonly conversion: number;
  /** Share of browsing sessions with a single event. */
  readonly bounce: number;
}

/**
 * Marketing channel of a session. Shares: Episerver "Reimagining Commerce" 2020 (organic 19-27%, paid
 * search 14-18% of retail traffic). Conversion by channel, relative: Episerver 2020 / Endertech
 * (email 5.2% and referral 5.4% vs a ~2.5% average), Monetate 2019 (direct to site converts best on
 * desktop); social and display are cold traffic and convert least. Bounce by channel: Littledata via
 * Oberlo, US ecommerce Q2 2022: direct 51%, social 46%, email 35%, search 30% (average 47%); paid search
 * and referral between; display, the coldest, highest (most ecommerce sites 26-70%, Reflektion).
 */
export const TRAFFIC_SOURCES: readonly TrafficSource[] = [
  { value: 'organic_search', weight: 31, conversion: 1, bounce: 0.3 },
  { value: 'direct', weight: 22, conversion: 1.6, bounce: 0.5 },
  { value: 'paid_search', weight: 16, conversion: 1.2, bounce: 0.38 },
  { value: 'social', weight: 11, conversion: 0.45, bounce: 0.46 },
  { value: 'email', weight: 9, conversion: 2.2, bounce: 0.35 },
  { value: 'referral', weight: 7, conversion: 1.8, bounce: 0.4 },
  { value: 'display', weight: 4, conversion: 0.35, bounce: 0.55 },
];

export const SEARCH_TERMS_BY_CATEGORY: Readonly<Record<SearchCategory, readonly string[]>> = {
  Electronics: [
    'wireless earbuds',
    'noise cancelling headphones',
    'gaming laptop',
    'laptop 16gb ram',
    '65 inch tv',
    '4k smart tv',
    'oled tv',
    'usb c charger',
    'usb c cable 10ft',
    'power bank',
    'mirrorless camera',
    'action camera',
    'video doorbell',
    'smart plug',
    'security camera outdoor',
    'bluetooth speaker waterproof',
    'soundbar',
    'gaming headset',
    'wireless charger',
    'robot vacuum',
    'hdmi cable',
    'student laptop',
    'smart thermostat',
  ],
  Clothing: [
    'running shoes women',
    'mens running shoes',
    'womens leggings',
    'mens t shirts',
    'summer dress',
    'maxi dress',
    'rain jacket women',
    'mens puffer jacket',
    'chelsea boots',
    'straight leg jeans',
    'mens chino pants',
    'hoodie',
    'workout clothes women',
    'flannel shirt',
    'hiking boots women',
    'crossbody bag',
    'leather belt men',
    'sandals women',
    'baseball cap',
    'wool coat',
    'kids sneakers',
  ],
  'Home & Garden': [
    'sofa',
    'sectional couch',
    'coffee table',
    'queen sheet set',
    'cooling sheets',
    'weighted blanket',
    'air fryer',
    'cast iron skillet',
    'dutch oven',
    'area rug 8x10',
    'floor lamp',
    'bath towels',
    'raised garden bed',
    'patio furniture',
    'fire pit',
    'closet organizer',
    'storage bins',
    'blackout curtains',
    'bookshelf',
    'knife set',
    'gas grill',
    'wall mirror',
  ],
  Sports: [
    'adjustable dumbbells',
    'yoga mat',
    'resistance bands',
    'treadmill',
    'exercise bike',
    'kettlebell',
    'mountain bike',
    'bike helmet',
    'camping tent',
    'sleeping bag',
    'hiking backpack',
    'basketball',
    'soccer ball size 5',
    'golf balls',
    'putter',
    'massage gun',
    'foam roller',
    'paddle board',
    'life jacket',
    'weight bench',
    'baseball glove youth',
  ],
  Books: [
    'mystery books',
    'thriller novels',
    'fantasy books',
    'science fiction',
    'romance novels',
    'cookbook',
    'easy dinner cookbook',
    'baking book',
    'childrens books',
    'board books for babies',
    'bedtime stories',
    'biography',
    'memoir',
    'personal finance books',
    'investing for beginners',
    'leadership books',
    'book club picks',
    'large print books',
    'box set',
    'new releases fiction',
    'marketing textbook',
  ],
};

/** Non-product landing / page_view paths. '/' dominates. */
export const STATIC_PAGES: readonly Weighted<string>[] = [
  { value: '/', weight: 40 },
  { value: '/deals', weight: 12 },
  { value: '/new-arrivals', weight: 8 },
  { value: '/best-sellers', weight: 7 },
  { value: '/account', weight: 6 },
  { value: '/account/orders', weight: 5 },
  { value: '/wishlist', weight: 3 },
  { value: '/gift-cards', weight: 2 },
  { value: '/help', weight: 3 },
  { value: '/help/shipping', weight: 4 },
  { value: '/help/returns', weight: 3 },
  { value: '/help/order-status', weight: 2 },
  { value: '/about', weight: 1 },
  { value: '/contact', weight: 1 },
  { value: '/login', weight: 3 },
];
