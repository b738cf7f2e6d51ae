// dockerfile-ast 0.7 asks twice per parse whether the text starts with a byte order mark
// (Util.isUTF8BOM on its first character), by encoding that character to UTF-8 into a Buffer and
// copying it into a Uint8Array (about 400 bytes per parse, 0.4 % of a corpus pass). Its UTF-8 form
// starts EF BB BF exactly when it is U+FEFF (a lone surrogate encodes as EF BF BD), so the
// character code answers. test/unit/byte-order-mark.test.ts compares the two on every UTF-16 code
// unit and on longer texts.
import { Util } from 'dockerfile-ast/lib/util';

type IsUTF8BOM = (text: string) => boolean;

/** dockerfile-ast's own Util.isUTF8BOM, kept for the test that compares ours with it. */
export const dockerfileAstIsUTF8BOM: IsUTF8BOM = Util.isUTF8BOM.bind(Util);

/** Whether the UTF-8 encoding of `text` starts with a byte order mark. */
export function isUTF8BOM(text: string): boolean {
  return text.charCodeAt(0) === 0xfeff;
}

/** Installs isUTF8BOM as dockerfile-ast's Util.isUTF8BOM. */
export function installByteOrderMark(): void {
  Util.isUTF8BOM = isUTF8BOM;
}
