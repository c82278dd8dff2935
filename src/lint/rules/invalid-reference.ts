// References in the archive that `docker load` would reject, checked with the
// distribution/reference grammar (src/reference). Which check applies depends on where the
// name was found:
//   RepoTags / manifest.json / repositories: moby's loader runs ParseNormalizedNamed and also
//     requires a tag (a bare name or name@digest is "invalid tag").
//   anything else that looks like a full reference (has `/`, `:` or `@`, e.g. an
//     io.containerd.image.name annotation): ParseNormalizedNamed.
//   a bare word (an OCI org.opencontainers.image.ref.name such as `latest`): a ref name of
//     the layout, not a docker reference, so it is not checked.
// Uppercase in the tag is legal and never flagged.
import type { Finding } from '../../model/finding.js';
import { checkDockerLoadTag, parseNormalizedNamed } from '../../reference/index.js';
import { Collector } from '../collect.js';
import type { LintRule } from '../rule.js';

const ID = 'invalid-reference';
const DOCKER_TAGS = /RepoTags|manifest\.json|repositories/i;

export const rule: LintRule = {
  id: ID,
  kinds: ['invalid-reference'],
  check(ctx): Finding[] {
    const c = new Collector(ID);
    for (const { ref, where } of ctx.image.refSources) {
      let r;
      if (DOCKER_TAGS.test(where)) r = checkDockerLoadTag(ref);
      else if (/[/:@]/.test(ref)) r = parseNormalizedNamed(ref);
      else continue;
      if (r.ok) continue;
      const g = c.group({ kind: 'invalid-reference', layer: null, shape: r.code, field: 'reference' });
      g.add({ field: where, value: ref });
      g.value ??= r.reason;
    }
    return c.findings();
  },
};
