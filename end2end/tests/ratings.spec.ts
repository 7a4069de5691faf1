// The citizen's feedback on a phone, hydrated and with JavaScript disabled:
// an answer is published (by test set-up), the citizen rates it on the
// tracker, a too long comment is refused next to the field and nothing
// typed is lost, the rating is changed, the citizen asks to reopen, and the
// coordinator accepts on a desktop.
import { test, expect, Browser, Page } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { fillWizard } from "./wizard";

const PASSWORD = "phanhoi2026";

/// Publishes an answer through the service layer, as staff would.
function publish(code: string, agency: string, answer: string) {
  execFileSync("../target/debug/phanhoi", ["complaint", "publish", code, "--agency", agency, "--answer", answer], {
    env: { ...process.env, DATABASE_URL: process.env.E2E_DATABASE_URL, RUST_LOG: "warn" },
  });
}

/// Waits until the feedback forms are handled by their script (hydrated
/// project only).
async function formsReady(page: Page, javaScriptEnabled: boolean) {
  if (javaScriptEnabled) {
    for (const form of await page.locator(".feedback-form").all()) {
      await expect(form).toHaveAttribute("data-hydrated", "true", { timeout: 15_000 });
    }
  }
}

/// The coordinator, signed in on a desktop browser with JavaScript (the
/// staff's forms are sent by the page's script).
async function coordinator(browser: Browser): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    isMobile: false,
    hasTouch: false,
    javaScriptEnabled: true,
  });
  const page = await context.newPage();
  await page.goto("/dang-nhap");
  await expect(page.locator(".staff-forms").first()).toHaveAttribute("data-hydrated", "true");
  await page.getByLabel("Tên đăng nhập hoặc e-mail").fill("dieuphoi");
  await page.getByLabel("Mật khẩu").fill(PASSWORD);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page).toHaveURL(/\/can-bo/);
  return page;
}

