// What several end-to-end tests share: going through the citizen's wizard.
import { expect, Page } from "@playwright/test";

/// A JPEG's structure with a GPS position in its EXIF segment (the server
/// checks the structure and strips the metadata; it never decodes pixels).
export const photo = Buffer.from([
  0xff, 0xd8, 0xff, 0xe0, 0x00, 0x07, 0x4a, 0x46, 0x49, 0x46, 0x00,
  0xff, 0xe1, 0x00, 0x10, ...Buffer.from("Exif\0\0GPS19.80"),
  0xff, 0xda, 0x00, 0x02, 0x11, 0x22, 0xff, 0xd9,
]);

export async function next(page: Page) {
  await page.getByRole("button", { name: "Tiếp tục" }).click();
}

export async function fillWizard(page: Page, title: string, options: { photo?: boolean; publish?: boolean } = {}) {
  await page.goto("/gui-phan-anh");
  await expect(page.getByText("Bước 1 / 5")).toBeVisible();
  await page.getByLabel("Lĩnh vực").selectOption("moi-truong");
  await page.getByLabel("Tiêu đề").fill(title);
  await page
    .getByLabel("Nội dung phản ánh")
    .fill("Tối nào bãi rác đầu thôn cũng đốt rác, khói bay vào nhà dân, trẻ con ho suốt đêm.");
  if (options.photo) {
    await page.getByLabel(/Ảnh hoặc tài liệu/).setInputFiles({ name: "khoi.jpg", mimeType: "image/jpeg", buffer: photo });
  }
  await next(page);
  await expect(page.getByText("Bước 2 / 5")).toBeVisible();
  await page.getByLabel("Xã, phường nơi xảy ra sự việc").selectOption({ label: "Phường Hàm Rồng" });
  await page.getByLabel("Địa chỉ cụ thể (không bắt buộc)").fill("Số 15 ngõ 4 thôn Đông");
  await next(page);
  await expect(page.getByText("Bước 3 / 5")).toBeVisible();
  await expect(page.locator("#du-kien")).toContainText("chuyển đến");
  await next(page);
  await expect(page.getByText("Bước 4 / 5")).toBeVisible();
  await page.getByLabel("Họ và tên").fill("Phạm Thị Mai");
  // A different citizen each time: the suite files more complaints than
  // one phone may in a day.
  const digits = () => String(Math.floor(Math.random() * 1000)).padStart(3, "0");
  await page.getByLabel("Số điện thoại di động").fill(`0905 ${digits()} ${digits()}`);
  await page.getByRole("radio", { name: options.publish === false ? /^Không —/ : /^Có —/ }).check();
  await page.getByLabel(/Tôi đồng ý/).check();
  await next(page);
  await expect(page.getByText("Bước 5 / 5")).toBeVisible();
}
