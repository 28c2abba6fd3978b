/**
 * How many parts a text message takes (3GPP TS 23.038). Messages in the basic
 * GSM 7-bit alphabet carry 160 characters, or 153 a part when joined; one
 * character outside it (an emoji, a curly quote) sends the whole message as
 * UCS-2: 70 characters, or 67 a part when joined.
 */

const BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
/** Characters from the extension table: each costs two (an escape, then the character). */
const EXTENDED = new Set('\f^{}\\[~]|€');

export interface SmsSize {
  encoding: 'gsm7' | 'ucs2';
  /** Characters as the network counts them: septets for GSM 7-bit, UTF-16 units for UCS-2. */
  units: number;
  parts: number;
}

export function smsSize(text: string): SmsSize {
  let septets = 0;
  for (const character of text) {
    if (BASIC.has(character)) septets += 1;
    else if (EXTENDED.has(character)) septets += 2;
    else return sized('ucs2', text.length, 70, 67);
  }
  return sized('gsm7', septets, 160, 153);
}

function sized(encoding: SmsSize['encoding'], units: number, single: number, perPart: number): SmsSize {
  return { encoding, units, parts: units === 0 ? 0 : units <= single ? 1 : Math.ceil(units / perPart) };
}
