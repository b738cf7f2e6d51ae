// KICS Dockerfile queries covered by our rules. Queries with no counterpart are not listed.
import type { Mapping } from './kics-mapping';

export const DOCKERFILE_MAPPINGS: Mapping[] = [
  { kicsId: '9efb0b2d-89c9-41a3-91ca-dcc0aec911fd', queryName: 'Image Version Not Explicit', rules: ['unpinned-image'] },
  { kicsId: 'f45ea400-6bbe-4501-9fc7-1c3d75c32067', queryName: "Image Version Using 'latest'", rules: ['unpinned-image'] },
  { kicsId: '67fd0c4a-68cf-46d7-8c41-bc9fba7e40ae', queryName: "Last User Is 'root'", rules: ['root-user'] },
  { kicsId: 'fd54f200-402c-4333-a5a4-36ef6709af2f', queryName: 'Missing User Instruction', rules: ['root-user'] },
  // RUN analysis
  {
    kicsId: '77783205-c4ca-4f80-bb80-c777f267c547',
    queryName: 'APT-GET Missing Flags To Avoid Manual Input',
    rules: ['noninteractive-install'],
    only: /"apt(-get)? /,
  },
  {
    kicsId: '6e19193a-8753-436d-8a09-76dcff91bb03',
    queryName: 'Yum Install Allows Manual Input',
    rules: ['noninteractive-install'],
    only: /"yum /,
  },
  {
    kicsId: '7ebd323c-31b7-4e5b-b26f-de5e9e477af8',
    queryName: 'Missing Flag From Dnf Install',
    rules: ['noninteractive-install'],
    only: /"dnf /,
  },
  {
    kicsId: '45e1fca5-f90e-465d-825f-c2cb63fa3944',
    queryName: 'Missing Zypper Non-interactive Switch',
    rules: ['noninteractive-install'],
    only: /"zypper /,
  },
  {
    kicsId: '7384dfb2-fcd1-4fbf-91cd-6c44c318c33c',
    queryName: 'APT-GET Not Avoiding Additional Packages',
    rules: ['apt-no-install-recommends'],
  },
  { kicsId: 'ae9c56a6-3ed1-4ac0-9b54-31267f51151d', queryName: 'Apk Add Using Local Cache Path', rules: ['apk-no-cache'] },
  {
    kicsId: 'df746b39-6564-4fed-bf85-e9c44382303c',
    queryName: 'Apt Get Install Lists Were Not Deleted',
    rules: ['package-cache-cleanup'],
    only: /apt/,
  },
  {
    kicsId: '00481784-25aa-4a55-8633-3136dfcf4f37',
    queryName: 'Yum Clean All Missing',
    rules: ['package-cache-cleanup'],
    only: /yum clean/,
  },
  {
    kicsId: '295acb63-9246-4b21-b441-7c1f1fb62dc0',
    queryName: 'Missing Dnf Clean All',
    rules: ['package-cache-cleanup'],
    only: /dnf clean/,
  },
  {
    kicsId: '38300d1a-feb2-4a48-936a-d1ef1cd24313',
    queryName: 'Missing Zypper Clean',
    rules: ['package-cache-cleanup'],
    only: /zypper clean/,
  },
  {
    kicsId: '965a08d7-ef86-4f14-8792-4a3b2098937e',
    queryName: 'Apt Get Install Pin Version Not Defined',
    rules: ['unpinned-packages'],
    only: /\((apt-get|apt) install\)/,
  },
  {
    kicsId: 'd3499f6d-1651-41bb-a9a7-de925fea487b',
    queryName: 'Unpinned Package Version in Apk Add',
    rules: ['unpinned-packages'],
    only: /\(apk add\)/,
  },
  {
    kicsId: '02d9c71f-3ee8-4986-9c27-1a20d0d19bfc',
    queryName: 'Unpinned Package Version in Pip Install',
    rules: ['unpinned-packages'],
    only: /\(pip\d* install\)/,
  },
  {
    kicsId: '6452c424-1d92-4deb-bb18-a03e95d579c4',
    queryName: 'Yum install Without Version',
    rules: ['unpinned-packages'],
    only: /\(yum install\)/,
  },
  {
    kicsId: '93d88cf7-f078-46a8-8ddc-178e03aeacf1',
    queryName: 'Missing Version Specification In dnf install',
    rules: ['unpinned-packages'],
    only: /\(dnf (install|in)\)/,
  },
  {
    kicsId: '562952e4-0348-4dea-9826-44f3a2c6117b',
    queryName: 'Zypper Install Without Version',
    rules: ['unpinned-packages'],
    only: /\(zypper (install|in)\)/,
  },
  {
    kicsId: 'e36d8880-3f78-4546-b9a1-12f0745ca0d5',
    queryName: 'NPM Install Command Without Pinned Version',
    rules: ['unpinned-packages'],
    only: /\(npm (install|i|add)\)/,
  },
  {
    kicsId: '22cd11f7-9c6c-4f6e-84c0-02058120b341',
    queryName: 'Gem Install Without Version',
    rules: ['unpinned-packages'],
    only: /\(gem install\)/,
  },
  { kicsId: 'f2f903fb-b977-461e-98d7-b3e2185c6118', queryName: 'Pip install Keeping Cached Packages', rules: ['pip-no-cache'] },
  {
    kicsId: 'f4a6bcd3-e231-4acf-993c-aa027be50d2e',
    queryName: "RUN Instruction Using 'cd' Instead of WORKDIR",
    rules: ['cd-in-run'],
  },
  { kicsId: 'b84a0b47-2e99-4c9f-8933-98bcabe2b94d', queryName: 'Run Using apt', rules: ['use-apt-get'] },
  { kicsId: '8ada6e80-0ade-439e-b176-0b28f6bce35a', queryName: 'Run Using Sudo', rules: ['sudo'] },
  { kicsId: 'fc775e75-fcfb-4c98-b2f2-910c5858b359', queryName: "Run Using 'wget' and 'curl'", rules: ['curl-and-wget'] },
  {
    kicsId: '9b6b0f38-92a2-41f9-b881-3a1083d99f1b',
    queryName: 'Run Utilities And POSIX Commands',
    rules: ['nonsensical-command'],
  },
  {
    kicsId: 'efbf148a-67e9-42d2-ac47-02fa1c0d0b22',
    queryName: 'Shell Running A Pipe Without Pipefail Flag',
    rules: ['pipefail'],
  },
  {
    kicsId: '8a301064-c291-4b20-adcb-403fe7fd95fd',
    queryName: 'Changing Default Shell Using RUN Command',
    rules: ['use-shell-instruction'],
  },
  {
    kicsId: '9bae49be-0aa3-4de5-bab2-4c3a069e40cd',
    queryName: 'Update Instruction Alone',
    rules: ['package-update-alone'],
    above: 1,
  },
  // Instructions
  { kicsId: '9513a694-aa0d-41d8-be61-3271e056f36b', queryName: 'Add Instead of Copy', rules: ['add-local-file'] },
  { kicsId: '4b410d24-1cbe-4430-a632-62c9a931cf1c', queryName: 'Curl or Wget Instead of Add', rules: ['add-remote-url'] },
  { kicsId: '5907595b-5b6d-4142-b173-dbb0e73fbff8', queryName: 'Exposing Port 22 (SSH)', rules: ['exposed-ssh'] },
  {
    kicsId: 'b03a748a-542d-44f4-bb86-9199ab4fd2d5',
    queryName: 'Healthcheck Instruction Missing',
    rules: ['missing-healthcheck'],
  },
  {
    kicsId: '99614418-f82b-4852-a9ae-5051402b741c',
    queryName: 'MAINTAINER Instruction Being Used',
    rules: ['maintainer-deprecated'],
  },
  { kicsId: '41c195f4-fc31-4a5c-8a1b-90605538d49f', queryName: 'Multiple CMD Instructions Listed', rules: ['multiple-cmd'] },
  {
    kicsId: '6938958b-3f1a-451c-909b-baeee14bdc97',
    queryName: 'Multiple ENTRYPOINT Instructions Listed',
    rules: ['multiple-cmd'],
  },
  {
    kicsId: 'b86987e1-6397-4619-81d5-8807f2387c79',
    queryName: 'Not Using JSON In CMD And ENTRYPOINT Arguments',
    rules: ['shell-form-cmd'],
  },
  { kicsId: 'f2daed12-c802-49cd-afed-fe41d0b82fed', queryName: 'Same Alias In Different Froms', rules: ['duplicate-stage-name'] },
  {
    kicsId: 'cdddb86f-95f6-4fc4-b5a1-483d9afceb2b',
    queryName: "COPY '--from' References Current FROM Alias",
    rules: ['copy-from-stage'],
  },
  {
    kicsId: '6db6e0c2-32a3-4a2e-93b5-72c35f4119db',
    queryName: 'Copy With More Than Two Arguments Not Ending With Slash',
    rules: ['copy-args-slash'],
  },
  { kicsId: '71bf8cf8-f0a1-42fa-b9d2-d10525e0a38e', queryName: 'UNIX Ports Out Of Range', rules: ['invalid-port'] },
  { kicsId: '6b376af8-cfe8-49ab-a08d-f32de23661a4', queryName: 'WORKDIR Path Not Absolute', rules: ['workdir-relative'] },
];

