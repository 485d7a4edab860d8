// npm run openapi:responses — writes src/server/openapi/responses.generated.ts: for every route
// handler under src/app/api, the zod schema of what it answers, read from the TypeScript type of
// the value it returns (or passes to json(...), with that call's status). The handlers' types are the
// truth the OpenAPI document's response schemas follow; `--check` fails when the file is stale
// (src/server/openapi/responses.test.ts runs it), so a changed response changes its documentation.
//
// Named object types (interfaces and type aliases) become named schemas, which the document turns
// into shared components. What a type cannot say (a Response built by hand: files, CSV; the
// factories' generic items; a computed status) is written in src/server/openapi/responses.ts.
import ts from 'typescript';
import path from 'node:path';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';

const root = path.resolve(import.meta.dirname, '..');
const apiRoot = path.join(root, 'src/app/api');
const target = path.join(root, 'src/server/openapi/responses.generated.ts');

const walk = (d: string): string[] =>
  readdirSync(d, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : e.name === 'route.ts' ? [path.join(d, e.name)] : []));

const ident = /^[a-zA-Z_$][a-zA-Z0-9_$]*$/;
const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);

export function generate(): string {
  const parsed = ts.parseJsonConfigFileContent(ts.readConfigFile(path.join(root, 'tsconfig.json'), ts.sys.readFile).config, ts.sys, root);
  const files = walk(apiRoot);
  const program = ts.createProgram(files, { ...parsed.options, noEmit: true, incremental: false });
  const checker = program.getTypeChecker();

  // Named schemas in dependency order (a name is pushed after everything it uses).
  const named = new Map<ts.Type, string>();
  const namedCode: { name: string; code: string }[] = [];
  const usedNames = new Set<string>();
  const recursive = new Set<string>(); // named schemas that refer to themselves need a declared type

  function nameOf(t: ts.Type): string | null {
    const alias = t.aliasSymbol;
    if (alias && !t.aliasTypeArguments?.length) return alias.name;
    const sym = t.getSymbol();
    if (sym && (sym.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.Class)) && !(t as ts.TypeReference).typeArguments?.length) return sym.name;
    return null;
  }

  // Anonymous object shapes, by their (compact) code: one that several responses share becomes a
  // named schema too, named after where it was first seen; one seen once is written in place.
  const shapes = new Map<string, { token: string; uses: number; hint: string }>();
  const shapeByToken = new Map<string, string>();

  function objectCode(t: ts.Type, stack: ts.Type[]): string {
    const props = checker.getPropertiesOfType(t).filter((p) => checker.getTypeOfSymbol(p).getCallSignatures().length === 0);
    const index = checker.getIndexInfosOfType(t);
    if (!props.length && index.length) return `z.record(z.string(), ${zod(index[0]!.type, stack, 'value')})`;
    const lines = props.map((p) => {
      const pt = checker.getTypeOfSymbol(p);
      const optional = (p.flags & ts.SymbolFlags.Optional) !== 0 || (pt.isUnion() && pt.types.some((x) => x.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Void)));
      return `${ident.test(p.name) ? p.name : JSON.stringify(p.name)}: ${zod(pt, stack, p.name)}${optional ? '.optional()' : ''},`;
    });
    return lines.length ? `z.object({ ${lines.join(' ')} })` : 'z.object({})';
  }

  function shared(code: string, hint: string): string {
    if (code.length < 160) return code;
    let shape = shapes.get(code);
    if (!shape) {
      shape = { token: `__shape${shapes.size}__`, uses: 0, hint };
      shapes.set(code, shape);
      shapeByToken.set(shape.token, code);
    }
    shape.uses++;
    return shape.token;
  }

  function zod(t: ts.Type, stack: ts.Type[], hint: string): string {
    const f = t.flags;
    if (f & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return 'z.unknown()';
    if (f & ts.TypeFlags.Null) return 'z.null()';
    if (f & ts.TypeFlags.StringLiteral) return `z.literal(${JSON.stringify((t as ts.StringLiteralType).value)})`;
    if (f & ts.TypeFlags.NumberLiteral) return `z.literal(${(t as ts.NumberLiteralType).value})`;
    if (f & ts.TypeFlags.BooleanLiteral) return `z.literal(${checker.typeToString(t)})`;
    if (f & (ts.TypeFlags.String | ts.TypeFlags.TemplateLiteral)) return 'z.string()';
    if (f & ts.TypeFlags.Number) return 'z.number()';
    if (f & ts.TypeFlags.Boolean) return 'z.boolean()';
    if (f & ts.TypeFlags.Never) return 'z.never()';
    if (t.isUnion()) {
      let parts = t.types.filter((x) => !(x.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Void)));
      const nullable = parts.some((x) => x.flags & ts.TypeFlags.Null);
      parts = parts.filter((x) => !(x.flags & ts.TypeFlags.Null));
      const bothBooleans = parts.filter((x) => x.flags & ts.TypeFlags.BooleanLiteral).length === 2;
      if (bothBooleans) parts = parts.filter((x) => !(x.flags & ts.TypeFlags.BooleanLiteral));
      let code: string;
      if (parts.length && !bothBooleans && parts.every((x) => x.flags & ts.TypeFlags.StringLiteral))
        code = `z.enum([${parts.map((x) => JSON.stringify((x as ts.StringLiteralType).value)).join(', ')}])`;
      else {
        const alts = [...new Set(parts.map((x) => zod(x, stack, hint)))];
        if (bothBooleans) alts.push('z.boolean()');
        code = alts.length === 0 ? 'z.null()' : alts.length === 1 ? alts[0]! : `z.union([${alts.join(', ')}])`;
      }
      return nullable && code !== 'z.null()' ? `${code}.nullable()` : code;
    }
    if (t.getSymbol()?.name === 'Date') return 'z.string()'; // JSON writes a Date as its ISO-8601 string
    if (checker.isArrayType(t)) return `z.array(${zod(checker.getTypeArguments(t as ts.TypeReference)[0]!, stack, hint.replace(/ies$/, 'y').replace(/s$/, ''))})`;
    if (checker.isTupleType(t)) return `z.tuple([${checker.getTypeArguments(t as ts.TypeReference).map((x) => zod(x, stack, hint)).join(', ')}])`;
    if (t.isIntersection() || f & ts.TypeFlags.Object) {
      if (stack.includes(t)) {
        const n = named.get(t);
        if (n) {
          recursive.add(n);
          return `z.lazy(() => ${n})`;
        }
        return 'z.unknown()';
      }
      const name = nameOf(t);
      if (!name) return shared(objectCode(t, [...stack, t]), hint);
      const known = named.get(t);
      if (known) return known;
      let unique = name.charAt(0).toUpperCase() + name.slice(1);
      for (let i = 2; usedNames.has(unique); i++) unique = `${name}${i}`;
      usedNames.add(unique);
      named.set(t, unique);
      const code = objectCode(t, [...stack, t]);
      namedCode.push({ name: unique, code });
      return unique;
    }
    return 'z.unknown()';
  }

  const entries: string[] = [];
  for (const file of files) {
    const sf = program.getSourceFile(file)!;
    const apiPath = '/api/' + path.relative(apiRoot, path.dirname(file)).split(path.sep).join('/').replace(/\[([^\]]+)\]/g, '{$1}');
    if (apiPath.startsWith('/api/bench/') || apiPath === '/api/openapi.json') continue;
    sf.forEachChild((node) => {
      if (!ts.isVariableStatement(node) || !node.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) return;
      for (const d of node.declarationList.declarations) {
        if (!ts.isIdentifier(d.name) || !METHODS.has(d.name.text) || !d.initializer || !ts.isCallExpression(d.initializer)) continue;
        const handler = d.initializer.arguments[1];
        if (!handler || !(ts.isArrowFunction(handler) || ts.isFunctionExpression(handler))) continue;
        const responseHint = operationName(d.name.text, apiPath);
        const byStatus = new Map<number, Set<string>>();
        let unknownStatus = false;
        const add = (status: number, code: string) => {
          let s = byStatus.get(status);
          if (!s) byStatus.set(status, (s = new Set()));
          s.add(code);
        };
        const visitResult = (e: ts.Expression): void => {
          while (ts.isAwaitExpression(e) || ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e)) e = e.expression;
          if (ts.isConditionalExpression(e)) return (visitResult(e.whenTrue), visitResult(e.whenFalse));
          if (ts.isCallExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === 'json') {
            const init = e.arguments[1]?.getText(sf) ?? '';
            // `status: 201`, or `status: cond ? 201 : 200` (both answer the same body)
            const choice = /status:\s*[^,}?]+\?\s*(\d{3})\s*:\s*(\d{3})\b/.exec(init);
            const literal = /status:\s*(\d{3})\b/.exec(init);
            const statuses = choice ? [Number(choice[1]), Number(choice[2])] : literal ? [Number(literal[1])] : [200];
            if (!choice && !literal && /status/.test(init)) unknownStatus = true;
            for (const status of statuses) add(status, status === 204 ? 'z.null()' : zod(checker.getTypeAtLocation(e.arguments[0]!), [], responseHint));
            return;
          }
          let type = checker.getTypeAtLocation(e);
          type = checker.getAwaitedType(type) ?? type;
          if (/\b(Response|JsonResult)\b/.test(checker.typeToString(type))) return void (unknownStatus = true);
          add(200, zod(type, [], responseHint));
        };
        if (!ts.isBlock(handler.body)) visitResult(handler.body);
        else {
          const visit = (n: ts.Node): void => {
            if (ts.isFunctionLike(n)) return;
            if (ts.isReturnStatement(n) && n.expression) visitResult(n.expression);
            ts.forEachChild(n, visit);
          };
          ts.forEachChild(handler.body, visit);
        }
        if (unknownStatus) continue; // documented by hand in responses.ts
        const statuses = [...byStatus].sort(([a], [b]) => a - b).map(([status, codes]) => `${status}: ${codes.size === 1 ? [...codes][0] : `z.union([${[...codes].join(', ')}])`}`);
        entries.push(`  '${d.name.text.toLowerCase()} ${apiPath}': { ${statuses.join(', ')} },`);
      }
    });
  }
  // Which shapes to share: a shape written out more than once in the end (counted from the
  // outermost in: a shared parent is written once, so its parts are counted once).
  const tokens = (text: string) => text.match(/__shape\d+__/g) ?? [];
  const topLevel = [...entries, ...namedCode.map((n) => n.code)].join('\n');
  const occurrences = new Map<string, number>();
  for (const tk of tokens(topLevel)) occurrences.set(tk, (occurrences.get(tk) ?? 0) + 1);
  const sharedNames = new Map<string, string>();
  for (const [code, shape] of [...shapes].reverse()) {
    const occ = occurrences.get(shape.token) ?? 0;
    if (occ >= 2) {
      let name = shape.hint.charAt(0).toUpperCase() + shape.hint.slice(1);
      for (let i = 2; usedNames.has(name); i++) name = `${shape.hint.charAt(0).toUpperCase() + shape.hint.slice(1)}${i}`;
      usedNames.add(name);
      sharedNames.set(shape.token, name);
    }
    const times = occ >= 2 ? 1 : occ;
    for (const tk of tokens(code)) occurrences.set(tk, (occurrences.get(tk) ?? 0) + times);
  }
  const expand = (text: string): string => text.replace(/__shape\d+__/g, (tk) => sharedNames.get(tk) ?? expand(shapeByToken.get(tk)!));
  const sharedShapes = [...shapes.values()].filter((x) => sharedNames.has(x.token)).map((x) => ({ name: sharedNames.get(x.token)!, code: expand(shapeByToken.get(x.token)!) }));
  // Named types and shared shapes, each after what it uses.
  const consts = [...namedCode.map((n) => ({ ...n, code: expand(n.code) })), ...sharedShapes];
  const ordered: typeof consts = [];
  const visit = (c: (typeof consts)[number], seen = new Set<string>()) => {
    if (ordered.includes(c) || seen.has(c.name)) return;
    seen.add(c.name);
    for (const d of consts) if (d !== c && new RegExp(`\\b${d.name}\\b`).test(c.code) && !recursive.has(d.name)) visit(d, seen);
    ordered.push(c);
  };
  consts.forEach((c) => visit(c));
  return [
    '// Generated by scripts/openapi-responses.ts from the route handlers’ return types: do not edit.',
    '// Run `npm run openapi:responses` after changing what a handler answers.',
    "import { z } from 'zod';",
    '',
    ...ordered.map(({ name, code }) => format(`export const ${name}${recursive.has(name) ? ': z.ZodType' : ''} = ${code};`)),
    '',
    '/** Named schemas, shared as components of the OpenAPI document. */',
    `export const generatedNamedSchemas: [string, z.ZodType][] = [${ordered.map(({ name }) => `['${name}', ${name}]`).join(', ')}];`,
    '',
    '/** Per operation (`method path`), the schema of the JSON body for each status its handler answers. */',
    'export const generatedResponses: Record<string, Record<number, z.ZodType>> = {',
    ...entries.map((e) => format(expand(e), '  ')),
    '};',
    '',
  ].join('\n');
}

