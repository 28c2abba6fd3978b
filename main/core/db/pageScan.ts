/**
 * Reading records straight out of the pages of a damaged SQLite file (or of
 * the page images in its write-ahead log), without SQLite: what is left when
 * an interior page is zeroed or a page header is scribbled over, so that the
 * b-tree can no longer lead to the rows below it. The layout followed is
 * SQLite's documented file format (sqlite.org/fileformat2.html): b-tree page
 * headers, cell pointers, varints, record headers and overflow chains.
 *
 * Nothing decoded here is trusted as it stands: the caller keeps only records
 * that prove themselves (an event whose fingerprint matches its contents).
 */

export type RecordValue = null | number | bigint | string | Buffer;

/** Pages by number (from 1): each the newest image that could be read. */
export type PageSource = (pageNumber: number) => Buffer | undefined;

const LEAF_INDEX = 0x0a;
const LEAF_TABLE = 0x0d;

function varint(buf: Buffer, at: number): [value: number, length: number] | null {
  let value = 0;
  for (let i = 0; i < 9; i++) {
    if (at + i >= buf.length) return null;
    const byte = buf[at + i] ?? 0;
    if (i === 8) return [value * 256 + byte, 9];
    value = value * 128 + (byte & 0x7f);
    if ((byte & 0x80) === 0) return [value, i + 1];
  }
  return null;
}

function intOf(buf: Buffer, at: number, bytes: number): number | bigint {
  if (bytes === 8) return buf.readBigInt64BE(at);
  if (bytes === 6) return buf.readIntBE(at, 6);
  return buf.readIntBE(at, bytes);
}

const INT_BYTES: Record<number, number> = { 1: 1, 2: 2, 3: 3, 4: 4, 5: 6, 6: 8 };

/** One record (a row's values) from its bytes, or null if they do not read as one. */
export function decodeRecord(payload: Buffer): RecordValue[] | null {
  const head = varint(payload, 0);
  if (!head || head[0] < 1 || head[0] > payload.length) return null;
  const types: number[] = [];
  for (let at = head[1]; at < head[0]; ) {
    const type = varint(payload, at);
    if (!type) return null;
    types.push(type[0]);
    at += type[1];
  }
  const values: RecordValue[] = [];
  let at = head[0];
  for (const type of types) {
    let size: number;
    let value: RecordValue;
    if (type === 0 || type === 8 || type === 9) {
      size = 0;
      value = type === 0 ? null : type - 8;
    } else if (INT_BYTES[type] !== undefined) {
      size = INT_BYTES[type] ?? 0;
      if (at + size > payload.length) return null;
      value = intOf(payload, at, size);
    } else if (type === 7) {
      size = 8;
      if (at + size > payload.length) return null;
      value = payload.readDoubleBE(at);
    } else if (type >= 12) {
      size = Math.floor((type - 12) / 2);
      if (at + size > payload.length) return null;
      const bytes = payload.subarray(at, at + size);
      value = type % 2 === 0 ? Buffer.from(bytes) : bytes.toString('utf8');
    } else {
      return null;
    }
    values.push(value);
    at += size;
  }
  return values;
}

export interface Geometry {
  /** The usable bytes of a page: the page size less the bytes reserved at its end. */
  usable: number;
  /** How many pages there are: an overflow chain longer than that is not followed. */
  pageCount: number;
  source: PageSource;
  /** Only records with one of these numbers of values are wanted: a quick test that spares decoding most false starts. */
  columns?: readonly number[];
}

