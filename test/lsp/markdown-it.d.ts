// markdown-it (a CommonMark renderer, installed with @vscode/vsce) renders hovers in the tests the
// way an editor would; it ships no types.
declare module 'markdown-it' {
  export default class MarkdownIt {
    constructor(options?: { html?: boolean; linkify?: boolean });
    render(markdown: string): string;
  }
}
