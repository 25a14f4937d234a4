/**
 * Chooses what `pkg install NAME` of a .deb must install: the package, then everything
 * its Depends and Pre-Depends need, transitively, honouring versioned constraints,
 * alternatives (`a | b`: the first that is installed, else the first the repository can
 * satisfy) and virtual packages (Provides). A package installed at an older version than
 * the one wanted (or than a dependency needs) is upgraded; an older one than installed is
 * refused. Conflicts and Breaks, in either direction, between what is installed and what
 * would be, refuse the whole install, except that a package that both Conflicts with and
 * Replaces an installed one has it removed, as dpkg does (Policy 7.6.2: the way a package
 * takes another's place, e.g. a renamed package); Breaks with Replaces only lets files be
 * taken over, so Breaks still refuses. What such a removal would leave without a dependency
 * is named and refused too.
 *
 * The answer is a list in install order (dependencies before their users) or one
 * ResolveError line that names what could not be satisfied, decided before any file is
 * written: a failed resolution changes nothing.
 */

import {
  compareDebianVersions,
  formatGroup,
  formatRelation,
  parseRelations,
  satisfiesVersion,
  type Relation,
  type RelationGroup,
} from './debian-version.js';

export class ResolveError extends Error {
  override name = 'ResolveError';
}

/** A package as the resolver sees it: its name, version and relation fields as written. */
export interface DebCandidate {
  name: string;
  version: string;
  depends: string;
  preDepends: string;
  provides: string;
  conflicts: string;
  breaks: string;
  /** Packages whose files this one may overwrite (Replaces); '' when none. */
  replaces?: string;
}

/** Whether a package (by name, or by one of its Provides) satisfies one relation. */
export function relationSatisfiedBy(pkg: DebCandidate, rel: Relation): boolean {
  if (pkg.name === rel.name) return !rel.op || satisfiesVersion(pkg.version, rel.op, rel.version!);
  for (const group of parseRelations(pkg.provides)) {
    for (const p of group) {
      if (p.name !== rel.name) continue;
      // Policy §7.5: an unversioned Provides satisfies only unversioned dependencies.
      if (!rel.op) return true;
      if (p.op === '=' && satisfiesVersion(p.version!, rel.op, rel.version!)) return true;
    }
  }
  return false;
}

function label(p: DebCandidate): string {
  return `${p.name} ${p.version}`;
}

/** What an install does: packages to place, in order, and installed ones that go first (Conflicts + Replaces). */
export interface InstallPlan {
  install: DebCandidate[];
  remove: DebCandidate[];
}

/** Whether `pkg` Replaces `other` (at the version installed). */
function replacesPackage(pkg: DebCandidate, other: DebCandidate): boolean {
  return parseRelations(pkg.replaces ?? '').some((group) => group.some((rel) => rel.name === other.name && relationSatisfiedBy(other, rel)));
}

/** The packages to place for `root`, in install order (resolveInstallPlan without removals). */
export function resolveInstall(root: DebCandidate, available: readonly DebCandidate[], installed: readonly DebCandidate[]): DebCandidate[] {
  return resolveInstallPlan(root, available, installed).install;
}

/**
 * The install plan for `root`. `available` is every .deb version in the repository,
 * `installed` what the machine has (packages of any kind; .deb ones with their fields).
 */
