/**
 * The relative link targets of a Markdown text, without `#fragment` or `?query`: inline links
 * and images (`[text](target)`, `![alt](target "title")`), reference definitions
 * (`[name]: target`) and HTML `href`/`src`. Code (fenced blocks and inline spans) is skipped,
 * since a `[x](y)` there is text, not a link. Absolute URLs and pure fragments are not relative.
 */
export function relativeLinks(markdown: string): string[] {
  const prose = markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '').replace(/`[^`\n]*`/g, '')
  const targets = [
    ...[...prose.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((match) => match[1]!),
    ...[...prose.matchAll(/^\s{0,3}\[[^\]]+\]:\s*<?([^\s>]+)>?/gm)].map((match) => match[1]!),
    ...[...prose.matchAll(/\b(?:href|src)\s*=\s*["']([^"']+)["']/g)].map((match) => match[1]!),
  ]
  return targets
    .filter((target) => !/^[a-z][a-z\d+.-]*:/i.test(target) && !target.startsWith('#') && !target.startsWith('//'))
    .map((target) => decodeURI(target.replace(/[#?].*$/, '')))
}
