// Lists what a declaration file exports, as the TypeScript compiler sees it: every name
// with its meanings (value, type, namespace) and, for generic types, how many type
// arguments it takes (required and in all).
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { REPO } from './entries.mjs';

const ts = createRequire(join(REPO, 'package.json'))('typescript');

/** Map<file, Map<name, { value, type, namespace, minArgs, maxArgs }>> for the given .d.ts files. */
export function declaredExports(files) {
  const program = ts.createProgram(files, {
    noEmit: true,
    skipLibCheck: true,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    types: [],
  });
  const checker = program.getTypeChecker();
  const result = new Map();
  for (const file of files) {
    const source = program.getSourceFile(file);
    if (!source) throw new Error(`TypeScript could not read ${file}`);
    const moduleSymbol = checker.getSymbolAtLocation(source);
    const names = new Map();
    for (const exported of moduleSymbol ? checker.getExportsOfModule(moduleSymbol) : []) {
      const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      const flags = symbol.flags;
      const { minArgs, maxArgs } = typeArity(symbol);
      names.set(exported.escapedName.toString(), {
        value: (flags & ts.SymbolFlags.Value) !== 0,
        type: (flags & ts.SymbolFlags.Type) !== 0,
        namespace: (flags & ts.SymbolFlags.Namespace) !== 0 && (flags & ts.SymbolFlags.Value) === 0,
        minArgs,
        maxArgs,
      });
    }
    result.set(file, names);
  }
  return result;
}

function typeArity(symbol) {
  for (const declaration of symbol.declarations ?? []) {
    if (
      ts.isInterfaceDeclaration(declaration) ||
      ts.isTypeAliasDeclaration(declaration) ||
      ts.isClassDeclaration(declaration)
    ) {
      const parameters = declaration.typeParameters ?? [];
      return { minArgs: parameters.filter((p) => !p.default).length, maxArgs: parameters.length };
    }
  }
  return { minArgs: 0, maxArgs: 0 };
}
