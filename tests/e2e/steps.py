"""What the browser tests do on a page, as a visitor or a clerk would: tap, type on the on-screen keys, look."""
from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e.conftest import ARTIFACTS

SCREENS = ARTIFACTS / "screens"

# the smallest computed font size of any element that shows text of its own (scripts and hidden ones aside)
MIN_TEXT_PX = """() => {
  let min = 1000, where = "";
  for (const el of document.body.querySelectorAll("*")) {
    if (["SCRIPT", "STYLE"].includes(el.tagName) || !el.getClientRects().length) continue;
    const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    if (!own) continue;
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (size < min) { min = size; where = el.tagName + " " + el.textContent.trim().slice(0, 20); }
  }
  return [min, where];
}"""
HORIZONTAL_OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


def shoot(page, name: str) -> None:
    """Save what the screen shows as test-artifacts/screens/<name>.png (the whole page)."""
    SCREENS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENS / f"{name}.png"), full_page=True)


def path_of(url: str) -> str:
    """The path (and query) of an absolute URL: /V/<token> of a verify URL."""
    return "/" + url.split("://", 1)[1].split("/", 1)[1]


def wait_for_keyboards(page) -> None:
    """Pinyin keys come alive once pinyin.json is loaded (keys that start no syllable are then disabled)."""
    if page.locator(".pinyin").count():
        expect(page.locator('.pinyin .keypad.letters button[data-key="i"]').first).to_be_disabled()


def tap_pinyin(page, board: str, parts: list[tuple[str, str]]) -> None:
    """Type Chinese on the pinyin keyboard `board` (its id): each (syllable, character) as letters, then the
    candidate, turning the candidate pages until it shows."""
    pad = page.locator(f"#{board}")
    for syllable, char in parts:
        for letter in syllable:
            pad.locator(f'.keypad.letters button[data-key="{letter}"]').tap()
        candidate = pad.locator(f'.candidates button[data-char="{char}"]')
        for _ in range(20):
            if candidate.count():
                break
            pad.locator('.candidates button.page[data-page="1"]').tap()
        candidate.tap()


def tap_digits(page, board: str, digits: str) -> None:
    """Type digits (and X) on the numeric keypad `board` (its id)."""
    pad = page.locator(f"#{board}")
    for key in digits:
        pad.locator(f'button[data-key="{key}"]').tap()


def identify(page, name: list[tuple[str, str]], id_number: str, *, next_path: str | None = None) -> None:
    """Identify at the kiosk by typed entry, tapping the on-screen keyboards as a visitor does: on the ID screen
    the page is at, or (given next_path) on one opened for going on to next_path; 确认 the name when asked."""
    if next_path is not None:
        page.goto(f"/identify?next={next_path}")
    expect(page.locator("#name")).to_be_visible()
    wait_for_keyboards(page)
    page.locator("#name").tap()
    tap_pinyin(page, "kb-name", name)
    expect(page.locator("#name")).to_have_value("".join(char for _, char in name))
    page.locator("#id_number").tap()
    tap_digits(page, "kb-id", id_number)
    expect(page.locator("#id_number")).to_have_value(id_number)
    page.get_by_role("button", name="确定").tap()
    # a citizen the archive has not seen checks the full typed name once before it is registered
    page.locator('[data-testid="visitor"], [data-testid="confirm"]').first.wait_for()
    if page.get_by_test_id("confirm").count():
        expect(page.get_by_test_id("fullname")).to_have_text("".join(char for _, char in name))
        shoot(page, "identify-confirm")
        page.get_by_role("button", name="确认").tap()
    expect(page.get_by_test_id("visitor")).to_be_visible()


def qr_texts(png: bytes) -> list[str]:
    """The texts of the QR codes in a PNG (a screenshot, or an image the page shows)."""
    import io

    import zxingcpp
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("L")
    return [r.text for r in zxingcpp.read_barcodes(image) if r.format == zxingcpp.BarcodeFormat.QRCode]


def staff_login(page, username: str) -> None:
    """Sign in to the staff console through its form (the password make_staff gives every account)."""
    from tests.kiosk.conftest import STAFF_PASSWORD

    page.goto("/staff/login")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(STAFF_PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page.locator("header .who")).to_contain_text(username)


def open_application(page, pickup_code: str) -> None:
    """From the staff queue, open an application by its pickup code (the 打开申请 box)."""
    page.goto("/staff/queue")
    page.locator("input[name=find]").fill(pickup_code)
    page.locator("form.find").get_by_role("button", name="打开").click()
    expect(page.locator("#info")).to_contain_text(pickup_code)
