// Aggregation: rules report every occurrence here and get back ONE finding per
// (kind, layer, shape), with a count and the first MAX_EXAMPLES examples in the order
// they were added (rules add in tar order, so examples are stable).
import { MAX_EXAMPLES, type Example, type Finding } from '../model/finding.js';
import { severityFor, type Kind } from '../model/kinds.js';

export interface GroupKey {
  kind: Kind;
  layer: number | null;
  shape?: string;
  /** The field the finding is about (`mtime`, `owner`, `MTIME` …). */
  field?: string | null;
}

export class Group {
  count = 0;
  readonly examples: Example[] = [];
  /** Summary value for the finding; rules set it (e.g. the newest mtime). */
  value: unknown = undefined;
  /** Path for the finding when it is not derived from a single example (e.g. a blob location). */
  path: string | null | undefined = undefined;

  constructor(readonly key: GroupKey) {}

  add(example: Example): this {
    this.count++;
    if (this.examples.length < MAX_EXAMPLES) {
      const e: Example = { ...example };
      // The finding already says which layer; repeat it only when it differs.
      if (e.layer !== undefined && e.layer === this.key.layer) delete e.layer;
      this.examples.push(e);
    }
    return this;
  }
}

export class Collector {
  private readonly groups = new Map<string, Group>();

  constructor(private readonly origin: string) {}

  group(key: GroupKey): Group {
    const id = JSON.stringify([key.kind, key.layer, key.shape ?? null, key.field ?? null]);
    let g = this.groups.get(id);
    if (!g) {
      g = new Group(key);
      this.groups.set(id, g);
    }
    return g;
  }

  findings(): Finding[] {
    const out: Finding[] = [];
    for (const g of this.groups.values()) {
      if (g.count === 0) continue;
      const { kind, layer, shape } = g.key;
      const single = g.count === 1 ? g.examples[0] : undefined;
      const f: Finding = {
        kind,
        severity: severityFor(kind, shape),
        layer,
        path: g.path !== undefined ? g.path : (single?.path ?? null),
        field: g.key.field ?? null,
        count: g.count,
        examples: g.examples,
        origin: this.origin,
      };
      if (g.value !== undefined) f.value = g.value;
      if (shape !== undefined) f.shape = shape;
      out.push(f);
    }
    return out;
  }
}
