// Finds texts written in code where people would read them, instead of coming from the message catalog:
// string and template literals given as a UserError's message, to text(), privateReply()/publicReply(), or
// as a reply block's text (`{ type: 'text', text }`, a fields block's title, a field's name or value).
// Log calls, error codes (UserError's first argument), internal errors and literals without a letter in
// them (separators like ' · ' or '/') are not texts for people, so they pass.
import ts from 'typescript';

export interface LiteralText {
  /** Path as given, with the 1-based line. */
  readonly file: string;
  readonly line: number;
  readonly text: string;
  readonly where: string;
}

const LETTER = /\p{L}/u;
const REPLY_CALLS = new Set(['privateReply', 'publicReply']);
const BLOCK_TEXT_PROPERTIES = new Set(['text', 'title']);
const FIELD_PROPERTIES = new Set(['name', 'value']);

/** The literal pieces of a string expression that carry words (a branch of `?:`, a side of `+`). */
function wordyLiterals(node: ts.Expression): ts.Expression[] {
  if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isSatisfiesExpression(node))
    return wordyLiterals(node.expression);
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node))
    return LETTER.test(node.text) ? [node] : [];
  if (ts.isTemplateExpression(node)) {
    const parts = [node.head.text, ...node.templateSpans.map((span) => span.literal.text)];
    return parts.some((part) => LETTER.test(part)) ? [node] : [];
  }
  if (ts.isConditionalExpression(node))
    return [...wordyLiterals(node.whenTrue), ...wordyLiterals(node.whenFalse)];
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken)
    return [...wordyLiterals(node.left), ...wordyLiterals(node.right)];
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken)
    return wordyLiterals(node.right);
  return [];
}

const calleeName = (node: ts.CallExpression | ts.NewExpression): string | undefined => {
  const callee = node.expression;
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  return undefined;
};

const propertyName = (property: ts.ObjectLiteralElementLike): string | undefined =>
  ts.isPropertyAssignment(property) && (ts.isIdentifier(property.name) || ts.isStringLiteral(property.name))
    ? property.name.text
    : undefined;

function blockType(node: ts.ObjectLiteralExpression): string | undefined {
  for (const property of node.properties) {
    if (propertyName(property) !== 'type' || !ts.isPropertyAssignment(property)) continue;
    const value = property.initializer;
    if (ts.isStringLiteral(value) || ts.isNoSubstitutionTemplateLiteral(value)) return value.text;
  }
  return undefined;
}

/** Whether an object literal is an entry of a fields block's `fields: [...]`. */
function isFieldEntry(node: ts.ObjectLiteralExpression): boolean {
  let parent: ts.Node = node.parent;
  // fields: [{ … }] or fields: list.map((x) => ({ … }))
  while (
    ts.isParenthesizedExpression(parent) ||
    ts.isArrowFunction(parent) ||
    ts.isCallExpression(parent) ||
    ts.isArrayLiteralExpression(parent) ||
    ts.isReturnStatement(parent) ||
    ts.isBlock(parent)
  ) {
    parent = parent.parent;
  }
  return ts.isPropertyAssignment(parent) && propertyName(parent) === 'fields';
}

/** Two words in a row: a sentence or phrase for people, not an id, a code, a path or a separator. */
const WORDS = /\p{L}{2,}[ \u00a0]+\p{L}{2,}/u;
/** Nothing but HTML tags (a page's skeleton: `<!doctype html>`, `<meta name="viewport" …>`): markup, no text. */
const MARKUP_ONLY = /^(?:\s*<[!/]?[a-z][^<>]*>)+\s*$/i;
const LOG_METHODS = new Set(['trace', 'debug', 'info', 'warn', 'error', 'fatal']);

/** Where a literal with words is not for people: a log line, an internal Error, a thrown check. */
function isInternal(node: ts.Node): boolean {
  for (let parent = node.parent; parent; parent = parent.parent) {
    if (ts.isNewExpression(parent)) {
      const name = calleeName(parent);
      if (name && /Error$/.test(name) && name !== 'UserError') return true;
    }
    if (ts.isCallExpression(parent) && ts.isPropertyAccessExpression(parent.expression)) {
      if (LOG_METHODS.has(parent.expression.name.text)) return true;
    }
    if (ts.isImportDeclaration(parent) || ts.isExportDeclaration(parent)) return true;
    // A command's name ("vote cast"), and the reason Discord writes in a server's audit log (English, for admins).
    if (ts.isCallExpression(parent) && calleeName(parent) === 'findCommand') return true;
    if (ts.isPropertyAssignment(parent) && propertyName(parent) === 'reason') return true;
  }
  return false;
}

function literalText(node: ts.Node): string | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node))
    return [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join(' ');
  return undefined;
}

export interface FindOptions {
  /**
   * Adapters write to people in many more ways (embeds, buttons, terminal lines): with this, every literal
   * with two words in a row outside a log line or an internal Error counts.
   */
  readonly sentences?: boolean;
}

export function findLiteralTexts(file: string, source: string, options: FindOptions = {}): LiteralText[] {
  const sourceFile = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: LiteralText[] = [];
  const report = (nodes: ts.Expression[], where: string) => {
    for (const node of nodes) {
      const { line } = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile));
      found.push({ file, line: line + 1, text: node.getText(sourceFile), where });
    }
  };

  const visit = (node: ts.Node): void => {
    if (options.sentences) {
      const words = literalText(node);
      if (words !== undefined && WORDS.test(words) && !MARKUP_ONLY.test(words) && !isInternal(node)) {
        report([node as ts.Expression], 'literal text');
        return;
      }
    }
    if (ts.isNewExpression(node) && calleeName(node) === 'UserError') {
      const message = node.arguments?.[1];
      if (message) report(wordyLiterals(message), 'UserError message');
    } else if (ts.isCallExpression(node)) {
      const name = calleeName(node);
      if (name === 'text' && ts.isIdentifier(node.expression))
        for (const arg of node.arguments) report(wordyLiterals(arg), 'text()');
      if (name && REPLY_CALLS.has(name))
        for (const arg of node.arguments) report(wordyLiterals(arg), `${name}()`);
    } else if (ts.isObjectLiteralExpression(node)) {
      const type = blockType(node);
      const names =
        type === 'text' || type === 'fields'
          ? BLOCK_TEXT_PROPERTIES
          : isFieldEntry(node)
            ? FIELD_PROPERTIES
            : undefined;
      if (names) {
        for (const property of node.properties) {
          const name = propertyName(property);
          if (name && names.has(name) && ts.isPropertyAssignment(property))
            report(wordyLiterals(property.initializer), type ? `${type} block ${name}` : `field ${name}`);
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  // A UserError's literal message is also a literal with words: report it once.
  const seen = new Set<string>();
  return found.filter(({ line, text }) => !seen.has(`${line}:${text}`) && seen.add(`${line}:${text}`));
}
