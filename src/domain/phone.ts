/** Normalises Vietnamese phone numbers to 0xxxxxxxxx; null when it is not one. */
export function normalisePhone(text: string): string | null {
  let digits = text.replace(/[\s.-]/g, '');
  if (digits.startsWith('+84')) digits = `0${digits.slice(3)}`;
  else if (digits.startsWith('84') && digits.length === 11) digits = `0${digits.slice(2)}`;
  return /^0\d{9,10}$/.test(digits) ? digits : null;
}