/** `get /api/deals/{id}` -> `getDealsById`, the document's operationId, as a name hint. */
function operationName(method: string, apiPath: string): string {
  const words = apiPath.replace(/^\/api\//, '').split('/').flatMap((seg) => (seg.startsWith('{') ? ['by', seg.slice(1, -1)] : seg.split(/[^a-zA-Z0-9]+/)));
  return method.toLowerCase() + words.filter(Boolean).map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('') + 'Result';
}

/** Breaks a compact `z.object({ a: …, b: … })` line into one property a line, nested objects indented. */
function format(line: string, indent = ''): string {
  let out = indent;
  let depth = 0;
  let quote: string | null = null;
  const pad = () => indent + '  '.repeat(depth);
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      out += c;
      if (c === '\\') out += line[++i] ?? '';
      else if (c === quote) quote = null;
      continue;
    }
    if (c === '"' || c === "'" || c === '`') {
      quote = c;
      out += c;
    } else if (line.startsWith('z.object({ ', i)) {
      depth++;
      out += `z.object({\n${pad()}`;
      i += 'z.object({ '.length - 1;
    } else if (line.startsWith(', })', i) || line.startsWith(' })', i)) {
      depth--;
      out += `${line.startsWith(', })', i) ? ',' : ''}\n${pad()}})`;
      i += line.startsWith(', })', i) ? 3 : 2;
    } else if (c === ',' && line[i + 1] === ' ' && depth > 0 && /^ [A-Za-z_$"][\w$"]*:/.test(line.slice(i + 1, i + 60)) && atObjectLevel(line, i)) {
      out += `,\n${pad()}`;
      i++;
    } else out += c;
  }
  return out;
}

/** Whether the comma at i separates properties of the innermost z.object (not arguments of a call inside one). */
function atObjectLevel(line: string, i: number): boolean {
  let parens = 0;
  let quote: string | null = null;
  for (let j = i - 1; j >= 0; j--) {
    const c = line[j]!;
    if (quote) {
      if (c === quote && line[j - 1] !== '\\') quote = null;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === ')' || c === ']') parens++;
    else if (c === '(' || c === '[') {
      if (parens === 0) return false;
      parens--;
    } else if (c === '{') {
      if (parens === 0) return true;
      parens--;
    } else if (c === '}') parens++;
  }
  return false;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const code = generate();
  if (process.argv.includes('--check')) {
    if (readFileSync(target, 'utf8') !== code) {
      console.error(`${path.relative(root, target)} is stale: run npm run openapi:responses`);
      process.exit(1);
    }
    console.log(`${path.relative(root, target)} is up to date`);
  } else {
    writeFileSync(target, code);
    console.log(`wrote ${path.relative(root, target)}`);
  }
}