export function resolveInstallPlan(root: DebCandidate, available: readonly DebCandidate[], installed: readonly DebCandidate[]): InstallPlan {
  const plan: DebCandidate[] = [];
  const planned = new Map<string, DebCandidate>();
  const installedByName = new Map(installed.map((p) => [p.name, p]));
  const newestFirst = [...available].sort((a, b) => compareDebianVersions(b.version, a.version));

  const present = (rel: Relation): DebCandidate | undefined =>
    [...planned.values(), ...installed].find((p) => relationSatisfiedBy(p, rel) && (planned.get(p.name) ?? p) === p);

  /** The repository's best package for a relation: the newest real one, else the first provider. */
  const candidate = (rel: Relation): DebCandidate | undefined => {
    const real = newestFirst.find((p) => p.name === rel.name && relationSatisfiedBy(p, rel));
    if (real) return real;
    return newestFirst
      .filter((p) => p.name !== rel.name && relationSatisfiedBy(p, rel))
      .sort((a, b) => a.name.localeCompare(b.name))[0];
  };

  const explain = (group: RelationGroup, wanter: DebCandidate): string => {
    const reasons = group.map((rel) => {
      const other = installedByName.get(rel.name) ?? planned.get(rel.name);
      if (other) return `${other.name} ${other.version} is installed`;
      const versions = available.filter((p) => p.name === rel.name).map((p) => p.version);
      return versions.length ? `the repository has ${rel.name} ${versions.join(', ')}` : `${rel.name} is not in the repository`;
    });
    return `${label(wanter)} depends on ${formatGroup(group)}, which cannot be satisfied (${reasons.join('; ')})`;
  };

  const visit = (pkg: DebCandidate, chain: string[]): void => {
    if (planned.has(pkg.name)) return;
    const other = installedByName.get(pkg.name);
    // A newer version is an upgrade (its files replace the installed one's); an older one is refused.
    if (other && compareDebianVersions(pkg.version, other.version) < 0) {
      throw new ResolveError(`${pkg.name} ${other.version} is installed, newer than ${pkg.version}; remove it first to install ${pkg.version}`);
    }
    const upgrade = other !== undefined && other.version !== pkg.version;
    planned.set(pkg.name, pkg);
    for (const group of [...parseRelations(pkg.preDepends), ...parseRelations(pkg.depends)]) {
      if (group.some((rel) => present(rel))) continue;
      let chosen: DebCandidate | undefined;
      for (const rel of group) {
        chosen = candidate(rel);
        // An installed package that does not satisfy the relation is upgraded to a version that does.
        if (chosen && !(installedByName.has(chosen.name) && compareDebianVersions(chosen.version, installedByName.get(chosen.name)!.version) < 0)) break;
        chosen = undefined;
      }
      if (!chosen) throw new ResolveError(explain(group, pkg) + (chain.length ? ` (needed by ${chain.join(' <- ')})` : ''));
      visit(chosen, [pkg.name, ...chain]);
    }
    // Dependencies first: a package lands after everything it needs.
    if (!installedByName.has(pkg.name) || upgrade) plan.push(pkg);
  };
  visit(root, []);

  // Conflicts and Breaks, both ways, among everything that would then be installed. An
  // installed package that a new one Conflicts with (or is in conflict with) and Replaces goes.
  const remove: DebCandidate[] = [];
  for (const pkg of plan) {
    for (const other of installed) {
      if (planned.has(other.name) || remove.includes(other) || !replacesPackage(pkg, other)) continue;
      const conflicting = [
        [pkg, other],
        [other, pkg],
      ].some(([a, b]) => parseRelations(a.conflicts).some((group) => group.some((rel) => b.name !== a.name && relationSatisfiedBy(b, rel))));
      if (conflicting) remove.push(other);
    }
  }
  const everyone = [...installed.filter((p) => !planned.has(p.name) && !remove.includes(p)), ...plan];
  for (const gone of remove) {
    const replacer = plan.find((p) => replacesPackage(p, gone))!;
    for (const user of everyone) {
      for (const group of [...parseRelations(user.preDepends), ...parseRelations(user.depends)]) {
        if (group.some((rel) => relationSatisfiedBy(gone, rel)) && !group.some((rel) => everyone.some((p) => p !== user && relationSatisfiedBy(p, rel)))) {
          throw new ResolveError(`${label(replacer)} would remove ${label(gone)} (Conflicts and Replaces), which ${label(user)} needs (Depends: ${formatGroup(group)}); nothing installed`);
        }
      }
    }
  }
  for (const pkg of plan) {
    for (const other of everyone) {
      if (other === pkg) continue;
      for (const [a, b] of [
        [pkg, other],
        [other, pkg],
      ] as const) {
        for (const field of ['conflicts', 'breaks'] as const) {
          for (const group of parseRelations(a[field])) {
            for (const rel of group) {
              if (b.name !== a.name && relationSatisfiedBy(b, rel)) {
                const verb = field === 'conflicts' ? 'conflicts with' : 'breaks';
                throw new ResolveError(`${label(a)} ${verb} ${label(b)} (${field === 'conflicts' ? 'Conflicts' : 'Breaks'}: ${formatRelation(rel)}); nothing installed`);
              }
            }
          }
        }
      }
    }
  }
  return { install: plan, remove };
}
