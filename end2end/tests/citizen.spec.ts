// The citizen's side on a phone: the wizard, the tracker and the public
// list, hydrated and with JavaScript disabled.
import { test, expect } from "@playwright/test";
import { fillWizard, next, photo } from "./wizard";
import { execFileSync } from "node:child_process";

/// A word no other test uses, so searches find this test's complaint only.
function uniqueWord(): string {
  const letters = "bcdfghklmnpqrstvx";
  let word = "";
  for (let i = 0; i < 8; i++) word += letters[Math.floor(Math.random() * letters.length)];
  return word;
}

/// Publishes an answer through the service layer, as staff would.
function publish(code: string, agency: string, answer: string) {
  execFileSync("../target/debug/phanhoi", ["complaint", "publish", code, "--agency", agency, "--answer", answer], {
    env: { ...process.env, DATABASE_URL: process.env.E2E_DATABASE_URL, RUST_LOG: "warn" },
  });
}

test("a complaint with a photo is sent, tracked, answered and found in the public list", async ({ page }) => {
  const word = uniqueWord();
  const title = `Khói đốt rác bãi ${word}`;
  await fillWizard(page, title, { photo: true });
  await expect(page.getByText(title)).toBeVisible();
  await expect(page.getByText("1 tệp")).toBeVisible();
  await page.getByRole("button", { name: "Gửi phản ánh" }).click();

  await expect(page.getByRole("heading", { name: "Đã gửi phản ánh thành công" })).toBeVisible();
  const code = (await page.locator(".tracking-code").textContent())!.trim();
  expect(code).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
  await expect(page.getByText(/Hạn trả lời: chậm nhất ngày \d\d\/\d\d\/\d{4}/)).toBeVisible();
  // The code is large and fits the screen.
  const box = await page.locator(".tracking-code").boundingBox();
  expect(box!.width).toBeLessThanOrEqual(360);

  await page.getByRole("link", { name: "Theo dõi phản ánh này" }).click();
  await expect(page.getByRole("heading", { name: title })).toBeVisible();
  await expect(page.locator("[data-status]").first()).not.toHaveText("");

  publish(code, "SNNMT", `Ngày 10/3, đoàn kiểm tra đã xử lý bãi rác ${word}.`);
  await page.reload();
  await expect(page.getByText("Nội dung trả lời")).toBeVisible();
  await expect(page.getByText(`đã xử lý bãi rác ${word}`)).toBeVisible();

  // Found in the public list, typed without diacritics.
  await page.goto("/phan-anh");
  await page.getByLabel("Tìm kiếm").fill(`khoi dot rac ${word}`);
  await page.getByRole("button", { name: "Tìm" }).click();
  await expect(page.locator(".complaint-item")).toHaveCount(1);
  await page.getByRole("link", { name: title }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(page.locator(".answer")).toContainText(word);
  // Nothing that identifies the citizen.
  const body = await page.locator("body").textContent();
  expect(body).not.toContain("Phạm Thị Mai");
  expect(body).not.toContain("0905");
  expect(body).not.toContain("Số 15 ngõ 4");
});

test("bad input gets a Vietnamese message next to the field and keeps what was typed", async ({ page }) => {
  await page.goto("/gui-phan-anh");
  await page.getByLabel("Tiêu đề").fill("abc");
  await page.getByLabel("Nội dung phản ánh").fill("ngắn quá");
  await next(page);
  await expect(page.locator("#title-loi")).toHaveText("Tiêu đề cần ít nhất 5 ký tự.");
  await expect(page.locator("#description-loi")).toContainText("ít nhất 20 ký tự");
  await expect(page.locator("#category-loi")).toContainText("Vui lòng chọn lĩnh vực");
  await expect(page.getByLabel("Tiêu đề")).toHaveValue("abc");
  await expect(page.getByLabel("Nội dung phản ánh")).toHaveValue("ngắn quá");
  await expect(page.getByRole("alert")).toContainText("Vui lòng kiểm tra lại");

  // Fix step 1, then a step-2 error, then step 4.
  await page.getByLabel("Lĩnh vực").selectOption("khac");
  await page.getByLabel("Tiêu đề").fill("Cống thoát nước bị tắc");
  await page.getByLabel("Nội dung phản ánh").fill("Cống đầu ngõ tắc từ tuần trước, mưa xuống là nước tràn vào nhà.");
  await next(page);
  await next(page);
  await expect(page.locator("#commune-loi")).toHaveText("Vui lòng chọn xã, phường nơi xảy ra sự việc.");
  await page.getByLabel("Xã, phường nơi xảy ra sự việc").selectOption({ label: "Phường Hàm Rồng" });
  await next(page);
  await next(page);
  await page.getByLabel("Họ và tên").fill("Lê Văn Nam");
  await page.getByLabel("Số điện thoại di động").fill("12345");
  await page.getByLabel("E-mail (không bắt buộc)").fill("nam@");
  await next(page);
  await expect(page.locator("#phone-loi")).toContainText("10 chữ số");
  await expect(page.locator("#email-loi")).toContainText("không hợp lệ");
  await expect(page.locator("#publish-loi")).toContainText("công khai");
  await expect(page.locator("#consent-loi")).toContainText("đồng ý");
  await expect(page.getByLabel("Họ và tên")).toHaveValue("Lê Văn Nam");
  await expect(page.getByLabel("Số điện thoại di động")).toHaveValue("12345");

  // Back keeps everything.
  await page.getByRole("button", { name: "Quay lại" }).click();
  await page.getByRole("button", { name: "Quay lại" }).click();
  await expect(page.getByLabel("Xã, phường nơi xảy ra sự việc")).toHaveValue("phuong-ham-rong");
});

test("a double tap on Gửi creates one complaint", async ({ page }) => {
  const word = uniqueWord();
  // A plain power cut: routing assigns it at once, so it is listed publicly.
  await page.goto("/gui-phan-anh");
  await page.getByLabel("Lĩnh vực").selectOption("khac");
  await page.getByLabel("Tiêu đề").fill(`Mất điện cả khu phố ${word}`);
  await page
    .getByLabel("Nội dung phản ánh")
    .fill("Khu phố mất điện từ sáng đến giờ, điện lực không báo trước, trạm biến áp kêu to rồi tắt.");
  await next(page);
  await page.getByLabel("Xã, phường nơi xảy ra sự việc").selectOption({ label: "Phường Hàm Rồng" });
  await next(page);
  await next(page);
  await page.getByLabel("Họ và tên").fill("Đỗ Văn Hùng");
  await page.getByLabel("Số điện thoại di động").fill("0977 333 444");
  await page.getByRole("radio", { name: /^Có —/ }).check();
  await page.getByLabel(/Tôi đồng ý/).check();
  await next(page);
  await page.getByRole("button", { name: "Gửi phản ánh" }).dblclick();
  await expect(page.getByRole("heading", { name: "Đã gửi phản ánh thành công" })).toBeVisible();
  await page.goto(`/phan-anh?trang-thai=tat-ca&q=${word}`);
  await expect(page.locator(".complaint-item")).toHaveCount(1);
});

test("a reload in the middle of the wizard loses nothing", async ({ page, javaScriptEnabled }) => {
  await page.goto("/gui-phan-anh");
  if (javaScriptEnabled) {
    await expect(page.locator('.wizard-live[data-hydrated="true"]')).toBeAttached({ timeout: 15_000 });
    // Typed but not yet sent: kept on the phone.
    await page.getByLabel("Tiêu đề").fill("Rác ùn ứ ở chợ");
    await page.getByLabel("Nội dung phản ánh").pressSequentially("Rác chợ Vườn Hoa");
    await expect(page.locator("#description-dem")).toHaveText("16/5.000 ký tự");
    await page.reload();
    await expect(page.getByLabel("Tiêu đề")).toHaveValue("Rác ùn ứ ở chợ");
    await expect(page.getByLabel("Nội dung phản ánh")).toHaveValue("Rác chợ Vườn Hoa");
  } else {
    // Without JavaScript each step is kept on the server.
    await page.getByLabel("Lĩnh vực").selectOption("moi-truong");
    await page.getByLabel("Tiêu đề").fill("Rác ùn ứ ở chợ");
    await page.getByLabel("Nội dung phản ánh").fill("Rác ở chợ Vườn Hoa ùn ứ ba ngày chưa ai thu gom, bốc mùi.");
    await next(page);
    await page.reload();
    await expect(page.getByText("Bước 2 / 5")).toBeVisible();
    await page.getByRole("button", { name: "Quay lại" }).click();
    await expect(page.getByLabel("Tiêu đề")).toHaveValue("Rác ùn ứ ở chợ");
  }
});

test("the commune list finds a ward typed without diacritics", async ({ page, javaScriptEnabled }) => {
  test.skip(!javaScriptEnabled, "the search box needs JavaScript; the plain list works without it");
  await page.goto("/gui-phan-anh");
  await page.getByLabel("Lĩnh vực").selectOption("khac");
  await page.getByLabel("Tiêu đề").fill("Đèn đường không sáng");
  await page.getByLabel("Nội dung phản ánh").fill("Cả dãy đèn đường trước nhà văn hóa không sáng một tuần nay.");
  await next(page);
  await expect(page.locator('.wizard-live[data-hydrated="true"]')).toBeAttached({ timeout: 15_000 });
  await page.getByLabel("Tìm xã, phường").fill("ham rong");
  await expect(page.getByLabel("Xã, phường nơi xảy ra sự việc")).toHaveValue("phuong-ham-rong");
  // Live checks use the same rules as the server.
  await page.getByLabel("Địa chỉ cụ thể (không bắt buộc)").fill("x".repeat(201));
  await page.getByLabel("Địa chỉ cụ thể (không bắt buộc)").blur();
  await expect(page.locator("#address-loi")).toHaveText("Địa chỉ tối đa 200 ký tự.");
});

test("the public list has filters, an empty state and pages", async ({ page }) => {
  const response = await page.goto("/phan-anh");
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Phản ánh và trả lời công khai");
  await expect(page.locator(".complaint-item").first()).toBeVisible();
  await page.getByLabel("Tìm kiếm").fill("zzzkhongcogi");
  await page.getByRole("button", { name: "Tìm" }).click();
  await expect(page.locator(".empty")).toContainText("Không có phản ánh nào khớp");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

/// Width and height from a JPEG's start-of-frame segment.
function jpegSize(bytes: Buffer): { width: number; height: number } | null {
  let i = 2;
  while (i + 9 < bytes.length) {
    if (bytes[i] !== 0xff) return null;
    const marker = bytes[i + 1];
    const length = bytes.readUInt16BE(i + 2);
    if (marker >= 0xc0 && marker <= 0xc3) {
      return { height: bytes.readUInt16BE(i + 5), width: bytes.readUInt16BE(i + 7) };
    }
    i += 2 + length;
  }
  return null;
}

test("a large photo is downscaled on the phone before upload", async ({ page, javaScriptEnabled }) => {
  test.skip(!javaScriptEnabled, "downscaling needs JavaScript; without it the server takes the photo as sent");
  const { readdirSync, readFileSync } = await import("node:fs");
  const uploads = `${process.env.E2E_DATA_DIR}/uploads`;
  const before = new Set((() => { try { return readdirSync(uploads); } catch { return []; } })());
  await page.goto("/gui-phan-anh");
  await expect(page.locator('.wizard-live[data-hydrated="true"]')).toBeAttached({ timeout: 15_000 });
  // A 3000×2000 photo, made by the browser itself.
  const dataUrl = await page.evaluate(() => {
    const canvas = document.createElement("canvas");
    canvas.width = 3000;
    canvas.height = 2000;
    const context = canvas.getContext("2d")!;
    for (let x = 0; x < 3000; x += 100) {
      context.fillStyle = `hsl(${x % 360}, 70%, 50%)`;
      context.fillRect(x, 0, 100, 2000);
    }
    return canvas.toDataURL("image/jpeg", 0.95);
  });
  const big = Buffer.from(dataUrl.split(",")[1], "base64");
  expect(jpegSize(big)).toEqual({ width: 3000, height: 2000 });
  await page.getByLabel("Lĩnh vực").selectOption("giao-thong");
  await page.getByLabel("Tiêu đề").fill("Ổ gà lớn giữa đường Lê Lai");
  await page.getByLabel("Nội dung phản ánh").fill("Ổ gà sâu giữa đường, tối không có đèn, đã có hai người ngã xe.");
  await page.getByLabel(/Ảnh hoặc tài liệu/).setInputFiles({ name: "IMG_2041.jpg", mimeType: "image/jpeg", buffer: big });
  await next(page);
  await expect(page.getByText("Bước 2 / 5")).toBeVisible();
  const added = readdirSync(uploads).filter((f) => !before.has(f));
  const sizes = added.map((f) => jpegSize(readFileSync(`${uploads}/${f}`)));
  expect(sizes).toContainEqual({ width: 1600, height: 1067 });
  await page.getByRole("button", { name: "Quay lại" }).click();
  await expect(page.locator(".file-list")).toContainText("Ảnh: IMG_2041.jpg");
});
