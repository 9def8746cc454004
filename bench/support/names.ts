// Distinct, plausible Vietnamese full names for seeded rosters (deterministic).
const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý'];
const MIDDLE = ['Văn', 'Thị', 'Hữu', 'Minh', 'Thanh', 'Quốc', 'Ngọc', 'Đức', 'Thu', 'Xuân'];
const GIVEN = ['An', 'Bình', 'Cường', 'Dung', 'Giang', 'Hà', 'Hải', 'Hòa', 'Hùng', 'Khánh', 'Lan', 'Linh', 'Long', 'Mai', 'Nam', 'Nga', 'Phúc', 'Quang', 'Sơn', 'Tâm', 'Thảo', 'Trung', 'Tuấn', 'Vinh', 'Yến'];

/** The i-th name; distinct for i < 4,000. */
export function memberName(i: number): string {
  const given = GIVEN[i % GIVEN.length]!;
  const middle = MIDDLE[Math.floor(i / GIVEN.length) % MIDDLE.length]!;
  const family = FAMILY[Math.floor(i / (GIVEN.length * MIDDLE.length)) % FAMILY.length]!;
  return `${family} ${middle} ${given}`;
}

/** A small seeded PRNG (mulberry32), so a run's ground truth can be reproduced. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
