/** Comparison key for Vietnamese names: no diacritics, no case, single spaces ("Đỗ  Thị Ánh" → "do thi anh"). */
export function nameKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[\u0111\u0110]/g, 'd') // đ and Đ do not decompose in NFD
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** A name as the user typed it, with runs of spaces collapsed and Unicode composed (NFC). */
export function tidyName(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** Letters (any script, with marks), spaces and . ' - ( ) digits; at least two letters; not only a number. */
export function isPlausibleFullName(text: string): boolean {
  const name = tidyName(text);
  return (
    name.length <= 80 &&
    /^[\p{L}\p{M}][\p{L}\p{M}0-9 .'()-]*$/u.test(name) &&
    (name.match(/\p{L}/gu) ?? []).length >= 2
  );
}
