"""A certificate page as a PNG picture, for the kiosk's pickup screen and the console's preview (pypdfium2)."""
from __future__ import annotations

import io
import threading

_lock = threading.Lock()  # pdfium is not thread-safe


def render_page_png(pdf: bytes, *, page: int = 0, width_px: int = 900) -> bytes:
    """Render one page of a PDF to PNG, `width_px` wide (the QR on it stays decodable from 600 px up)."""
    import pypdfium2 as pdfium  # late: only the screens that show a certificate need it

    with _lock:
        doc = pdfium.PdfDocument(pdf)
        try:
            p = doc[page]
            scale = width_px / p.get_width()
            image = p.render(scale=scale).to_pil()
        finally:
            doc.close()
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def page_count(pdf: bytes) -> int:
    """The number of pages of a PDF (a certificate citing many records runs onto a second page)."""
    import pypdfium2 as pdfium

    with _lock:
        doc = pdfium.PdfDocument(pdf)
        try:
            return len(doc)
        finally:
            doc.close()
