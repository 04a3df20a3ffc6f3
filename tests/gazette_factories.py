"""Build Document/GazetteIssue records the way the parser would, for tests of later stages."""

from __future__ import annotations

import datetime as dt

from generator.model import Block, BlockKind, Document, GazetteIssue
from generator.parse.level import document_level

REGION = "绍兴市"   # the region of the Shaoxing gazettes these records come from


def make_document(title: str, doc_number: str | None, *, position: int, body: list[str],
                  references: list[str] = (), issuers=("绍兴市人民政府",), date=dt.date(2017, 4, 15),
                  section: str | None = "市政府文件", toc_page: int | None = 1, start_line: int = 10) -> Document:
    """A Document as the parser would produce it, with paragraph blocks for ``body``.

    Its 级别 comes from the parser's own rule, so these records agree with parsed ones.
    """
    blocks = [Block(BlockKind.TITLE, title, start_line, start_line)]
    if doc_number:
        blocks.append(Block(BlockKind.DOC_NUMBER, doc_number, start_line + 1, start_line + 1))
    for i, text in enumerate(body):
        blocks.append(Block(BlockKind.PARAGRAPH, text, start_line + 2 + i, start_line + 2 + i))
    end = start_line + 2 + len(body)
    blocks.append(Block(BlockKind.SIGNATURE, issuers[0] if issuers else "", end, end))
    return Document(title=title, doc_number=doc_number, issuers=list(issuers), date=date, section=section,
                    toc_page=toc_page, start_line=start_line, end_line=end, position=position,
                    doc_type="通知", references=list(references), blocks=blocks,
                    level=document_level(list(issuers), REGION), region=REGION)


def make_issue(stem: str, documents: list[Document], *, name="绍兴市人民政府公报", year=2017,
               issue="第04期", total_issue=270) -> GazetteIssue:
    """A GazetteIssue for hand-made documents; ``stem`` becomes the issue slug."""
    return GazetteIssue(source_file=f"gazettes/{stem}.txt", name=name, region=REGION, year=year,
                        issue=issue, total_issue=total_issue, line_count=200, documents=documents)
