// A column of numbers kept as Int32 (4 bytes) while every value fits, as real data does (ids, epoch
// seconds before 2038), and as Float64 from the first value that does not.
const NAN_MARK = -2147483648;

export class NumberColumn {
  private ints: Int32Array | undefined;
  private doubles = new Float64Array(0);

  constructor(private readonly length: number) {
    this.ints = new Int32Array(length);
  }

  set(index: number, value: number): void {
    const ints = this.ints;
    if (ints) {
      if (value === (value | 0) && value !== NAN_MARK) {
        ints[index] = value;
        return;
      }
      if (Number.isNaN(value)) {
        ints[index] = NAN_MARK;
        return;
      }
      this.widen(ints);
    }
    this.doubles[index] = value;
  }

  get(index: number): number {
    const ints = this.ints;
    if (ints) {
      const value = ints[index] as number;
      return value === NAN_MARK ? Number.NaN : value;
    }
    return this.doubles[index] as number;
  }

  private widen(ints: Int32Array): void {
    const doubles = new Float64Array(this.length);
    for (let index = 0; index < ints.length; index++) {
      const value = ints[index] as number;
      doubles[index] = value === NAN_MARK ? Number.NaN : value;
    }
    this.doubles = doubles;
    this.ints = undefined;
  }
}
