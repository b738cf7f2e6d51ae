// KICS Dockerfile queries covered by our rules. Queries with no counterpart are not listed.
import type { Mapping } from './kics-mapping';

export const DOCKERFILE_MAPPINGS: Mapping[] = [
  { kicsId: '9efb0b2d-89c9-41a3-91ca-dcc0aec911fd', queryName: 'Image Version Not Explicit', rules: ['unpinned-image'] },
  { kicsId: 'f45ea400-6bbe-4501-9fc7-1c3d75c32067', queryName: "Image Version Using 'latest'", rules: ['unpinned-image'] },
  { kicsId: '67fd0c4a-68cf-46d7-8c41-bc9fba7e40ae', queryName: "Last User Is 'root'", rules: ['root-user'] },
  { kicsId: 'fd54f200-402c-4333-a5a4-36ef6709af2f', queryName: 'Missing User Instruction', rules: ['root-user'] },
];

/** Fixtures where we knowingly disagree with KICS: file -> reason. They are reported, not scored. */
export const DOCKERFILE_DISAGREEMENTS: Record<string, string> = {
  'dockerfile/missing_user_instruction/test/negative.dockerfile':
    'its final stage is FROM scratch with no USER: a scratch image has no user database and its processes run as UID 0, so root-user flags it (fix: USER 65532:65532)',
};
