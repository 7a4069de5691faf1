// The home page as a citizen on a phone sees it.
import { test, expect } from "@playwright/test";

test("home page shows the way in, the figures and the latest answers", async ({ page }) => {
  const response = await page.goto("/");
  expect(response?.status()).toBe(200);
  await expect(page).toHaveTitle("Trang chủ · Phản hồi");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Thanh Hóa");
  const send = page.getByRole("main").getByRole("link", { name: "Gửi phản ánh" });
  await expect(send).toBeVisible();
  // The main call to action fits the phone screen without scrolling.
  const box = await send.boundingBox();
  expect(box && box.y + box.height).toBeLessThanOrEqual(640);
  await expect(page.locator('[data-figure="received"]')).toHaveText(/^\d[\d.]*$/);
  await expect(page.locator('[data-figure="on-time"]')).toHaveText(/^\d+,\d\s%$/);
  await expect(page.locator(".complaint-item").first()).toBeVisible();
  // Nothing overflows sideways on a 360 px screen.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

test("the send link leads to the submission page", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("main").getByRole("link", { name: "Gửi phản ánh" }).click();
  await expect(page).toHaveURL(/\/gui-phan-anh$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Gửi phản ánh, kiến nghị");
});

test("the tracking form checks the code as it is typed once hydrated", async ({ page, javaScriptEnabled }) => {
  test.skip(!javaScriptEnabled, "live checking needs JavaScript");
  await page.goto("/");
  await expect(page.locator('form.track-form[data-hydrated="true"]')).toBeAttached({ timeout: 15_000 });
  const hint = page.locator("#ma-goi-y");
  await expect(hint).toContainText("Mã gồm 8 ký tự");
  // Only the hydrated island can react to typing.
  await page.getByLabel("Mã tra cứu").pressSequentially("abc");
  await expect(hint).toHaveText("Đã nhập 3/8 ký tự.");
  await page.getByLabel("Mã tra cứu").fill("abcd-efg0");
  await expect(hint).toContainText("không có ký tự “0”");
  await expect(page.getByLabel("Mã tra cứu")).toHaveAttribute("aria-invalid", "true");
});

test("without JavaScript the form is plain HTML that still works", async ({ page, javaScriptEnabled }) => {
  test.skip(javaScriptEnabled, "checks the page before any script runs");
  await page.goto("/");
  await expect(page.locator("form.track-form")).toHaveAttribute("data-hydrated", "false");
  await expect(page.locator("form.track-form")).toHaveAttribute("action", "/tra-cuu");
});

test("a wrong code gets a clear message next to the field and keeps what was typed", async ({ page }) => {
  await page.goto("/");
  await page.getByLabel("Mã tra cứu").fill("abc");
  await page.getByRole("button", { name: "Tra cứu" }).click();
  await expect(page).toHaveURL(/\/tra-cuu\?ma=abc$/);
  await expect(page.locator("#ma-goi-y")).toHaveText("Mã tra cứu gồm 8 ký tự (bạn đã nhập 3).");
  await expect(page.getByLabel("Mã tra cứu")).toHaveValue("abc");
});

test("unknown addresses get the Vietnamese 404 page", async ({ page }) => {
  const response = await page.goto("/khong-co-trang-nay");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Không tìm thấy trang");
  await page.getByRole("link", { name: "Về trang chủ" }).click();
  await expect(page).toHaveURL(/\/$/);
});
