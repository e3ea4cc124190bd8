/**
 * US states (50 + DC) with 2020 Census resident population, sales tax rates and NANP area codes in
 * service.
 *
 * Sources / conventions:
 * - population2020: 2020 Census resident population (apportionment-release
 *   resident counts, April 1 2020). Sum of the 51 entries = 331,449,281.
 * - Sales tax: Tax Foundation, "State and Local Sales Tax Rates, 2024" (rates as of January 1,
 *   2024; Sources: Sales Tax Clearinghouse, Tax Foundation calculations), as republished in its
 *   "Facts & Figures 2024", Table 18 "State & Local Sales Tax Rates". In basis points (7.25% -> 725):
 *   - stateSalesTaxBp: the statewide rate. California (1.25%), Utah (1.25%) and Virginia (1%) levy
 *     mandatory statewide local add-ons that the table counts in the state rate. Minnesota 6.875%,
 *     Missouri 4.225%, New Jersey 6.625% and New Mexico 4.875% have half basis points.
 *   - localSalesTaxBp: the population-weighted average of city, county and district rates. New
 *     Jersey's is negative: some of its jurisdictions collect 3.3125% instead of the state rate.
 *     Alaska has no state sales tax but local ones; Delaware, Montana, New Hampshire and Oregon have
 *     none (Montana's resort-area taxes are not counted).
 *   - salesTaxBp: the combined rate exactly as the table publishes it (two decimals of a percent),
 *     within half a basis point of state + local. Orders charge it on the shipping address's state:
 *     a remote seller collects at the buyer's location, and the average local rate stands for the
 *     buyer's city, county and district rates.
 * - areaCodes: geographic NANP area codes in service in the state (including
 *   overlays activated up to ~2023), sorted ascending; no code appears in more
 *   than one state.
 */

export interface UsState {
  readonly code: string; // 2-letter USPS code, e.g. 'CA'
  readonly name: string; // 'California'
  readonly population2020: number; // 2020 Census resident population, integer
  readonly salesTaxBp: number; // combined state + average local sales tax rate in basis points (8.85% -> 885)
  readonly stateSalesTaxBp: number; // statewide rate in basis points, may end in .5 (6.875% -> 687.5)
  readonly localSalesTaxBp: number; // population-weighted average local rate in basis points
  readonly areaCodes: readonly number[]; // NANP area codes in service in that state
}