test("a citizen rates the answer, changes the rating and asks to reopen; the coordinator accepts", async ({
  page,
  browser,
  javaScriptEnabled,
}) => {
  const title = `Ổ gà trước cổng chợ ${Date.now()}`;
  await fillWizard(page, title);
  await page.getByRole("button", { name: "Gửi phản ánh" }).click();
  const code = (await page.locator(".tracking-code").textContent())!.trim();

  // Before the answer there is nothing to rate.
  await page.goto(`/tra-cuu?ma=${code}`);
  await expect(page.getByRole("heading", { name: title })).toBeVisible();
  await expect(page.locator(".feedback-form")).toHaveCount(0);

  publish(code, "SXD", "Ngày 12/3, Sở Xây dựng đã vá ổ gà trước cổng chợ.");
  await page.reload();
  await expect(page.getByText("Nội dung trả lời")).toBeVisible();
  await formsReady(page, javaScriptEnabled);
  const scale = page.getByRole("group", { name: "Bạn có hài lòng với câu trả lời không?" });
  await expect(scale.getByRole("radio")).toHaveCount(5);

  // A comment over 1,000 characters: refused next to the field, the choice
  // and the text kept.
  const tooLong = "Vẫn chưa sửa. ".repeat(72);
  await scale.getByRole("radio", { name: "Không hài lòng", exact: true }).check();
  const comment = page.getByLabel("Nhận xét (không bắt buộc)");
  await comment.fill(tooLong);
  if (javaScriptEnabled) {
    await expect(page.locator("#y-kien-dem")).toHaveText("1.008/1.000 ký tự");
  }
  await page.getByRole("button", { name: "Gửi đánh giá" }).click();
  await expect(page.locator("#y-kien-loi")).toHaveText("Nhận xét tối đa 1.000 ký tự.");
  await expect(page.getByLabel("Nhận xét (không bắt buộc)")).toHaveValue(tooLong);
  await expect(scale.getByRole("radio", { name: "Không hài lòng", exact: true })).toBeChecked();
  await expect(page.locator("[data-status]").first()).toHaveText("Đã trả lời");

  // Shortened: rated.
  await formsReady(page, javaScriptEnabled);
  await page.getByLabel("Nhận xét (không bắt buộc)").fill("Mới vá một nửa, nửa kia vẫn còn ổ gà.");
  await page.getByRole("button", { name: "Gửi đánh giá" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Cảm ơn bạn đã đánh giá câu trả lời." })).toBeVisible();
  await expect(page.locator("[data-status]").first()).toHaveText("Đã đánh giá");
  await expect(page.locator(".rating-now strong")).toHaveText("Không hài lòng");
  await expect(page.locator(".rating-now")).toContainText("Bạn có thể thay đổi đánh giá đến");
  await expect(page.locator(".timeline")).toContainText("Không hài lòng (2/5)");

  // Changed within the seven days.
  await formsReady(page, javaScriptEnabled);
  await page.getByText("Thay đổi đánh giá", { exact: true }).click();
  await page.getByRole("radio", { name: "Rất không hài lòng", exact: true }).check();
  await page.getByRole("button", { name: "Cập nhật đánh giá" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Đã cập nhật đánh giá của bạn." })).toBeVisible();
  await expect(page.locator(".rating-now strong")).toHaveText("Rất không hài lòng");
  await expect(page.getByLabel("Nhận xét (không bắt buộc)")).toHaveValue("Mới vá một nửa, nửa kia vẫn còn ổ gà.");

  // Dissatisfied: asks to reopen; an empty reason is refused first.
  await formsReady(page, javaScriptEnabled);
  await page.getByRole("button", { name: "Gửi đề nghị mở lại" }).click();
  await expect(page.locator("#ly-do-loi")).toHaveText("Vui lòng nhập lý do đề nghị mở lại.");
  await formsReady(page, javaScriptEnabled);
  await page.getByLabel("Lý do đề nghị mở lại").fill("Nửa đường phía chợ vẫn còn ba ổ gà sâu.");
  await page.getByRole("button", { name: "Gửi đề nghị mở lại" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Đã gửi đề nghị mở lại." })).toBeVisible();
  await expect(page.locator(".reopen-pending")).toContainText("đang chờ Văn phòng UBND tỉnh xem xét");
  await expect(page.getByRole("button", { name: "Gửi đề nghị mở lại" })).toHaveCount(0);

  // The coordinator finds it in "Đề nghị mở lại" and accepts.
  const staff = await coordinator(browser);
  await staff.goto("/can-bo?hang=de-nghi-mo-lai");
  await expect(staff.getByRole("heading", { level: 1 })).toHaveText("Đề nghị mở lại");
  await staff.getByRole("link", { name: code }).click();
  await expect(staff.locator(".case-head .code")).toHaveText(code);
  await expect(staff.locator(".staff-forms").first()).toHaveAttribute("data-hydrated", "true");
  const decision = staff.locator("#de-nghi-mo-lai");
  await expect(decision).toContainText("Nửa đường phía chợ vẫn còn ba ổ gà sâu.");
  await expect(decision).toContainText("Rất không hài lòng (1/5)");
  staff.on("dialog", (dialog) => dialog.accept());
  await decision.getByLabel(/Ghi chú cho cơ quan xử lý/).fill("Đề nghị kiểm tra lại đoạn phía chợ.");
  await decision.getByRole("button", { name: "Chấp nhận, mở lại phản ánh" }).click();
  await expect(staff.locator("[data-status]").first()).toHaveText("Mở lại");
  await expect(staff.locator(".history")).toContainText("Mở lại theo đề nghị của người dân");
  await staff.context().close();

  // The citizen's tracker: reopened, with a new deadline.
  await page.goto(`/tra-cuu?ma=${code}`);
  await expect(page.locator("[data-status]").first()).toHaveText("Mở lại");
  await expect(page.locator(".reopen-accepted")).toContainText("Đề nghị mở lại đã được chấp nhận");
  await expect(page.getByText(/Hạn trả lời \d\d\/\d\d\/\d{4} \(còn \d+ ngày\)/)).toBeVisible();
  await expect(page.locator(".feedback-form")).toHaveCount(0);
});
