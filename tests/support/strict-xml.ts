/**
 * A small, strict XML 1.0 well-formedness checker for tests (no DTDs, no processing instructions other than the
 * declaration): it throws on the first error a conforming parser would report (unbalanced or crossed tags,
 * unquoted or duplicate attributes, a raw `<` or `&` in text or in an attribute value, an unknown entity, content
 * after the root) and returns the element tree.
 */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** The element's own text, entities decoded. */
  text: string;
}

const NAME = /^[A-Za-z_:][A-Za-z0-9._:-]*/;
const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(raw: string, where: string): string {
  if (raw.includes('<')) throw new Error(`raw "<" in ${where}`);
  return raw.replace(/&([^;]*);|&/g, (match, entity: string | undefined) => {
    if (entity === undefined) throw new Error(`bare "&" in ${where}`);
    if (entity in PREDEFINED) return PREDEFINED[entity]!;
    const numeric = /^#(x[0-9a-fA-F]+|[0-9]+)$/.exec(entity);
    if (numeric) {
      const code = numeric[1]!.startsWith('x') ? parseInt(numeric[1]!.slice(1), 16) : parseInt(numeric[1]!, 10);
      return String.fromCodePoint(code);
    }
    throw new Error(`unknown entity &${entity}; in ${where}`);
  });
}

export function parseStrictXml(source: string): XmlElement {
  let i = 0;
  const fail = (message: string): never => {
    const line = source.slice(0, i).split('\n').length;
    throw new Error(`XML not well-formed at line ${line}: ${message}`);
  };
  const skipSpace = () => {
    while (i < source.length && /\s/.test(source[i]!)) i++;
  };
  const skipMisc = () => {
    for (;;) {
      skipSpace();
      if (source.startsWith('<!--', i)) {
        const end = source.indexOf('-->', i + 4);
        if (end < 0) fail('unterminated comment');
        if (source.slice(i + 4, end).includes('--')) fail('"--" inside a comment');
        i = end + 3;
      } else return;
    }
  };
  if (source.startsWith('<?xml')) {
    const end = source.indexOf('?>');
    if (end < 0) fail('unterminated XML declaration');
    if (
      !/^<\?xml\s+version="1\.[0-9]"(\s+encoding="[A-Za-z][A-Za-z0-9._-]*")?(\s+standalone="(yes|no)")?\s*\?>$/.test(
        source.slice(0, end + 2),
      )
    )
      fail('malformed XML declaration');
    i = end + 2;
  }
  const name = (): string => {
    const match = NAME.exec(source.slice(i));
    if (!match) fail('expected a name');
    i += match![0].length;
    return match![0];
  };
  const element = (): XmlElement => {
    if (source[i] !== '<') fail('expected "<"');
    i++;
    const node: XmlElement = { name: name(), attributes: {}, children: [], text: '' };
    for (;;) {
      const before = i;
      skipSpace();
      if (source.startsWith('/>', i)) {
        i += 2;
        return node;
      }
      if (source[i] === '>') {
        i++;
        break;
      }
      if (i === before) fail(`expected whitespace before an attribute of <${node.name}>`);
      const attribute = name();
      if (attribute in node.attributes) fail(`duplicate attribute ${attribute} on <${node.name}>`);
      skipSpace();
      if (source[i] !== '=') fail(`attribute ${attribute} without a value`);
      i++;
      skipSpace();
      const quote = source[i];
      if (quote !== '"' && quote !== "'") fail(`unquoted value of ${attribute}`);
      const end = source.indexOf(quote!, i + 1);
      if (end < 0) fail(`unterminated value of ${attribute}`);
      node.attributes[attribute] = decode(source.slice(i + 1, end), `attribute ${attribute}`);
      i = end + 1;
    }
    for (;;) {
      const next = source.indexOf('<', i);
      if (next < 0) fail(`<${node.name}> is never closed`);
      node.text += decode(source.slice(i, next), `the text of <${node.name}>`);
      i = next;
      if (source.startsWith('</', i)) {
        i += 2;
        const closing = name();
        if (closing !== node.name) fail(`</${closing}> closes <${node.name}>`);
        skipSpace();
        if (source[i] !== '>') fail(`malformed </${closing}>`);
        i++;
        return node;
      }
      if (source.startsWith('<!--', i)) {
        skipMisc();
        continue;
      }
      if (source.startsWith('<![CDATA[', i)) {
        const end = source.indexOf(']]>', i);
        if (end < 0) fail('unterminated CDATA');
        node.text += source.slice(i + 9, end);
        i = end + 3;
        continue;
      }
      if (source.startsWith('<!', i) || source.startsWith('<?', i)) fail('unsupported markup');
      node.children.push(element());
    }
  };
  skipMisc();
  const root = element();
  skipMisc();
  if (i !== source.length) fail('content after the root element');
  return root;
}

/** Every element of the tree, depth first. */
export function allElements(root: XmlElement): XmlElement[] {
  return [root, ...root.children.flatMap(allElements)];
}
