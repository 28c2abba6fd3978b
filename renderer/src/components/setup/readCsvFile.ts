import { MAX_IMPORT_CHARACTERS } from '../../../../shared/clinicianImport.ts';

/** Far more bytes than the most characters a list of clinicians may have: not worth reading. */
const MAX_BYTES = MAX_IMPORT_CHARACTERS * 4;

/**
 * A chosen file's text. Excel's "CSV UTF-8" is read as UTF-8; its older plain
 * "CSV" is Windows-1252, so a file that is not valid UTF-8 is read that way
 * rather than turned into question marks.
 */
export async function readCsvFile(file: File): Promise<{ ok: true; text: string } | { ok: false; message: string }> {
  if (file.size > MAX_BYTES) {
    return { ok: false, message: `That file is too big for a list of clinicians (more than ${MAX_IMPORT_CHARACTERS.toLocaleString('en-GB')} characters). Check it is the right file.` };
  }
  const bytes = await file.arrayBuffer();
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { ok: true, text: new TextDecoder('windows-1252').decode(bytes) };
  }
}
