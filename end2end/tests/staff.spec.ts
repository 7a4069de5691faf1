// The staff's side on a desktop screen: a citizen files a complaint, the
// coordinator assigns it, the agency's officer accepts and answers, the
// leader approves, and the citizen's tracker shows the published answer.
import { test, expect, Browser, Page } from "@playwright/test";
import { fillWizard } from "./wizard";

const PASSWORD = "phanhoi2026";

/// Waits until the page's forms are handled by its script.
async function ready(page: Page) {
  await expect(page.locator(".staff-forms").first()).toHaveAttribute("data-hydrated", "true");
}

/// A signed-in staff member in a browser of their own.
async function staffPage(browser: Browser, login: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, isMobile: false, hasTouch: false });
  const page = await context.newPage();
  await page.goto("/dang-nhap");
  await ready(page);
  await page.getByLabel("Tên đăng nhập hoặc e-mail").fill(login);
  await page.getByLabel("Mật khẩu").fill(PASSWORD);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page).toHaveURL(/\/can-bo/);
  return page;
}

async function openByCode(page: Page, code: string) {
  await page.getByLabel("Tìm theo mã tra cứu").fill(code);
  await page.getByRole("button", { name: "Tìm", exact: true }).click();
  await expect(page.locator(".case-head .code")).toHaveText(code);
  await ready(page);
}

