// Every symbol exported by the package's public entries carries TSDoc with a summary;
// functions, classes and constants also an `@example` and a `@category` (STYLE.md), found with the TypeScript compiler API rather than by reading
// files, so `export *` chains and re-exports are followed exactly as a consumer sees them.
import path from 'node:path';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { projectCompilerOptions, repoRoot } from './support.js';

const ENTRIES = { 'sales-funnel': 'src/index.ts', 'sales-funnel/testing': 'src/testing/index.ts', 'sales-funnel/sql': 'src/sql/index.ts' } as const;

interface ExportedSymbol {
  /** `entry#name`, as offenders are listed. */
  readonly id: string;
  readonly symbol: ts.Symbol;
}

let checker: ts.TypeChecker;
let exported: ExportedSymbol[];

beforeAll(() => {
  const roots = Object.values(ENTRIES).map((f) => path.join(repoRoot, f));
  const program = ts.createProgram(roots, projectCompilerOptions());
  checker = program.getTypeChecker();
  exported = [];
  for (const [entry, file] of Object.entries(ENTRIES)) {
    const source = program.getSourceFile(path.join(repoRoot, file));
    if (source === undefined) throw new Error(`${file} not found`);
    const moduleSymbol = checker.getSymbolAtLocation(source);
    if (moduleSymbol === undefined) throw new Error(`${file} is not a module`);
    for (const symbol of checker.getExportsOfModule(moduleSymbol)) {
      const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
      exported.push({ id: `${entry}#${symbol.name}`, symbol: target });
    }
  }
});

function tagText(tag: ts.JSDocTagInfo): string {
  return ts.displayPartsToString(tag.text ?? []);
}

/** Declarations written in this repository (not in node_modules). */
function ownDeclarations(symbol: ts.Symbol): ts.Declaration[] {
  return (symbol.declarations ?? []).filter((d) => !d.getSourceFile().fileName.includes('/node_modules/'));
}

function hasDoc(node: ts.Node): boolean {
  return ts.getJSDocCommentsAndTags(node).some((c) => ts.isJSDoc(c) && (ts.getTextOfJSDocComment(c.comment) ?? '').trim() !== '');
}

describe('public exports are documented', () => {
  it('finds the public API (sanity: the walk sees both entries)', () => {
    const ids = exported.map((e) => e.id);
    // A few exports that exist since the foundation; if these vanish the walk is broken.
    expect(ids).toEqual(expect.arrayContaining(['sales-funnel#money', 'sales-funnel#parsePipeline', 'sales-funnel/testing#pipelineArb']));
    expect(ids.length).toBeGreaterThan(50);
  });

  it('every export has a TSDoc summary; every function, class and constant an @example with a ```ts block and a @category', () => {
    const offenders: string[] = [];
    for (const { id, symbol } of exported) {
      const summary = ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim();
      const tags = symbol.getJsDocTags(checker);
      const examples = tags.filter((t) => t.name === 'example');
      // Values (functions, classes, constants) show how they are used; types are read from their members.
      const isValue = (symbol.flags & (ts.SymbolFlags.Function | ts.SymbolFlags.Class | ts.SymbolFlags.Variable)) !== 0;
      const problems: string[] = [];
      if (summary === '') problems.push('no summary');
      if (isValue) {
        if (examples.length === 0) problems.push('no @example');
        else if (!examples.some((t) => /```(ts|typescript)\b/.test(tagText(t)))) problems.push('@example without a ```ts block');
        if (!tags.some((t) => t.name === 'category' && tagText(t).trim() !== '')) problems.push('no @category');
      }
      if (problems.length > 0) offenders.push(`${id}: ${problems.join(', ')}`);
    }
    expect(offenders, `Exports missing documentation:\n${offenders.join('\n')}`).toEqual([]);
  });

  it('no public export is marked @internal (typedoc would hide it)', () => {
    const offenders = exported.filter(({ symbol }) => symbol.getJsDocTags(checker).some((t) => t.name === 'internal')).map((e) => e.id);
    expect(offenders, `Public exports marked @internal:\n${offenders.join('\n')}`).toEqual([]);
  });

  it('every member of an exported interface, object type or class is documented', () => {
    const offenders = new Set<string>();
    for (const { id, symbol } of exported) {
      for (const declaration of ownDeclarations(symbol)) {
        let members: readonly ts.Node[] = [];
        if (ts.isInterfaceDeclaration(declaration)) members = declaration.members;
        else if (ts.isTypeAliasDeclaration(declaration) && ts.isTypeLiteralNode(declaration.type)) members = declaration.type.members;
        else if (ts.isClassDeclaration(declaration)) {
          members = declaration.members.filter(
            (m) =>
              !ts.isConstructorDeclaration(m) &&
              !ts.isClassStaticBlockDeclaration(m) &&
              !(ts.getCombinedModifierFlags(m as ts.Declaration) & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) &&
              !(m.name !== undefined && ts.isPrivateIdentifier(m.name)),
          );
        }
        for (const member of members) {
          if (hasDoc(member)) continue;
          const name = (member as ts.NamedDeclaration).name;
          offenders.add(`${id}.${name === undefined ? '(signature)' : name.getText()}`);
        }
      }
    }
    const list = [...offenders];
    expect(list, `Undocumented members:\n${list.join('\n')}`).toEqual([]);
  });
});
