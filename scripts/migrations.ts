import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '@accord/core';
import { migrationDataSource, pendingSchemaChanges } from './migration-data-source.js';

// Runs from dist/scripts; the sources live two levels up.
const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const log = (line: string) => process.stdout.write(`${line}\n`);

function quote(sql: string): string {
  return '`' + sql.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${') + '`';
}

async function generate(name: string | undefined): Promise<void> {
  if (!name || !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(name)) {
    throw new Error('usage: npm run migration:generate -- <kebab-case-name>');
  }
  const dataSource = await migrationDataSource(loadConfig().databaseUrl).initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
    const { up, down } = await pendingSchemaChanges(dataSource);
    if (up.length === 0) {
      log('No changes: entities and migrations agree.');
      return;
    }
    const timestamp = Date.now();
    const className = name.replace(/(^|-)([a-z0-9])/g, (_m, _d, c: string) => c.toUpperCase()) + timestamp;
    const file = `${timestamp}-${name}`;
    const body = [
      `import type { MigrationInterface, QueryRunner } from 'typeorm';`,
      '',
      `export class ${className} implements MigrationInterface {`,
      `  name = '${className}';`,
      '',
      '  async up(queryRunner: QueryRunner): Promise<void> {',
      ...up.map((q) => `    await queryRunner.query(${quote(q)});`),
      '  }',
      '',
      '  async down(queryRunner: QueryRunner): Promise<void> {',
      ...down.reverse().map((q) => `    await queryRunner.query(${quote(q)});`),
      '  }',
      '}',
      '',
    ].join('\n');
    writeFileSync(join(projectRoot, 'migrations', `${file}.ts`), body);
    const indexPath = join(projectRoot, 'migrations', 'index.ts');
    const index = readFileSync(indexPath, 'utf8');
    const withImport = index.replace(
      /(\/\/[^\n]*\n)((?:import[^\n]*\n)*)/,
      `$1$2import { ${className} } from './${file}.js';\n`,
    );
    writeFileSync(
      indexPath,
      withImport.replace(/export const MIGRATIONS = \[([^\]]*)\];/, (_m, list: string) => {
        const items = list
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
        return `export const MIGRATIONS = [\n${[...items, className].map((c) => `  ${c},`).join('\n')}\n];`;
      }),
    );
    log(
      `Wrote migrations/${file}.ts (${up.length} statements). Review it, then npm run build && npm run migration:run.`,
    );
  } finally {
    await dataSource.destroy();
  }
}

async function run(): Promise<void> {
  const dataSource = await migrationDataSource(loadConfig().databaseUrl).initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    log(
      applied.length
        ? `Applied ${applied.length} migration(s): ${applied.map((m) => m.name).join(', ')}`
        : 'Database is up to date.',
    );
  } finally {
    await dataSource.destroy();
  }
}

/** Fails when the entities and the migrations disagree (on a scratch database, so it never touches real data). */
async function check(): Promise<void> {
  const { checkMigrationDrift } = await import('./migration-drift.js');
  const pending = await checkMigrationDrift(loadConfig().databaseUrl);
  if (pending.length > 0) {
    log('Entities and migrations have drifted apart. Missing from migrations:');
    for (const q of pending) log(`  ${q};`);
    log('Run: npm run migration:generate -- <name>');
    process.exitCode = 1;
    return;
  }
  log('Migrations and entities agree.');
}

const [command, arg] = process.argv.slice(2);
const commands: Record<string, () => Promise<void>> = { generate: () => generate(arg), run, check };
const selected = command ? commands[command] : undefined;
if (!selected) {
  process.stderr.write('usage: migrations.js run | generate <name> | check\n');
  process.exit(2);
}
selected().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
