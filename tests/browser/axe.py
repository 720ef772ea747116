"""Runs axe-core (bundled by the axe-playwright-python package, MPL-2.0) in a page and reports
WCAG 2.0/2.1 A and AA violations in a form a developer can act on."""

from axe_playwright_python.base import AXE_SCRIPT

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def wcag_violations(page, tags=WCAG_TAGS):
    """The violations axe-core finds in the page as rendered now (`tags`: which rules)."""
    # Evaluated rather than added as a <script>: the site's Content-Security-Policy forbids
    # inline scripts, and the DevTools protocol is not subject to it.
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SCRIPT)
    results = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags},"
        " resultTypes: ['violations']})",
        tags,
    )
    return results["violations"]


def describe(violations, url=""):
    """One block per violated rule: what it is, how to fix it, and each offending element."""
    lines = [f"{len(violations)} WCAG A/AA violation(s) on {url}:"]
    for violation in violations:
        lines.append(
            f"\n- {violation['id']} ({violation['impact']}): {violation['help']}\n"
            f"  {violation['helpUrl']}"
        )
        for node in violation["nodes"][:10]:
            target = " ".join(str(part) for part in node["target"])
            summary = (node.get("failureSummary") or "").replace("\n", "\n      ")
            lines.append(f"    at {target}\n      {node['html'][:200]}\n      {summary}")
        if len(violation["nodes"]) > 10:
            lines.append(f"    … and {len(violation['nodes']) - 10} more")
    return "\n".join(lines)
