// The Blob facade (reference/base/blob) that Utilities.newBlob, UrlFetchApp responses and HtmlService
// outputs hand to scripts.
import type { FacadeContext } from '../runtime/contracts.ts';
import { decodeBytes, toSignedBytes } from './bytes.ts';

type BlobApi = Pick<GoogleAppsScript.Base.Blob, 'getDataAsString' | 'getBytes' | 'getContentType' | 'getName'>;

export class EmuBlob implements BlobApi {
  constructor(
    private readonly ctx: FacadeContext,
    readonly bytes: Buffer,
    private readonly contentType: string | null = null,
    private readonly name: string | null = null,
  ) {}

  getDataAsString(charset?: string): string {
    this.ctx.meter.count('Blob.getDataAsString');
    try {
      return decodeBytes(this.bytes, charset ?? 'UTF-8');
    } catch {
      return this.ctx.fail(`Unsupported charset: ${String(charset)}`);
    }
  }

  getBytes(): number[] {
    this.ctx.meter.count('Blob.getBytes');
    return toSignedBytes(this.bytes);
  }

  getContentType(): string | null {
    this.ctx.meter.count('Blob.getContentType');
    return this.contentType;
  }

  getName(): string | null {
    this.ctx.meter.count('Blob.getName');
    return this.name;
  }
}
