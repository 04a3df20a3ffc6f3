"""`make screenshots`: PNGs of the built site at desktop (1280 px) and phone (390 px) widths.

    python tests/screenshots.py [site_dir] [out_dir]      # defaults: site/ screenshots/

Shots: the home page, a document page (top, and its wide table), search results
for 最多跑一次 in the header search box, and an issue page, each in normal mode and
in 关怀版 (files named *-care-*). They are for people: look at them after a theme
change (the folder is git-ignored). The phone shot of the document in 关怀版 is also
written beside README.md as README_IMAGE, which README shows and git keeps.
"""

from __future__ import annotations

import sys
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent))

from browser_support import CARE_KEY, CHROMIUM, CHROMIUM_ARGS, DESKTOP, PHONE, serve  # noqa: E402

DOCUMENT = "d/绍政办发/2017/16/"
ISSUE = "g/shaoxing-2017-04/"
README_IMAGE = Path(__file__).resolve().parent.parent / "care-document-phone.png"


def shoot(site: Path, out: Path) -> list[Path]:
    """Write every screenshot; return their paths."""
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with serve(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for name, viewport, care in (("desktop", DESKTOP, False), ("phone", PHONE, False),
                                         ("care-desktop", DESKTOP, True), ("care-phone", PHONE, True)):
                context = browser.new_context(viewport=viewport, device_scale_factor=1)
                if care:           # as after a press of the 关怀版 switch on an earlier page
                    context.add_init_script(f"localStorage.setItem('{CARE_KEY}', 'on')")
                page = context.new_page()

                def save(label: str, *, full: bool = False) -> None:
                    path = out / f"{label}-{name}.png"
                    page.screenshot(path=str(path), full_page=full)
                    written.append(path)

                page.goto(base)
                page.wait_for_selector("#home-q")
                save("home", full=True)
                page.goto(base + quote(DOCUMENT))
                page.wait_for_selector(".doc-meta")
                save("document")
                if name == "care-phone":
                    page.screenshot(path=str(README_IMAGE))
                    written.append(README_IMAGE)
                table = page.locator("article table").first
                if table.count():
                    table.scroll_into_view_if_needed()
                    save("document-table")
                page.goto(base + quote(ISSUE))
                save("issue")
                page.goto(base + "search/?q=" + quote("最多跑一次"))
                page.wait_for_selector(".gazette-result", timeout=15000)
                page.wait_for_timeout(500)
                save("search")
                context.close()
        finally:
            browser.close()
    return written


def main(argv: list[str]) -> int:
    site = Path(argv[1]) if len(argv) > 1 else Path("site")
    out = Path(argv[2]) if len(argv) > 2 else Path("screenshots")
    if not (site / "index.html").is_file():
        print(f"no built site in {site}: run `make site` first", file=sys.stderr)
        return 1
    for path in shoot(site, out):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