test.describe("staff", () => {
  test.skip(({ javaScriptEnabled }) => !javaScriptEnabled, "staff forms are sent by the page's script");

  test("assigned, answered, approved: the citizen reads the answer", async ({ page, browser }) => {
    const title = `Khói đốt rác cạnh trường học ${Date.now()}`;
    await fillWizard(page, title);
    await page.getByRole("button", { name: "Gửi phản ánh" }).click();
    const code = (await page.locator(".tracking-code").textContent())!.trim();

    // The coordinator sends it to the Department of Construction.
    const coordinator = await staffPage(browser, "dieuphoi");
    await openByCode(coordinator, code);
    await expect(coordinator.getByText("Phạm Thị Mai")).toBeVisible();
    // The routing model's suggestions, each one click away, with confidence.
    await expect(coordinator.locator(".suggestions button").first()).toContainText(/Chuyển đến .+ \(\d+ %\)/);
    await coordinator.getByLabel("Cơ quan xử lý").selectOption({ label: "Sở Xây dựng" });
    await coordinator.getByRole("button", { name: "Chuyển xử lý", exact: true }).click();
    await expect(coordinator.locator("[data-status]").first()).toHaveText("Đã chuyển cơ quan xử lý");
    await ready(coordinator);
    await expect(coordinator.locator(".history")).toContainText("Đã chuyển cơ quan xử lý");

    // The officer accepts, writes an empty answer (refused next to the
    // field), then the answer, and sends it for approval.
    const officer = await staffPage(browser, "canbo.sxd");
    await openByCode(officer, code);
    await officer.getByRole("button", { name: "Nhận xử lý" }).click();
    await expect(officer.locator("[data-status]").first()).toHaveText("Đang xử lý");
    await ready(officer);
    // A file for the answer: refused when it is not what it claims to be,
    // then attached.
    const upload = officer.getByLabel(/Thêm tệp/);
    await upload.setInputFiles({ name: "gia-mao.pdf", mimeType: "application/pdf", buffer: Buffer.from("không phải PDF") });
    await officer.getByRole("button", { name: "Tải tệp lên" }).click();
    await expect(officer.locator("#tep-tra-loi-loi")).toContainText("không phải ảnh (JPEG, PNG, WebP) hay tài liệu PDF");
    await upload.setInputFiles({ name: "bien-ban-kiem-tra.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n%%EOF\n") });
    await officer.getByRole("button", { name: "Tải tệp lên" }).click();
    await expect(officer.getByRole("status").filter({ hasText: "Đã thêm tệp vào dự thảo trả lời." })).toBeVisible();
    await expect(officer.locator("#tep-tra-loi .file-list")).toContainText("Tài liệu: bien-ban-kiem-tra.pdf");
    await ready(officer);
    officer.on("dialog", (dialog) => dialog.accept());
    await officer.getByRole("button", { name: "Lưu nháp" }).click();
    await expect(officer.locator("#traloi-answer-loi")).toHaveText("Vui lòng nhập nội dung trả lời.");
    const answer = `Ngày 12/3, Sở Xây dựng đã kiểm tra và yêu cầu chấm dứt đốt rác (${code}).`;
    await officer.getByLabel(/Nội dung trả lời/).fill(answer);
    await officer.getByRole("button", { name: "Gửi lãnh đạo duyệt" }).click();
    await expect(officer.locator("[data-status]").first()).toHaveText("Chờ duyệt trả lời");
    await ready(officer);

    // The leader approves: the answer is published.
    const leader = await staffPage(browser, "lanhdao.sxd");
    await expect(leader.getByRole("heading", { name: "Chờ duyệt" })).toBeVisible();
    await ready(leader);
    await openByCode(leader, code);
    await expect(leader.getByText(answer)).toBeVisible();
    leader.on("dialog", (dialog) => dialog.accept());
    await leader.getByRole("button", { name: "Duyệt và công khai" }).click();
    await expect(leader.locator("[data-status]").first()).toHaveText("Đã trả lời");
    await ready(leader);

    // The citizen's tracker shows it.
    await page.goto(`/tra-cuu?ma=${code}`);
    await expect(page.getByText(answer)).toBeVisible();
    const file = page.getByRole("link", { name: /bien-ban-kiem-tra\.pdf/ });
    await expect(file).toBeVisible();
    const served = await page.request.get((await file.getAttribute("href"))!);
    expect(served.status()).toBe(200);
    expect(served.headers()["content-type"]).toBe("application/pdf");
  });

  test("another agency cannot open the complaint, and a conflict keeps what was typed", async ({ page, browser }) => {
    const title = `Đèn đường hỏng ngõ ${Date.now()}`;
    await fillWizard(page, title);
    await page.getByRole("button", { name: "Gửi phản ánh" }).click();
    const code = (await page.locator(".tracking-code").textContent())!.trim();

    // Two coordinators open the same complaint; the first assigns it.
    const first = await staffPage(browser, "dieuphoi");
    const second = await staffPage(browser, "dieuphoi");
    await openByCode(first, code);
    await openByCode(second, code);
    await first.getByLabel("Cơ quan xử lý").selectOption({ label: "Sở Xây dựng" });
    await first.getByRole("button", { name: "Chuyển xử lý", exact: true }).click();
    await expect(first.locator("[data-status]").first()).toHaveText("Đã chuyển cơ quan xử lý");
    await ready(first);
    // The second one, on the old page, writes a note for the assignment.
    await second.getByLabel("Cơ quan xử lý").selectOption({ label: "Sở Y tế" });
    await second.getByLabel(/Ghi chú cho cơ quan/).fill("Nhờ Sở Y tế xem giúp.");
    await second.getByRole("button", { name: "Chuyển xử lý", exact: true }).click();
    await expect(second.getByRole("alert").filter({ hasText: "Phản ánh đã được người khác cập nhật" })).toBeVisible();
    await expect(second.getByLabel(/Ghi chú cho cơ quan/)).toHaveValue("Nhờ Sở Y tế xem giúp.");

    // Another agency's officer does not see it.
    const other = await staffPage(browser, "canbo.syt");
    await other.getByLabel("Tìm theo mã tra cứu").fill(code);
    await other.getByRole("button", { name: "Tìm", exact: true }).click();
    await expect(other.getByText("Không tìm thấy phản ánh với mã này trong phạm vi của bạn.")).toBeVisible();
  });
});
