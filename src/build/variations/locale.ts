// LANG and LC_ALL, chosen among the locales that exist here (`locale -a`): a locale that is not
// generated silently falls back to C, which would vary nothing. A fresh Debian has only C,
// C.utf8 and POSIX, whose collation is the same: say so rather than pretend.
import { pinnedReason, type CheckContext, type Variation } from './types.js';

const PREFERRED = ['en_US.utf8', 'en_US.UTF-8', 'de_DE.utf8', 'de_DE.UTF-8', 'fr_FR.utf8', 'fr_FR.UTF-8', 'en_GB.utf8'];

function isCFamily(l: string): boolean {
  return /^(C|POSIX)([.@].*)?$/i.test(l);
}

export function pickLocales(locales: readonly string[]): { base: string; other: string; collationDiffers: boolean } {
  const base = locales.find((l) => /^C\.utf-?8$/i.test(l)) ?? 'C';
  const rich = PREFERRED.find((l) => locales.includes(l)) ?? locales.find((l) => !isCFamily(l) && /utf-?8/i.test(l)) ?? locales.find((l) => !isCFamily(l));
  if (rich) return { base, other: rich, collationDiffers: true };
  return { base, other: base === 'C' ? 'POSIX' : 'C', collationDiffers: false };
}

function choice(ctx: CheckContext): { base: string; other: string; collationDiffers: boolean } | null {
  return ctx.host.locales ? pickLocales(ctx.host.locales) : null;
}

export const locale: Variation = {
  id: 'locale',
  title: 'locale (LANG, LC_ALL)',
  hint:
    'Sorting, number formats or messages follow the locale: run `sort`, `ls` and anything whose output is stored under ' +
    '`LC_ALL=C` (or export `LC_ALL=C.UTF-8` in the build).',
  check(ctx) {
    const p = pinnedReason(ctx, ['LANG', 'LC_ALL']);
    if (p) return { applied: false, reason: p };
    const c = choice(ctx);
    if (!c) return { applied: false, reason: '`locale -a` could not run, so no locale is known to exist' };
    return c.collationDiffers
      ? { applied: true, detail: `LANG/LC_ALL=${c.base} vs ${c.other}` }
      : {
          applied: true,
          detail: `LANG/LC_ALL=${c.base} vs ${c.other} (only C locales here: same collation)`,
          note:
            'Only C locales exist on this machine, so the locale variation changes the charset but not sorting; generate ' +
            'another to vary collation (Debian: package locales, uncomment en_US.UTF-8 in /etc/locale.gen, run locale-gen).',
        };
  },
  apply(setup, varied, ctx) {
    const c = choice(ctx);
    if (!c) return;
    setup.env.LANG = setup.env.LC_ALL = varied ? c.other : c.base;
  },
};
