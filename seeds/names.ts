import { type Rng, pick } from './lib/prng';

/** Tày/Nùng place-name heads: bản (village), nà (rice field), pác (mouth), khuổi (stream) … */
export const NAME_HEADS = ['Bản', 'Nà', 'Pác', 'Khuổi', 'Lũng', 'Nặm', 'Phja', 'Cốc', 'Khau', 'Pò', 'Nà', 'Bản'] as const;

/** Syllables that follow the head. */
export const NAME_SYLLABLES = [
  'Mạ', 'Pha', 'Slẻo', 'Rẹ', 'Giằng', 'Lạn', 'Cáy', 'Luông', 'Thin', 'Khoang', 'Vài', 'Mòn', 'Nưa', 'Tập', 'Sliến', 'Rầy',
  'Cạn', 'Khiêu', 'Ngà', 'Phường', 'Lừa', 'Quang', 'Mỏ', 'Đon', 'Tổng', 'Pài', 'Slam', 'Phiắc', 'Bó', 'Mười', 'Thoong', 'Kim',
  'Lẹng', 'Nhùng', 'Đáy', 'Mạn', 'Thượng', 'Chang', 'Sẳng', 'Vỏ', 'Hoi', 'Kéo', 'Duồng', 'Chả', 'Lầy', 'Toòng', 'Piò', 'Luổng',
] as const;

const SUFFIXES = ['Trên', 'Dưới', 'Trong', 'Ngoài'] as const; // upper, lower, inner, outer: how real hamlets split

/**
 * A generator of hamlet names unique within one commune.
 *
 * @example
 * const next = hamletNamer(rng); next() // "Nà Slẻo"
 */
export function hamletNamer(rng: Rng): () => string {
  const used = new Set<string>();
  return () => {
    for (let attempt = 0; attempt < 200; attempt++) {
      let name = `${pick(rng, NAME_HEADS)} ${pick(rng, NAME_SYLLABLES)}`;
      if (attempt > 40) name += ` ${pick(rng, NAME_SYLLABLES)}`;
      if (attempt > 120) name += ` ${pick(rng, SUFFIXES)}`;
      if (!used.has(name)) {
        used.add(name);
        return name;
      }
    }
    const name = `Bản ${used.size + 1}`;
    used.add(name);
    return name;
  };
}
