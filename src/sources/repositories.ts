// The `repositories` file of `docker save` (v1.0 layout): `{"repo": {"tag": "<id>"}}`.
import { InputError } from '../errors.js';
import type { Note } from '../model/types.js';
import { memberLabel, type Container } from './container.js';
import { describeJson, isObject, parseJson } from './json.js';

export interface RepoRef {
  /** `repo:tag` as written. */
  ref: string;
  /** The id it names (a v1 layer id or a config hex), `sha256:` prefix removed. */
  id: string;
}

/**
 * Reads `repositories` in file order. A malformed file is an InputError (it is the only
 * image list of a legacy archive); entries that are not strings are skipped with a note.
 */
export async function readRepositories(c: Container, notes: Note[]): Promise<RepoRef[]> {
  const file = memberLabel(c, 'repositories');
  const parsed = parseJson(await c.readSmall('repositories'), file);
  if (!isObject(parsed)) throw new InputError(file, `expected a JSON object, got ${describeJson(parsed)}`);
  const out: RepoRef[] = [];
  for (const [repo, tags] of Object.entries(parsed)) {
    if (!isObject(tags)) {
      notes.push({ code: 'repositories-malformed', input: c.label, message: `repositories: ${repo} is not an object of tags` });
      continue;
    }
    for (const [tag, id] of Object.entries(tags)) {
      if (typeof id !== 'string') {
        notes.push({ code: 'repositories-malformed', input: c.label, message: `repositories: ${repo}:${tag} does not name an id` });
        continue;
      }
      out.push({ ref: `${repo}:${tag}`, id: id.startsWith('sha256:') ? id.slice(7) : id });
    }
  }
  return out;
}
