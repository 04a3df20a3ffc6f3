"""The issue-level parse, as named stages run in priority order.

Each stage is one step of reading a gazette the way an archivist reads it,
registered in :data:`STAGES` under a name with a priority (highest runs
first). A stage reads and extends one :class:`~.state.ParseState`; it may end
the parse with a :class:`GazetteError` when the file cannot be a gazette. The
order matters and is the order below: the TOC is read before heads (its last
line is where documents may begin), heads before the back matter (which starts
after the last head), the back matter before documents (which run up to it),
documents before the checks that compare them with the TOC and 发文目录, and
the ownership check last, once every line has an owner.

A new layout rule is a new stage (or a change to one), registered at the
priority that puts it where its inputs exist, with a test that names it.
"""

from __future__ import annotations

from typing import Callable

from ..messages import refusal, warning
from ..model import OriginalPdf
from .consistency import check_dispatch_list, check_toc, check_toc_pages, infer_missing
from .document import read_document
from .lines import cleanse as cleanse_lines, lines_holding
from .masthead import month_of, read_masthead
from .ownership import check_ownership
from ..registry import Registry
from ..vocabulary import CLOSING_NOTE_MARKS
from .fields import encloses_text
from .regions import back_matter_start, dispatch_entries, regions as find_regions
from .segment import find_heads, last_text_line, note_heads as find_note_heads
from .furniture import furniture_lines, margin_lines, mark_furniture
from .history import document_history, history_line_indexes
from .level import document_level
from .pages import assign_pages
from .state import ParseState
from .toc import add_toc_only_heads, find_toc_head, head_title, parse_toc, refuse_second_issue

Stage = Callable[[ParseState], None]

STAGES: Registry[Stage] = Registry("stage")


def stage(name: str, priority: int) -> Callable[[Stage], Stage]:
    """Register the decorated function in :data:`STAGES` as ``name`` at ``priority``."""
    def add(fn: Stage) -> Stage:
        return STAGES.register(fn, name, priority)
    return add


def run_stages(state: ParseState, stages: Registry[Stage] = STAGES) -> ParseState:
    """Run every stage on ``state`` in registry order; the state holds the result."""
    for step in stages:
        step(state)
    return state


@stage("cleanse", 160)
def cleanse(state: ParseState) -> None:
    """Every source line as a :class:`~.lines.Line`: converter markup (Markdown markers, stray
    HTML, layout spaces) stripped, line numbers kept, so later stages read text, not markup. The
    lines a PDF printed in its page margins are page furniture from the start, even in the TOC."""
    state.lines = cleanse_lines(state.source.lines)
    # what a PDF prints in its page margins is furniture by position, as found when it was read or,
    # in a text written with its page breaks, as the pages' tops and bottoms show it
    margins = {n - 1 for n in state.source.furniture} | margin_lines(state.lines, state.source.page_starts)
    if margins:
        state.lines = mark_furniture(state.lines, margins)
    state.issue.line_count = len(state.lines)
    state.issue.page_starts = state.source.page_starts
    if state.source.pdf:
        state.issue.pdf = OriginalPdf(state.source.pdf, state.source.pdf_sha256)


@stage("require_text", 150)
def require_text(state: ParseState) -> None:
    """A file of blank lines is not a gazette: say so instead of finding nothing in it."""
    if all(line.blank for line in state.lines):
        raise refusal("empty", state.source.path)


@stage("toc", 140)
def toc(state: ParseState) -> None:
    """The 目录 near the front, its 栏目 sections and entries; documents begin after its last line.
    A gazette printed without a TOC (a bare document, a file cut before it) begins at line 0."""
    state.toc_head = find_toc_head(state.lines)
    if state.toc_head is None:
        return
    state.issue.toc, state.toc_last = parse_toc(state.lines, state.toc_head, len(state.lines))
    state.body_begin = state.toc_last + 1


@stage("furniture", 135)
def furniture(state: ParseState) -> None:
    """Running heads and page numbers between the body's lines (:mod:`.furniture`) read as blank
    from here on, so they never cut a title or glue onto a heading; their text is kept."""
    sections = {e.section for e in state.toc if e.section}
    found = furniture_lines(state.lines, state.body_begin, sections)
    if found:
        state.lines = mark_furniture(state.lines, found)


@stage("heads", 130)
def heads(state: ParseState) -> None:
    """Every document head after the TOC: a title over (or under) its 发文字号 line, or an order
    head (…令 / 第N号)."""
    state.heads = find_heads(state.lines, state.body_begin)


@stage("toc_only_heads", 120)
def toc_only_heads(state: ParseState) -> None:
    """Documents printed without a doc number, found by the title their TOC entry gives."""
    if state.toc:
        state.heads = add_toc_only_heads(state.lines, state.heads, state.toc, state.body_begin)


@stage("note_heads", 115)
def note_heads(state: ParseState) -> None:
    """Documents after a 附注 that closes a text enclosing nothing ((此件公开发布), (本文有删减)), found by
    their title even without a doc number: after a notice that 印发s, 转发s or 批转s a named text the
    enclosed text follows instead, and belongs to the notice."""
    lines = state.lines

    def encloses(head, note: int) -> bool:
        return encloses_text(lines, head, head_title(lines, head), note)

    # the lines that hold a note's mark, from one search of the whole text: most print no note
    candidates = lines_holding(state.source.lines, CLOSING_NOTE_MARKS)
    state.heads = find_note_heads(lines, state.heads, state.body_begin, encloses, candidates)


