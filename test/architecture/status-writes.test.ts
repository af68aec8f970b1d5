// Statuses change in one place: src/domain/state-machine.ts (its `initial` and `transition`). A rule that
// writes a status field itself (an object literal's `status:`, `expired:` or `statusChangedAt:`, or an
// assignment to one) fails here, found with the TypeScript compiler's parser.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const DOMAIN = path.resolve(import.meta.dirname, '../../src/domain');
const HOME = 'state-machine.ts';
/** The fields that hold an entity's status (BillingMethod keeps its status as `expired`). */
const STATUS_FIELDS = new Set(['status', 'expired', 'statusChangedAt']);

/** `file:line field` for every direct write of a status field in `source`. */
function statusWrites(file: string, source: string): string[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const report = (node: ts.Node, name: string) =>
    found.push(`${file}:${sf.getLineAndCharacterOfPosition(node.getStart()).line + 1} ${name}`);
  const nameOf = (n: ts.PropertyName | ts.Expression): string | undefined =>
    ts.isIdentifier(n) || ts.isStringLiteral(n) ? n.text : undefined;
  const visit = (node: ts.Node): void => {
    if (ts.isPropertyAssignment(node) || ts.isShorthandPropertyAssignment(node)) {
      const name = nameOf(node.name);
      if (name && STATUS_FIELDS.has(name)) report(node, name);
    }
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const target = node.left;
      const name = ts.isPropertyAccessExpression(target)
        ? target.name.text
        : ts.isElementAccessExpression(target)
          ? nameOf(target.argumentExpression)
          : undefined;
      if (name && STATUS_FIELDS.has(name)) report(node, name);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

const rules = readdirSync(DOMAIN).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== HOME);

describe('status writes', () => {
  it('no rule in src/domain sets a status but through the state machine', () => {
    expect(rules.length).toBeGreaterThan(30);
    expect(rules.flatMap((f) => statusWrites(f, readFileSync(path.join(DOMAIN, f), 'utf8')))).toEqual([]);
  });

  it('finds a status set directly, in a literal, a shorthand or an assignment', () => {
    const rule = [
      'const a = { ...inv, status: "paid" };',
      'const b = { ...bm, expired: true };',
      'const c = { status };',
      'inv.statusChangedAt = now;',
      'inv["status"] = "open";',
      'const d = { ...initial(INVOICE, "open"), balanceCents: 1 };',
    ].join('\n');
    expect(statusWrites('rule.ts', rule)).toEqual([
      'rule.ts:1 status',
      'rule.ts:2 expired',
      'rule.ts:3 status',
      'rule.ts:4 statusChangedAt',
      'rule.ts:5 status',
    ]);
  });

  it('the state machine itself writes them', () => {
    expect(statusWrites(HOME, readFileSync(path.join(DOMAIN, HOME), 'utf8')).length).toBeGreaterThan(0);
  });
});
