// Owners that leak the build machine. Each entry lands in at most one shape, most specific first:
//   nix-store   under nix/store/ but not 0:0 (Nix store paths are root-owned by definition);
//   build-user  a human-range id (1000–59999, Debian policy) other than the expected owner, or a
//               non-system user/group name on an id that is not the expected one (macOS users
//               start at 501, so the name is the better witness there);
//   system-id   any other unexpected id: base images ship etc/shadow as 0:42, nobody dirs as
//               65534, busybox mail dirs as 8:8; deliberate, hence only info;
//   user-name   ids as expected but a non-system name from the build machine's passwd (GNU tar
//               without --numeric-owner), which differs between machines with the same ids. A
//               name on the id the user declared as the owner (--owner 1000:1000) is taken as
//               meant.
// Root (0) is never a leak, whatever the expected owner: system files stay root-owned.
import type { Finding } from '../../model/finding.js';
import type { EntryRecord } from '../../model/types.js';
import { Collector } from '../collect.js';
import { isUnder } from '../paths.js';
import type { LintRule } from '../rule.js';

/** Account names that are the same on every Linux host (base passwd/group of Debian, Alpine, Fedora). */
const SYSTEM_NAMES = new Set([
  'root', 'daemon', 'bin', 'sys', 'adm', 'tty', 'disk', 'lp', 'mail', 'news', 'uucp', 'man', 'proxy',
  'kmem', 'dialout', 'fax', 'voice', 'cdrom', 'floppy', 'tape', 'sudo', 'audio', 'dip', 'www-data',
  'backup', 'operator', 'list', 'irc', 'src', 'gnats', 'shadow', 'utmp', 'video', 'sasl', 'plugdev',
  'staff', 'games', 'users', 'nogroup', 'nobody', 'sync', 'shutdown', 'halt', 'wheel', 'ftp', 'cron',
  'crontab', 'at', 'squid', 'xfs', 'ping', 'abuild', 'input', 'kvm', 'render', 'netdev', 'messagebus',
  'sshd', 'ntp', 'postfix', 'postdrop', 'smmsp', 'mysql', 'postgres', 'nginx', 'redis', 'ssl-cert',
  'nonroot', 'mlocate', 'ssh', 'lock', 'readproc', 'systemd-journal',
]);

function isSystemName(n: string): boolean {
  return n === '' || SYSTEM_NAMES.has(n) || n.startsWith('systemd-') || n.startsWith('_');
}

function isHumanId(id: number): boolean {
  return id >= 1000 && id < 60000;
}

export function ownerString(e: EntryRecord): string {
  const names = e.uname !== '' || e.gname !== '' ? ` (${e.uname}:${e.gname})` : '';
  return `${e.uid}:${e.gid}${names}`;
}

const ID = 'entry-owner';

export const rule: LintRule = {
  id: ID,
  kinds: ['entry-owner'],
  check(ctx): Finding[] {
    const { uid: wantUid, gid: wantGid } = ctx.owner;
    const c = new Collector(ID);
    ctx.scans.forEach((scan, layer) => {
      const owners = new Map<string, string[]>();
      for (const e of scan.entries) {
        const shape = classify(e, wantUid, wantGid);
        if (shape === null) continue;
        const who = ownerString(e);
        const g = c.group({ kind: 'entry-owner', layer, shape, field: 'owner' });
        g.add({ path: e.path, value: who });
        let list = owners.get(shape);
        if (!list) owners.set(shape, (list = []));
        if (list.length < 5 && !list.includes(who)) list.push(who);
        g.value = list;
      }
    });
    return c.findings();
  },
};

function classify(e: EntryRecord, wantUid: number, wantGid: number): string | null {
  if (isUnder(e.path, 'nix/store') && e.path !== 'nix/store' && (e.uid !== 0 || e.gid !== 0)) return 'nix-store';
  const uidOk = e.uid === wantUid || e.uid === 0;
  const gidOk = e.gid === wantGid || e.gid === 0;
  const humanName = !isSystemName(e.uname) || !isSystemName(e.gname);
  if ((!uidOk && isHumanId(e.uid)) || (!gidOk && isHumanId(e.gid))) return 'build-user';
  if ((!uidOk || !gidOk) && humanName) return 'build-user';
  if (!uidOk || !gidOk) return 'system-id';
  const declared = (id: number, want: number): boolean => want !== 0 && id === want;
  if (!isSystemName(e.uname) && !declared(e.uid, wantUid)) return 'user-name';
  if (!isSystemName(e.gname) && !declared(e.gid, wantGid)) return 'user-name';
  return null;
}