@stage("require_documents", 110)
def require_documents(state: ParseState) -> None:
    """Text with no document head at all is not a gazette (notes, a letter): one clear error."""
    if not state.heads:
        raise refusal("no-document", state.source.path)


@stage("one_issue", 100)
def one_issue(state: ParseState) -> None:
    """One file, one issue: a second 目录 with entries after the first document is refused."""
    refuse_second_issue(state.source.path, state.lines, state.heads[0].anchor, state.toc)


@stage("back_matter", 90)
def back_matter(state: ParseState) -> None:
    """Where the trailing colophon (主办/编辑/地址 …) and the 发文目录 start, after the last head;
    the last document runs up to there."""
    state.back_start, state.dispatch_idx = back_matter_start(state.lines, state.heads[-1].anchor + 1)


@stage("masthead", 80)
def masthead(state: ParseState) -> None:
    """The gazette's own fields (报头: name, year, 期, 总第N期, month) from the cover: the lines
    before the TOC, or before the first document when the file has no TOC."""
    cover_end = state.toc_head if state.toc_head is not None else state.heads[0].start
    mh = read_masthead(state.lines[:cover_end])
    issue = state.issue
    issue.name, issue.region, issue.year = mh.name, mh.region, mh.year
    issue.issue, issue.total_issue, issue.published = mh.issue, mh.total_issue, mh.published
    if mh.name is None:
        issue.warnings.append(warning("no-masthead"))


@stage("regions", 70)
def regions(state: ParseState) -> None:
    """The non-document spans every line outside a document belongs to: cover, TOC, board
    (between TOC and first document), colophon, 发文目录."""
    state.issue.regions = find_regions(state.lines, state.toc_head, state.toc_last, state.heads[0].start,
                                       state.back_start, state.dispatch_idx)


@stage("dispatch_list", 60)
def dispatch_list(state: ParseState) -> None:
    """The 发文目录 as data (doc number and title per line); its heading's month dates the issue
    when the cover does not."""
    if state.dispatch_idx is None:
        return
    issue = state.issue
    issue.dispatch_list = dispatch_entries(state.lines, state.dispatch_idx)
    issue.published = issue.published or month_of(state.lines[state.dispatch_idx].text)


@stage("documents", 50)
def documents(state: ParseState) -> None:
    """Each head's document, running to the next head (the last one to the back matter), read
    into its fields and body blocks."""
    heads = state.heads
    docs = []
    for pos, head in enumerate(heads, start=1):
        stop = heads[pos].start if pos < len(heads) else state.back_start
        end = last_text_line(state.lines, head.start, stop)
        docs.append(read_document(state.lines, head, end, pos, state.toc))
    state.issue.documents = docs


@stage("history", 48)
def history(state: ParseState) -> None:
    """Each regulation's history (题注: 1991年3月4日中华人民共和国国务院令第76号发布 …) as events, read from
    the lines of its document (:mod:`.history`); its orders are references already, its dates never
    the document's."""
    candidates = history_line_indexes(state.source.lines)
    if not candidates:
        return
    for doc in state.issue.documents:
        doc.history = document_history(state.lines, candidates, doc.start_line - 1, doc.end_line - 1)


@stage("pages", 45)
def pages(state: ParseState) -> None:
    """Each document's page of the original PDF and the page number printed on it (:mod:`.pages`),
    for a source that knows its pages (a PDF, or a text extracted from one)."""
    assign_pages(state.issue, state.lines)


@stage("infer_missing", 40)
def infer_missing_fields(state: ParseState) -> None:
    """Region and year from the documents, for a file without a masthead (one that starts at its TOC)."""
    infer_missing(state.issue)


@stage("levels", 35)
def levels(state: ParseState) -> None:
    """Each document's 级别 (from its issuers) and 地区 (its gazette's), once the region is known."""
    for doc in state.issue.documents:
        doc.level = document_level(doc.issuers, state.issue.region)
        doc.region = state.issue.region


@stage("toc_consistency", 30)
def toc_consistency(state: ParseState) -> None:
    """A warning for every TOC entry that names no document."""
    check_toc(state.issue)


@stage("page_consistency", 25)
def page_consistency(state: ParseState) -> None:
    """A warning on each document whose TOC page is not the page number printed where it starts."""
    check_toc_pages(state.issue)


@stage("dispatch_consistency", 20)
def dispatch_consistency(state: ParseState) -> None:
    """A warning on each document the 发文目录 prints with another title or doc number."""
    check_dispatch_list(state.issue)


@stage("decoding_notes", 10)
def decoding_notes(state: ParseState) -> None:
    """What decoding had to repair (a cut last character …), as warnings at the file's end."""
    state.issue.warnings.extend(warning("decoding", len(state.source.lines), note=note) for note in state.notes)


@stage("ownership", 0)
def ownership(state: ParseState) -> None:
    """The no-text-lost check: every non-blank source line owned by exactly one document or region."""
    state.issue.warnings.extend(check_ownership(state.issue, state.source.lines))
