/**
 * A small LogsQL syntax checker for the dashboards' log queries: filters (words, "phrases",
 * field:value, field:"phrase", field:~"regex", _time:5m, _stream:{...}), AND / OR / NOT / -,
 * parentheses, then pipes (stats [by (...)] f(...) [as name], ...; sort by (...) [desc];
 * limit N; fields a, b). Returns the problems found; empty means valid.
 */
type Token = { kind: 'word' | 'string' | 'punct'; text: string };

function tokenize(q: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < q.length) {
    const c = q[i];
    if (/\s/.test(c)) i++;
    else if (c === '"') {
      let j = i + 1;
      while (j < q.length && q[j] !== '"') j += q[j] === '\\' ? 2 : 1;
      if (j >= q.length) throw new Error(`unterminated string at ${i}`);
      out.push({ kind: 'string', text: q.slice(i, j + 1) });
      i = j + 1;
    } else if (c === ':' && q[i + 1] === '~') {
      out.push({ kind: 'punct', text: ':~' });
      i += 2;
    } else if ('():|,{}=-!'.includes(c)) {
      out.push({ kind: 'punct', text: c });
      i++;
    } else {
      let j = i;
      while (j < q.length && !/[\s"():|,{}=!]/.test(q[j])) j++;
      out.push({ kind: 'word', text: q.slice(i, j) });
      i = j;
    }
  }
  return out;
}

const DURATION = /^\d+(ms|s|m|h|d|w|y)$/;
const STATS_FUNCS = new Set(['count', 'sum', 'avg', 'min', 'max', 'count_uniq', 'quantile', 'median']);

export function checkLogsQL(query: string): string[] {
  let tokens: Token[];
  try {
    tokens = tokenize(query);
  } catch (e) {
    return [(e as Error).message];
  }
  let pos = 0;
  const problems: string[] = [];
  const peek = () => tokens[pos];
  const next = () => tokens[pos++];
  const expect = (text: string) => {
    const t = next();
    if (t?.text !== text) throw new Error(`expected ${text} at token ${pos}, got ${t?.text ?? 'end'}`);
  };
  const isPunct = (text: string) => peek()?.kind === 'punct' && peek()!.text === text;

  const filter = (): void => {
    const t = peek();
    if (!t) throw new Error('expected a filter, got end');
    if (isPunct('(')) {
      next();
      orExpr();
      expect(')');
      return;
    }
    if (isPunct('-') || isPunct('!') || (t.kind === 'word' && t.text === 'NOT')) {
      next();
      filter();
      return;
    }
    if (t.kind === 'string') {
      next();
      return;
    }
    if (t.kind !== 'word') throw new Error(`unexpected ${t.text}`);
    next();
    if (isPunct(':') || isPunct(':~')) {
      const op = next().text;
      if (t.text === '_time') {
        const d = next();
        if (!d || !DURATION.test(d.text)) throw new Error(`_time needs a duration, got ${d?.text}`);
        return;
      }
      if (t.text === '_stream') {
        expect('{');
        while (!isPunct('}')) {
          const label = next();
          if (label?.kind !== 'word') throw new Error('expected a stream label');
          if (isPunct('=')) next();
          else if (isPunct('!')) {
            next();
            expect('=');
          } else throw new Error('expected = or != in _stream');
          if (isPunct('~')) next();
          if (next()?.kind !== 'string') throw new Error('stream label values are quoted');
          if (isPunct(',')) next();
        }
        expect('}');
        return;
      }
      const v = next();
      if (!v || v.kind === 'punct') throw new Error(`field ${t.text} has no value`);
      if (op === ':~' && v.kind !== 'string') throw new Error('regex filters take a quoted regex');
    }
  };
  const andExpr = (): void => {
    filter();
    while (peek() && !isPunct('|') && !isPunct(')') && !(peek()!.kind === 'word' && peek()!.text === 'OR')) {
      if (peek()!.kind === 'word' && peek()!.text === 'AND') next();
      filter();
    }
  };
  const orExpr = (): void => {
    andExpr();
    while (peek()?.kind === 'word' && peek()!.text === 'OR') {
      next();
      andExpr();
    }
  };
  const fieldList = (): void => {
    expect('(');
    do {
      if (next()?.kind !== 'word') throw new Error('expected a field name');
    } while (isPunct(',') && next());
    expect(')');
  };
  const pipe = (): void => {
    const name = next();
    switch (name?.text) {
      case 'stats':
        if (peek()?.text === 'by') {
          next();
          fieldList();
        }
        do {
          const f = next();
          if (!f || !STATS_FUNCS.has(f.text)) throw new Error(`unknown stats function ${f?.text}`);
          expect('(');
          while (!isPunct(')')) if (!next()) throw new Error('unclosed stats function');
          expect(')');
          if (peek()?.text === 'as') {
            next();
            next();
          }
        } while (isPunct(',') && next());
        return;
      case 'sort':
        expect('by');
        fieldList();
        if (peek()?.text === 'desc') next();
        return;
      case 'limit':
        if (!/^\d+$/.test(next()?.text ?? '')) throw new Error('limit takes a number');
        return;
      case 'fields':
        do {
          if (next()?.kind !== 'word') throw new Error('expected a field name');
        } while (isPunct(',') && next());
        return;
      default:
        throw new Error(`unknown pipe ${name?.text}`);
    }
  };

  try {
    orExpr();
    while (isPunct('|')) {
      next();
      pipe();
    }
    if (pos < tokens.length) throw new Error(`unexpected ${tokens[pos].text}`);
  } catch (e) {
    problems.push((e as Error).message);
  }
  return problems;
}
