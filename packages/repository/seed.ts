/**
 * Fills the repository from packages/manifest.json: the guest programs this checkout
 * ships. Runs at every start; each bundled version is published once (table `seeded`),
 * so a checkout with newer builds adds their versions and `pkg update` offers them,
 * while a version an operator withdrew with `repo remove` stays withdrawn.
 */

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import type { PackageRecord, PackageRepository } from './repository.js';

export interface ManifestEntry {
  name: string;
  version: string;
  description: string;
  file: string;
  base: boolean;
}

/** packages/ of this checkout (this file runs from dist/packages/repository/). */
export const PACKAGES_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'packages');

export function readManifest(dir = PACKAGES_DIR): ManifestEntry[] {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { packages: ManifestEntry[] };
  return manifest.packages;
}

/**
 * Publishes every manifest entry not yet in the repository; returns what was added.
 * One transaction for the whole manifest: one commit per entry made a fresh data
 * directory's start half a second slower.
 */
export function seedRepository(repo: PackageRepository, dir = PACKAGES_DIR): PackageRecord[] {
  const added: PackageRecord[] = [];
  const seen = repo.db.prepare('SELECT 1 FROM seeded WHERE name = ? AND version = ?');
  const remember = repo.db.prepare('INSERT INTO seeded (name, version) VALUES (?, ?)');
  repo.db.transaction(() => {
    for (const entry of readManifest(dir)) {
      if (seen.get(entry.name, entry.version)) continue;
      if (!repo.get(entry.name, entry.version)) {
        const blob = readFileSync(join(dir, entry.file));
        added.push(repo.publish({ name: entry.name, version: entry.version, description: entry.description, blob, base: entry.base }));
      }
      remember.run(entry.name, entry.version);
    }
  })();
  return added;
}