/** The whole payload of a cell: its local bytes and the rest from its overflow chain, or null if the chain breaks. */
function payloadOf(page: Buffer, at: number, size: number, leafKind: number, geometry: Geometry): Buffer | null {
  const u = geometry.usable;
  const maxLocal = leafKind === LEAF_TABLE ? u - 35 : Math.floor(((u - 12) * 64) / 255) - 23;
  if (size <= maxLocal) return at + size <= page.length ? page.subarray(at, at + size) : null;
  const minLocal = Math.floor(((u - 12) * 32) / 255) - 23;
  const k = minLocal + ((size - minLocal) % (u - 4));
  const local = k <= maxLocal ? k : minLocal;
  if (at + local + 4 > page.length) return null;
  const parts = [page.subarray(at, at + local)];
  let remaining = size - local;
  let next = page.readUInt32BE(at + local);
  for (let hops = 0; remaining > 0; hops++) {
    const overflow = next > 0 && next <= geometry.pageCount && hops < geometry.pageCount ? geometry.source(next) : undefined;
    if (!overflow) return null;
    const take = Math.min(remaining, u - 4);
    parts.push(overflow.subarray(4, 4 + take));
    remaining -= take;
    next = overflow.readUInt32BE(0);
  }
  return Buffer.concat(parts);
}

/** Whether the record header at `at` names one of the `wanted` numbers of values (read from the cell's local bytes). */
function headerHasColumns(page: Buffer, at: number, wanted: readonly number[]): boolean {
  const head = varint(page, at);
  const fewest = Math.min(...wanted);
  const most = Math.max(...wanted);
  if (!head || head[0] < fewest + 1 || head[0] > 9 * most + 9) return false;
  let count = 0;
  for (let i = at + head[1]; i < at + head[0]; count++) {
    const type = varint(page, i);
    if (!type) return false;
    i += type[1];
  }
  return wanted.includes(count);
}

/** A cell of a leaf page at `at`: its record, or null. */
function cellAt(page: Buffer, at: number, leafKind: number, geometry: Geometry): RecordValue[] | null {
  const size = varint(page, at);
  if (!size || size[0] === 0) return null;
  let start = at + size[1];
  if (leafKind === LEAF_TABLE) {
    const rowid = varint(page, start);
    if (!rowid) return null;
    start += rowid[1];
  }
  if (geometry.columns !== undefined && !headerHasColumns(page, start, geometry.columns)) return null;
  const payload = payloadOf(page, start, size[0], leafKind, geometry);
  return payload ? decodeRecord(payload) : null;
}

/**
 * Every record that can be read from one page. A leaf page whose header holds
 * is read through its cell pointers; any page is also read byte by byte (a
 * scribbled header, a page of the free list), since a false record is thrown
 * away by the caller's own check.
 */
export function recordsInPage(page: Buffer, pageNumber: number, geometry: Geometry, leafKind = LEAF_INDEX): RecordValue[][] {
  const found: RecordValue[][] = [];
  const headerAt = pageNumber === 1 ? 100 : 0;
  const type = page[headerAt];
  if (type === LEAF_INDEX || type === LEAF_TABLE) {
    const cells = page.readUInt16BE(headerAt + 3);
    for (let i = 0; i < cells; i++) {
      const pointer = headerAt + 8 + i * 2;
      if (pointer + 2 > page.length) break;
      const record = cellAt(page, page.readUInt16BE(pointer), type, geometry);
      if (record) found.push(record);
    }
  }
  for (let at = headerAt; at < geometry.usable - 4; at++) {
    const record = cellAt(page, at, leafKind, geometry);
    if (record) found.push(record);
  }
  return found;
}

/** Calls `each` with every record readable in every page `source` can give, from 1 to the page count. */
export function scanPages(geometry: Geometry, leafKind: number, each: (record: RecordValue[]) => void): void {
  for (let n = 1; n <= geometry.pageCount; n++) {
    const page = geometry.source(n);
    if (page) for (const record of recordsInPage(page, n, geometry, leafKind)) each(record);
  }
}

/** A database file's page size from its header, or the usual 4096 when the header is damaged. */
export function pageSizeOf(header: Buffer): number {
  if (header.length < 18) return 4096;
  const raw = header.readUInt16BE(16);
  const size = raw === 1 ? 65536 : raw;
  return size >= 512 && size <= 65536 && (size & (size - 1)) === 0 ? size : 4096;
}

export { LEAF_INDEX, LEAF_TABLE };
