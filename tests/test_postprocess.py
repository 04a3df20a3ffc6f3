"""The last touch on the pages MkDocs writes (generator.postprocess): whitespace folding and readable
link addresses, on real theme output and on the built site."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from urllib.parse import unquote

from generator.postprocess import compact_page, readable_urls, squeeze_whitespace

# Material's header as it writes it (indentation as in the theme), with a body paragraph between
# two inline elements, a <pre> and a <textarea> whose whitespace is content, and an inline script.
THEME_EXCERPT = """<header class="md-header" data-md-component="header">
      <nav class="md-header__inner md-grid" aria-label="页眉">
        <div class="md-header__topic">
          <span class="md-ellipsis">
            政府公报档案库
          </span>
        </div>
      </nav>
    </header>
    <p>各区、县（市）人民政府，<strong>市政府各部门</strong>
        、各单位：</p>
<pre>第一条  表格
    缩进保留
</pre>
  <textarea>
    原样
  </textarea>
    <script>var a = 1;
        var b = "  x  ";</script>
<p>命令 <code>make
    site</code> 与 <kbd>Ctrl
  C</kbd></p>
<p>
　　各区、县（市）人民政府：</p>
"""


class _Text(HTMLParser):
    """What a reader sees: text with whitespace collapsed as the browser does, <pre>/<textarea> as is."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.raw = 0

    def handle_starttag(self, tag, attrs):
        self.raw += tag in ("pre", "textarea", "script")
        self.parts.append(f"<{tag}>")

    def handle_endtag(self, tag):
        self.raw -= tag in ("pre", "textarea", "script")
        self.parts.append(f"</{tag}>")

    def handle_data(self, data):
        self.parts.append(data if self.raw else re.sub(r"\s+", " ", data))

    def seen(self) -> str:
        return re.sub(r"> <", "><", "".join(self.parts).strip())


def seen(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    parser.close()
    return parser.seen()


def test_folding_changes_no_rendered_text_and_keeps_preformatted_text():
    squeezed = squeeze_whitespace(THEME_EXCERPT)
    assert len(squeezed) < len(THEME_EXCERPT) - 70
    assert seen(squeezed) == seen(THEME_EXCERPT)
    for kept in ("<pre>第一条  表格\n    缩进保留\n</pre>", "<textarea>\n    原样\n  </textarea>",
                 '<script>var a = 1;\n        var b = "  x  ";</script>', "<code>make\n    site</code>",
                 "<kbd>Ctrl\n  C</kbd>"):
        assert kept in squeezed
    assert "市政府各部门</strong>\n、各单位" in squeezed, "a run with a line break stays a line break"
    assert "<p>\n\u3000\u3000各区" in squeezed, "ideographic spaces are text, not HTML whitespace"


def test_folding_is_idempotent_and_spaces_within_a_line_stay():
    once = squeeze_whitespace(THEME_EXCERPT)
    assert squeeze_whitespace(once) == once
    assert squeeze_whitespace("<p>a  b</p>") == "<p>a  b</p>"


def test_every_built_page_is_folded(built_site: Path):
    """The plugin folds every page it writes, document pages and theme-only pages alike."""
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 300
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert squeeze_whitespace(html) == html, page
    doc = (built_site / "d/绍政发/2017/7/index.html").read_text(encoding="utf-8")
    assert "\n  " not in doc


def test_link_addresses_are_written_with_their_chinese_characters():
    """MkDocs percent-encodes internal links; CJK ideographs are written back as themselves."""
    html = ('<a href="../../d/%E7%BB%8D%E6%94%BF%E5%8F%91/2017/7/#%E7%AC%AC%E5%8D%81%E6%9D%A1">绍政发〔2017〕7号</a>'
            '<img src="../%E6%9D%A5%E6%BA%90.png" alt="%E7%BB%8D">')
    assert readable_urls(html) == ('<a href="../../d/绍政发/2017/7/#第十条">绍政发〔2017〕7号</a>'
                                   '<img src="../来源.png" alt="%E7%BB%8D">'), "only href and src values"


def test_only_ideographs_are_decoded():
    """A decoded space, slash, quote, no-break space or ideographic space would change the address
    or the attribute: such bytes stay encoded, and so do bytes that are not UTF-8."""
    for kept in ("a%20b", "a%2Fb", "a%22b", "a%C2%A0b", "a%E3%80%80b", "a%E7%BB", "%FF%FE",
                 "a%E7%BB%8D%20%E3%80%80"):
        html = f'<a href="{kept}">x</a>'
        assert unquote(readable_urls(html)) == unquote(html)
        assert "%20" not in kept or "%20" in readable_urls(html)
    assert readable_urls('<a href="%E7%BB%8D%E3%80%80">x</a>') == '<a href="%E7%BB%8D%E3%80%80">x</a>'
    assert readable_urls('<a href="%E7%BB%8D/%E3%80%80">x</a>') == '<a href="绍/%E3%80%80">x</a>'


def test_built_pages_link_with_readable_addresses(built_site: Path):
    """No page of the built site links to a percent-encoded Chinese address, and compacting a built
    page again changes nothing."""
    encoded = re.compile(r'(?:href|src)="[^"]*%E[4-9][0-9A-F]%[89AB][0-9A-F]%[89AB][0-9A-F]')
    pages = sorted(built_site.rglob("*.html"))
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert not encoded.search(html), page
        assert compact_page(html) == html, page
    doc = (built_site / "d/绍政发/2017/7/index.html").read_text(encoding="utf-8")
    assert 'href="../../../../issuers/绍兴市人民政府/"' in doc


def test_line_breaks_beside_block_tags_go_and_between_inline_tags_stay():
    """Between two tags, a line break next to a block-level element's tag renders as nothing and goes;
    between two inline elements it is a space and stays. Markup as the document template writes it."""
    html = ('<ul>\n<li><strong>发文机关：</strong><a href="x">绍兴市人民政府</a></li>\n</ul>\n'
            '<p class="doc-cite__line"><span>甲</span>\n<button type="button">复制</button></p>\n'
            '<table>\n<tr>\n<td><a href="y">乙</a></td>\n<td>丙</td>\n</tr>\n</table>\n<pre>\n  <b>丁</b>\n</pre>')
    assert squeeze_whitespace(html) == (
        '<ul><li><strong>发文机关：</strong><a href="x">绍兴市人民政府</a></li></ul>'
        '<p class="doc-cite__line"><span>甲</span>\n<button type="button">复制</button></p>'
        '<table><tr><td><a href="y">乙</a></td><td>丙</td></tr></table>\n<pre>\n  <b>丁</b>\n</pre>')
