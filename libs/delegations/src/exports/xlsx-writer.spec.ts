import { inflateRawSync } from 'node:zlib';
import { xlsx } from './xlsx-writer.js';

describe('xlsx writer', () => {
  it('should write a ZIP whose sheet holds escaped inline strings and numbers', () => {
    const book = xlsx(
      'delegations',
      ['name', 'seats'],
      [
        ["Côte d'Ivoire & <Co>", 3],
        ['=1+1', null],
      ],
    );
    expect(book.subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
    // Walk the local headers to find the sheet.
    let offset = 0;
    let sheet = '';
    while (book.readUInt32LE(offset) === 0x04034b50) {
      const size = book.readUInt32LE(offset + 18);
      const nameLength = book.readUInt16LE(offset + 26);
      const name = book.subarray(offset + 30, offset + 30 + nameLength).toString();
      const data = book.subarray(offset + 30 + nameLength, offset + 30 + nameLength + size);
      if (name === 'xl/worksheets/sheet1.xml') sheet = inflateRawSync(data).toString();
      offset += 30 + nameLength + size;
    }
    expect(sheet).toContain("Côte d'Ivoire &amp; &lt;Co&gt;");
    expect(sheet).toContain('<c r="B2"><v>3</v></c>');
    expect(sheet).toContain('<t xml:space="preserve">=1+1</t>');
    expect(sheet).not.toContain('<f>');
  });

  it('should produce the same bytes for the same rows', () => {
    expect(xlsx('s', ['a'], [['x']]).equals(xlsx('s', ['a'], [['x']]))).toBe(true);
  });
});
