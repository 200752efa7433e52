import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * The layout is the architecture: apps compose libraries, libraries never reach into apps, core knows no feature,
 * and a library is entered only through its index (`@accord/<name>`), never by a relative path into its files.
 */
const ROOT = process.cwd();

/** Which libraries each library may import. Anything not listed is a boundary violation. */
const ALLOWED: Record<string, string[]> = {
  core: [],
  audit: ['core'],
  notifications: ['core', 'audit', 'events'],
  accounts: ['core', 'audit'],
  events: ['core', 'audit'],
  delegations: ['core', 'audit', 'events', 'notifications'],
  scheduling: ['core', 'audit', 'events', 'notifications', 'delegations'],
  signatures: ['core', 'audit', 'events', 'notifications', 'delegations', 'scheduling'],
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') && !path.endsWith('.spec.ts') ? [path] : [];
  });
}

function imports(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/g)].map(
    (m) => m[1]!,
  );
}

describe('Module boundaries', () => {
  const libs = readdirSync(join(ROOT, 'libs')).filter((name) => statSync(join(ROOT, 'libs', name)).isDirectory());

  it('should declare the allowed dependencies of every library', () => {
    expect(libs.filter((lib) => !(lib in ALLOWED))).toEqual([]);
  });

  it('should import other libraries only through @accord/<name> and only where allowed', () => {
    const violations: string[] = [];
    for (const lib of libs) {
      for (const file of sourceFiles(join(ROOT, 'libs', lib, 'src'))) {
        for (const target of imports(file)) {
          const where = relative(ROOT, file);
          const library = /^@accord\/([a-z-]+)/.exec(target)?.[1];
          if (library && library !== lib && !ALLOWED[lib]?.includes(library)) violations.push(`${where} → ${target}`);
          if (library === lib) violations.push(`${where} imports its own library through ${target}`);
          if (target.startsWith('.') && /\.\.\/\.\.\/\.\.\/|apps\//.test(target))
            violations.push(`${where} → ${target} (leaves its library)`);
        }
      }
    }
    expect(violations).toEqual([]);
  });
});