export const US_STATES: readonly UsState[] = [
  { code: 'AK', name: 'Alaska', population2020: 733391, salesTaxBp: 182, stateSalesTaxBp: 0, localSalesTaxBp: 182, areaCodes: [907] },
  { code: 'AL', name: 'Alabama', population2020: 5024279, salesTaxBp: 929, stateSalesTaxBp: 400, localSalesTaxBp: 529, areaCodes: [205, 251, 256, 334, 659, 938] },
  { code: 'AR', name: 'Arkansas', population2020: 3011524, salesTaxBp: 945, stateSalesTaxBp: 650, localSalesTaxBp: 295, areaCodes: [327, 479, 501, 870] },
  { code: 'AZ', name: 'Arizona', population2020: 7151502, salesTaxBp: 838, stateSalesTaxBp: 560, localSalesTaxBp: 278, areaCodes: [480, 520, 602, 623, 928] },
  {
    code: 'CA',
    name: 'California',
    population2020: 39538223,
    salesTaxBp: 885,
    stateSalesTaxBp: 725,
    localSalesTaxBp: 160,
    areaCodes: [
      209, 213, 279, 310, 323, 350, 408, 415, 424, 442, 510, 530, 559, 562, 619, 626, 628, 650, 657, 661, 669, 707,
      714, 747, 760, 805, 818, 820, 831, 840, 858, 909, 916, 925, 949, 951,
    ],
  },
  { code: 'CO', name: 'Colorado', population2020: 5773714, salesTaxBp: 781, stateSalesTaxBp: 290, localSalesTaxBp: 491, areaCodes: [303, 719, 720, 970] },
  { code: 'CT', name: 'Connecticut', population2020: 3605944, salesTaxBp: 635, stateSalesTaxBp: 635, localSalesTaxBp: 0, areaCodes: [203, 475, 860, 959] },
  { code: 'DC', name: 'District of Columbia', population2020: 689545, salesTaxBp: 600, stateSalesTaxBp: 600, localSalesTaxBp: 0, areaCodes: [202, 771] },
  { code: 'DE', name: 'Delaware', population2020: 989948, salesTaxBp: 0, stateSalesTaxBp: 0, localSalesTaxBp: 0, areaCodes: [302] },
  {
    code: 'FL',
    name: 'Florida',
    population2020: 21538187,
    salesTaxBp: 700,
    stateSalesTaxBp: 600,
    localSalesTaxBp: 100,
    areaCodes: [
      239, 305, 321, 352, 386, 407, 448, 561, 656, 689, 727, 754, 772, 786, 813, 850, 863, 904, 941, 954,
    ],
  },
  {
    code: 'GA',
    name: 'Georgia',
    population2020: 10711908,
    salesTaxBp: 738,
    stateSalesTaxBp: 400,
    localSalesTaxBp: 338,
    areaCodes: [229, 404, 470, 478, 678, 706, 762, 770, 912],
  },
  { code: 'HI', name: 'Hawaii', population2020: 1455271, salesTaxBp: 450, stateSalesTaxBp: 400, localSalesTaxBp: 50, areaCodes: [808] },
  { code: 'IA', name: 'Iowa', population2020: 3190369, salesTaxBp: 694, stateSalesTaxBp: 600, localSalesTaxBp: 94, areaCodes: [319, 515, 563, 641, 712] },
  { code: 'ID', name: 'Idaho', population2020: 1839106, salesTaxBp: 603, stateSalesTaxBp: 600, localSalesTaxBp: 3, areaCodes: [208, 986] },
  {
    code: 'IL',
    name: 'Illinois',
    population2020: 12812508,
    salesTaxBp: 886,
    stateSalesTaxBp: 625,
    localSalesTaxBp: 261,
    areaCodes: [217, 224, 309, 312, 331, 447, 464, 618, 630, 708, 730, 773, 779, 815, 847, 872],
  },
  {
    code: 'IN',
    name: 'Indiana',
    population2020: 6785528,
    salesTaxBp: 700,
    stateSalesTaxBp: 700,
    localSalesTaxBp: 0,
    areaCodes: [219, 260, 317, 463, 574, 765, 812, 930],
  },
  { code: 'KS', name: 'Kansas', population2020: 2937880, salesTaxBp: 865, stateSalesTaxBp: 650, localSalesTaxBp: 215, areaCodes: [316, 620, 785, 913] },
  { code: 'KY', name: 'Kentucky', population2020: 4505836, salesTaxBp: 600, stateSalesTaxBp: 600, localSalesTaxBp: 0, areaCodes: [270, 364, 502, 606, 859] },
  { code: 'LA', name: 'Louisiana', population2020: 4657757, salesTaxBp: 956, stateSalesTaxBp: 445, localSalesTaxBp: 511, areaCodes: [225, 318, 337, 504, 985] },
  {
    code: 'MA',
    name: 'Massachusetts',
    population2020: 7029917,
    salesTaxBp: 625,
    stateSalesTaxBp: 625,
    localSalesTaxBp: 0,
    areaCodes: [339, 351, 413, 508, 617, 774, 781, 857, 978],
  },
  {
    code: 'MD',
    name: 'Maryland',
    population2020: 6177224,
    salesTaxBp: 600,
    stateSalesTaxBp: 600,
    localSalesTaxBp: 0,
    areaCodes: [227, 240, 301, 410, 443, 667],
  },
  { code: 'ME', name: 'Maine', population2020: 1362359, salesTaxBp: 550, stateSalesTaxBp: 550, localSalesTaxBp: 0, areaCodes: [207] },
  {
    code: 'MI',
    name: 'Michigan',
    population2020: 10077331,
    salesTaxBp: 600,
    stateSalesTaxBp: 600,
    localSalesTaxBp: 0,
    areaCodes: [231, 248, 269, 313, 517, 586, 616, 734, 810, 906, 947, 989],
  },
  {
    code: 'MN',
    name: 'Minnesota',
    population2020: 5706494,
    salesTaxBp: 804,
    stateSalesTaxBp: 687.5,
    localSalesTaxBp: 116,
    areaCodes: [218, 320, 507, 612, 651, 763, 952],
  },
  {
    code: 'MO',
    name: 'Missouri',
    population2020: 6154913,
    salesTaxBp: 839,
    stateSalesTaxBp: 422.5,
    localSalesTaxBp: 416,
    areaCodes: [235, 314, 417, 557, 573, 636, 660, 816, 975],
  },
  { code: 'MS', name: 'Mississippi', population2020: 2961279, salesTaxBp: 706, stateSalesTaxBp: 700, localSalesTaxBp: 6, areaCodes: [228, 601, 662, 769] },
  { code: 'MT', name: 'Montana', population2020: 1084225, salesTaxBp: 0, stateSalesTaxBp: 0, localSalesTaxBp: 0, areaCodes: [406] },
  {
    code: 'NC',
    name: 'North Carolina',
    population2020: 10439388,
    salesTaxBp: 700,
    stateSalesTaxBp: 475,
    localSalesTaxBp: 225,
    areaCodes: [252, 336, 472, 704, 743, 828, 910, 919, 980, 984],
  },
  { code: 'ND', name: 'North Dakota', population2020: 779094, salesTaxBp: 704, stateSalesTaxBp: 500, localSalesTaxBp: 204, areaCodes: [701] },
  { code: 'NE', name: 'Nebraska', population2020: 1961504, salesTaxBp: 697, stateSalesTaxBp: 550, localSalesTaxBp: 147, areaCodes: [308, 402, 531] },
  { code: 'NH', name: 'New Hampshire', population2020: 1377529, salesTaxBp: 0, stateSalesTaxBp: 0, localSalesTaxBp: 0, areaCodes: [603] },
  {
    code: 'NJ',
    name: 'New Jersey',
    population2020: 9288994,
    salesTaxBp: 660,
    stateSalesTaxBp: 662.5,
    localSalesTaxBp: -2,
    areaCodes: [201, 551, 609, 732, 848, 856, 862, 908, 973],
  },
  { code: 'NM', name: 'New Mexico', population2020: 2117522, salesTaxBp: 762, stateSalesTaxBp: 487.5, localSalesTaxBp: 274, areaCodes: [505, 575] },
  { code: 'NV', name: 'Nevada', population2020: 3104614, salesTaxBp: 824, stateSalesTaxBp: 685, localSalesTaxBp: 139, areaCodes: [702, 725, 775] },
  {
    code: 'NY',
    name: 'New York',
    population2020: 20201249,
    salesTaxBp: 853,
    stateSalesTaxBp: 400,
    localSalesTaxBp: 453,
    areaCodes: [
      212, 315, 332, 347, 516, 518, 585, 607, 631, 646, 680, 716, 718, 838, 845, 914, 917, 929, 934,
    ],
  },
  {
    code: 'OH',
    name: 'Ohio',
    population2020: 11799448,
    salesTaxBp: 724,
    stateSalesTaxBp: 575,
    localSalesTaxBp: 149,
    areaCodes: [216, 220, 234, 283, 326, 330, 380, 419, 440, 513, 567, 614, 740, 937],
  },
  { code: 'OK', name: 'Oklahoma', population2020: 3959353, salesTaxBp: 899, stateSalesTaxBp: 450, localSalesTaxBp: 449, areaCodes: [405, 539, 572, 580, 918] },
  { code: 'OR', name: 'Oregon', population2020: 4237256, salesTaxBp: 0, stateSalesTaxBp: 0, localSalesTaxBp: 0, areaCodes: [458, 503, 541, 971] },
  {
    code: 'PA',
    name: 'Pennsylvania',
    population2020: 13002700,
    salesTaxBp: 634,
    stateSalesTaxBp: 600,
    localSalesTaxBp: 34,
    areaCodes: [215, 223, 267, 272, 412, 445, 484, 570, 582, 610, 717, 724, 814, 835, 878],
  },
  { code: 'RI', name: 'Rhode Island', population2020: 1097379, salesTaxBp: 700, stateSalesTaxBp: 700, localSalesTaxBp: 0, areaCodes: [401] },
  { code: 'SC', name: 'South Carolina', population2020: 5118425, salesTaxBp: 750, stateSalesTaxBp: 600, localSalesTaxBp: 150, areaCodes: [803, 839, 843, 854, 864] },
  { code: 'SD', name: 'South Dakota', population2020: 886667, salesTaxBp: 611, stateSalesTaxBp: 420, localSalesTaxBp: 191, areaCodes: [605] },
  {
    code: 'TN',
    name: 'Tennessee',
    population2020: 6910840,
    salesTaxBp: 955,
    stateSalesTaxBp: 700,
    localSalesTaxBp: 255,
    areaCodes: [423, 615, 629, 731, 865, 901, 931],
  },
  {
    code: 'TX',
    name: 'Texas',
    population2020: 29145505,
    salesTaxBp: 820,
    stateSalesTaxBp: 625,
    localSalesTaxBp: 195,
    areaCodes: [
      210, 214, 254, 281, 325, 346, 361, 409, 430, 432, 469, 512, 682, 713, 726, 737, 806, 817, 830, 832, 903, 915,
      936, 940, 945, 956, 972, 979,
    ],
  },
  { code: 'UT', name: 'Utah', population2020: 3271616, salesTaxBp: 725, stateSalesTaxBp: 610, localSalesTaxBp: 115, areaCodes: [385, 435, 801] },
  {
    code: 'VA',
    name: 'Virginia',
    population2020: 8631393,
    salesTaxBp: 577,
    stateSalesTaxBp: 530,
    localSalesTaxBp: 47,
    areaCodes: [276, 434, 540, 571, 703, 757, 804, 826, 948],
  },
  { code: 'VT', name: 'Vermont', population2020: 643077, salesTaxBp: 636, stateSalesTaxBp: 600, localSalesTaxBp: 36, areaCodes: [802] },
  {
    code: 'WA',
    name: 'Washington',
    population2020: 7705281,
    salesTaxBp: 938,
    stateSalesTaxBp: 650,
    localSalesTaxBp: 288,
    areaCodes: [206, 253, 360, 425, 509, 564],
  },
  {
    code: 'WI',
    name: 'Wisconsin',
    population2020: 5893718,
    salesTaxBp: 570,
    stateSalesTaxBp: 500,
    localSalesTaxBp: 70,
    areaCodes: [262, 274, 414, 534, 608, 715, 920],
  },
  { code: 'WV', name: 'West Virginia', population2020: 1793716, salesTaxBp: 657, stateSalesTaxBp: 600, localSalesTaxBp: 57, areaCodes: [304, 681] },
  { code: 'WY', name: 'Wyoming', population2020: 576851, salesTaxBp: 544, stateSalesTaxBp: 400, localSalesTaxBp: 144, areaCodes: [307] },
];
