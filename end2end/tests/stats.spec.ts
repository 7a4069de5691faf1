// The statistics pages on a phone: the public ranking's period selector is
// a plain form (works without JavaScript), the coordinator's dashboard
// shows each table with its chart and downloads.
import { test, expect, Page } from "@playwright/test";

const PASSWORD = "phanhoi2026";

async function noSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

test("the ranking changes period through its plain form", async ({ page }) => {
  const response = await page.goto("/xep-hang");
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Xếp hạng cơ quan, đơn vị");
  await expect(page.locator("#ky-xem")).toHaveText(/^Tháng \d+\/\d{4}$/);
  await expect(page.locator("table.stats-table caption")).toContainText("Xếp hạng cơ quan, đơn vị");
  await expect(page.getByRole("heading", { name: "Cách tính điểm và xếp hạng" })).toBeVisible();
  await noSidewaysScroll(page);

  // A year.
  const year = String(new Date().getFullYear());
  await page.getByLabel("Năm", { exact: true }).check();
  await page.getByLabel("Chọn năm").fill(year);
  await page.getByRole("button", { name: "Xem số liệu" }).click();
  await expect(page).toHaveURL(/ky=nam/);
  await expect(page.locator("#ky-xem")).toHaveText(`Năm ${year}`);
  await expect(page.getByLabel("Năm", { exact: true })).toBeChecked();

  // The table downloads as CSV for the period shown.
  const csv = page.getByRole("link", { name: /dạng CSV/ });
  await expect(csv).toHaveAttribute("href", `/xep-hang.csv?ky=nam&nam=${year}`);
  const download = await page.request.get(`/xep-hang.csv?ky=nam&nam=${year}`);
  expect(download.status()).toBe(200);
  expect(download.headers()["content-type"]).toBe("text/csv; charset=utf-8");

  // A range that ends before it starts: the error sits next to the field.
  await page.getByLabel("Khoảng thời gian").check();
  await page.getByLabel("Từ ngày").fill("2026-10-02");
  await page.getByLabel("Đến ngày").fill("2026-10-01");
  await page.getByRole("button", { name: "Xem số liệu" }).click();
  await expect(page.locator("#den-loi")).toHaveText("Ngày kết thúc phải sau hoặc trùng ngày bắt đầu.");
  await expect(page.getByLabel("Đến ngày")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Đến ngày")).toHaveValue("2026-10-01");
  await noSidewaysScroll(page);
});

test("the coordinator reads the dashboard", async ({ page, javaScriptEnabled }) => {
  test.skip(!javaScriptEnabled, "staff sign-in is sent by the page's script");
  await page.goto("/dang-nhap");
  await expect(page.locator(".staff-forms").first()).toHaveAttribute("data-hydrated", "true");
  await page.getByLabel("Tên đăng nhập hoặc e-mail").fill("dieuphoi");
  await page.getByLabel("Mật khẩu").fill(PASSWORD);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page).toHaveURL(/\/can-bo/);

  await page.getByRole("link", { name: "Thống kê" }).click();
  await expect(page).toHaveURL(/\/can-bo\/thong-ke/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Thống kê");
  for (const heading of ["Theo trạng thái", "Theo cơ quan, đơn vị", "Theo lĩnh vực", "Theo xã, phường", "Theo tháng", "Mức độ hài lòng"]) {
    await expect(page.getByRole("heading", { level: 2, name: heading })).toBeVisible();
  }
  await expect(page.locator("table.stats-table")).toHaveCount(6);
  await expect(page.locator("figure.chart")).toHaveCount(7);

  await page.getByLabel("Năm", { exact: true }).check();
  await page.getByRole("button", { name: "Xem số liệu" }).click();
  await expect(page).toHaveURL(/ky=nam/);
  const link = page.getByRole("link", { name: /Theo cơ quan, đơn vị.*dạng Excel/ });
  const href = await link.getAttribute("href");
  expect(href).toMatch(/^\/can-bo\/thong-ke\/co-quan\.xlsx\?ky=nam&nam=\d{4}$/);
  const xlsx = await page.request.get(href!);
  expect(xlsx.status()).toBe(200);
  expect((await xlsx.body()).subarray(0, 2).toString()).toBe("PK");
  await noSidewaysScroll(page);
});
