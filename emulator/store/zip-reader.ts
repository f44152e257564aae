// Random access to the parts of a zip file (an .xlsx is one), from its central directory.
// exceljs' streaming WorkbookReader walks the zip front to back with unzipper's forward parser, which
// drops entries now and then when a workbook has several sheets (exceljs issue #2790: sheets, styles and
// shared strings silently missing). Reading the central directory instead also lets the caller take the
// parts in the order it needs them (workbook, shared strings, styles, then sheets) with no temp files.
import fs from 'node:fs';
import zlib from 'node:zlib';
import { Readable } from 'node:stream';

export interface ZipEntry {
  name: string;
  method: number; // 0 stored, 8 deflated
  compressedSize: number;
  localHeaderOffset: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const ZIP64_EXTRA = 0x0001;
const MAX_EOCD_SEARCH = 22 + 0xffff;

export class ZipReader {
  private constructor(
    private readonly file: string,
    private readonly fd: number,
    readonly entries: Map<string, ZipEntry>,
  ) {}

  static open(file: string): ZipReader {
    const fd = fs.openSync(file, 'r');
    try {
      return new ZipReader(file, fd, readCentralDirectory(file, fd));
    } catch (e) {
      fs.closeSync(fd);
      throw e;
    }
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  /** The entry's uncompressed bytes as a stream. */
  stream(name: string): Readable {
    const entry = this.entries.get(name);
    if (!entry) throw new Error(`${this.file}: no part ${name}`);
    const header = Buffer.alloc(30);
    fs.readSync(this.fd, header, 0, 30, entry.localHeaderOffset);
    if (header.readUInt32LE(0) !== LOCAL_SIGNATURE) throw new Error(`${this.file}: bad local header for ${name}`);
    const start = entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
    if (entry.compressedSize === 0) return Readable.from([]);
    // Default chunk sizes on purpose: exceljs turns each chunk into an array of parse events at once, and
    // bigger chunks push those into the old generation (measured: GC time doubles with 256 KB chunks).
    const raw = fs.createReadStream(this.file, { start, end: start + entry.compressedSize - 1 });
    if (entry.method === 0) return raw;
    if (entry.method !== 8) throw new Error(`${this.file}: ${name} uses compression method ${entry.method}`);
    const inflate = zlib.createInflateRaw();
    raw.on('error', (e) => inflate.destroy(e));
    return raw.pipe(inflate);
  }

  close(): void {
    fs.closeSync(this.fd);
  }
}

function readCentralDirectory(file: string, fd: number): Map<string, ZipEntry> {
  const size = fs.fstatSync(fd).size;
  const tailLength = Math.min(size, MAX_EOCD_SEARCH);
  const tail = Buffer.alloc(tailLength);
  fs.readSync(fd, tail, 0, tailLength, size - tailLength);
  let eocd = -1;
  for (let i = tailLength - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD_SIGNATURE) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error(`${file} is not a zip file (no end of central directory)`);
  const count = tail.readUInt16LE(eocd + 10);
  const cdSize = tail.readUInt32LE(eocd + 12);
  const cdOffset = tail.readUInt32LE(eocd + 16);
  if (cdOffset === 0xffffffff || count === 0xffff) throw new Error(`${file}: zip64 archives are not supported`);
  const cd = Buffer.alloc(cdSize);
  fs.readSync(fd, cd, 0, cdSize, cdOffset);

  const entries = new Map<string, ZipEntry>();
  let p = 0;
  for (let n = 0; n < count; n++) {
    if (cd.readUInt32LE(p) !== CENTRAL_SIGNATURE) throw new Error(`${file}: corrupt central directory`);
    const flags = cd.readUInt16LE(p + 8);
    const method = cd.readUInt16LE(p + 10);
    let compressedSize = cd.readUInt32LE(p + 20);
    const uncompressedSize = cd.readUInt32LE(p + 24);
    const nameLength = cd.readUInt16LE(p + 28);
    const extraLength = cd.readUInt16LE(p + 30);
    const commentLength = cd.readUInt16LE(p + 32);
    let localHeaderOffset = cd.readUInt32LE(p + 42);
    const name = cd.toString(flags & 0x800 ? 'utf8' : 'latin1', p + 46, p + 46 + nameLength);
    // Sizes too large for 32 bits live in the zip64 extra field, in this order.
    let e = p + 46 + nameLength;
    const extraEnd = e + extraLength;
    while (e + 4 <= extraEnd) {
      const id = cd.readUInt16LE(e);
      const len = cd.readUInt16LE(e + 2);
      if (id === ZIP64_EXTRA) {
        let q = e + 4;
        if (uncompressedSize === 0xffffffff) q += 8; // present, and not needed here
        if (compressedSize === 0xffffffff) {
          compressedSize = Number(cd.readBigUInt64LE(q));
          q += 8;
        }
        if (localHeaderOffset === 0xffffffff) localHeaderOffset = Number(cd.readBigUInt64LE(q));
      }
      e += 4 + len;
    }
    entries.set(name.replace(/^\//, ''), { name, method, compressedSize, localHeaderOffset });
    p = extraEnd + commentLength;
  }
  return entries;
}