/** Fixtures where we knowingly disagree with KICS: file -> reason. They are reported, not scored. */
export const DOCKERFILE_DISAGREEMENTS: Record<string, string> = {
  'dockerfile/not_using_json_in_cmd_and_entrypoint_arguments/test/positive.dockerfile:10':
    '`CMD [python, app.py]` is broken JSON, reported by syntax-error; calling it shell form (and offering a sh -c rewrite) would keep the mistake',
  'dockerfile/not_using_json_in_cmd_and_entrypoint_arguments/test/positive.dockerfile:11':
    'as line 10: `ENTRYPOINT [top, -b]` is broken JSON (syntax-error)',
  'dockerfile/same_alias_in_different_froms/test/positive.dockerfile:4':
    'location only: we report the second FROM that reuses the name (line 7), KICS the first',
  'dockerfile/multiple_cmd_instructions_listed/test/negative2.dockerfile:6':
    'two CMDs in the builder stage: the first is dead code there too (and the stage can be built as a --target), so multiple-cmd checks every stage',
  'dockerfile/multiple_entrypoint_instructions_listed/test/negative2.dockerfile:6':
    'as multiple_cmd negative2: every stage is checked',
  'dockerfile/apt_get_install_lists_were_not_deleted/test/positive.dockerfile:2':
    'a non-final build stage: its apt lists never reach the shipped image, so package-cache-cleanup checks only stages that end up in the final image',
  'dockerfile/apt_get_install_lists_were_not_deleted/test/positive.dockerfile:5': 'a non-final build stage (see line 2)',
  'dockerfile/apt_get_install_lists_were_not_deleted/test/positive.dockerfile:8':
    'a non-final build stage (see line 2); the final stage busybox4 IS flagged, because its `rm -rf /var/lib/apt/lists/*` runs in a later RUN and cannot shrink the earlier layer',
  'dockerfile/apt_get_install_pin_version_not_defined/test/positive.dockerfile:6':
    '`apt-get install -y -t python` installs nothing: -t takes the target release, so "python" is not a package',
  'dockerfile/apt_get_install_pin_version_not_defined/test/positive2.dockerfile:6': 'same as positive.dockerfile:6',
  'dockerfile/gem_install_without_version/test/positive.dockerfile:5':
    '`gem install grpc -v X blunder` is rejected by RubyGems (--version with several gems), so nothing unpinned is installed',
  'dockerfile/missing_zypper_non_interactive_switch/test/negative2.dockerfile:6':
    '`zypper install httpd` without -n/-y prompts and fails a build; the fixture only has it in a non-final stage, which still has to build',
  'dockerfile/run_command_cd_instead_of_workdir/test/negative2.dockerfile:3':
    'like hadolint DL3003 we flag every cd in RUN, absolute or not: it lasts only for that RUN either way',
  'dockerfile/shell_running_a_pipe_without_pipefail_flag/test/negative.dockerfile:2':
    '`RUN pwsh X | Y` runs under the default /bin/sh, whose pipe ignores a failing pwsh; only a SHELL of pwsh/cmd exempts it',
  'dockerfile/shell_running_a_pipe_without_pipefail_flag/test/positive.dockerfile:3':
    'exec form runs no shell: "|" is a literal argument to bash, not a pipe',
  'dockerfile/changing_default_shell_using_run_command/test/positive2.dockerfile:5':
    '`RUN powershell -command` runs a program; it does not change the default shell',
  'dockerfile/update_instruction_alone/test/negative5.dockerfile:4':
    'a lone `RUN apk update` leaves a stale index layer that any later install in a derived image uses; flagged whether or not an install follows',
  'dockerfile/update_instruction_alone/test/negative7.dockerfile:2':
    '`apt update && install nginx`: "install" is not apt, so the update is alone',
  'dockerfile/yum_clean_all_missing/test/positive.dockerfile:12':
    '`yum clean all \\ yum -y install` (no &&) is one `yum clean` command with extra arguments: nothing is installed',
  'dockerfile/yum_clean_all_missing/test/negative.dockerfile:13':
    '`yum -y install \\ yum clean all` (no &&) installs packages named yum, clean and all and never cleans, so the finding is right',
  'dockerfile/yum_install_allows_manual_input/test/positive.dockerfile:4':
    '`RUN ["sudo yum", "install", ...]` names an executable "sudo yum" that does not exist; the RUN fails before anything prompts',
  'dockerfile/missing_user_instruction/test/negative.dockerfile':
    'its final stage is FROM scratch with no USER: a scratch image has no user database and its processes run as UID 0, so root-user flags it (fix: USER 65532:65532)',
};
