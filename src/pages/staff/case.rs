//! A complaint as staff see it: everything the citizen sent (with their
//! contact details, for the people handling it), the deadlines, the full
//! internal history, and a form for each action the role allows now.

mod feedback;

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::{action_url, deadline_badge, error_slot, form_alert, StaffBar, StaffError};
use crate::api::staff::*;
use crate::components::file_list::{describe, file_url, FileList};
use crate::components::staff_form::StaffForms;
use crate::domain::deadline::format_date;
use crate::domain::work::{CaseView, Move, REJECT_TEMPLATES};
use crate::error::AppError;

#[component]
pub fn CasePage() -> impl IntoView {
    let id = use_params_map().with_untracked(|p| p.get("id").and_then(|id| id.parse::<i64>().ok()));
    let data = Resource::new_blocking(
        || (),
        move |_| async move {
            match id {
                Some(id) => load_case(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Suspense fallback=|| view! { <p class="muted">"Đang tải…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(case) => view! { <Case case /> }.into_any(),
                    Err(error) => view! { <StaffError error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn datetime(at: i64) -> String {
    chrono::DateTime::<chrono::Utc>::from_timestamp(at, 0)
        .unwrap_or_default()
        .with_timezone(&crate::domain::deadline::vietnam_offset())
        .format("%H:%M %d/%m/%Y")
        .to_string()
}

/// The hidden fields every action on this complaint carries.
fn ids(case: &CaseView) -> impl IntoView {
    view! {
        <input type="hidden" name="id" value=case.id />
        <input type="hidden" name="version" value=case.version />
    }
}

fn textarea(form: &'static str, name: &'static str, label: &'static str, value: String, rows: u32) -> impl IntoView {
    let id = format!("{form}-{name}");
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <textarea id=id name=name rows=rows aria-describedby=format!("{form}-{name}-loi")>{value}</textarea>
            {error_slot(form, name)}
        </div>
    }
}

#[component]
fn Case(case: CaseView) -> impl IntoView {
    let history = case
        .history
        .iter()
        .map(|h| {
            let visibility = if h.is_public { "Công khai" } else { "Nội bộ" };
            view! {
                <li class:internal=!h.is_public>
                    <p>
                        <strong>{h.what.clone()}</strong>
                        <span class="muted">{format!(" · {} · {}", datetime(h.at), h.actor_name.clone().unwrap_or_else(|| "Hệ thống".into()))}</span>
                        <span class="badge">{visibility}</span>
                    </p>
                    {h.note.clone().map(|n| view! { <p class="note">{n}</p> })}
                </li>
            }
        })
        .collect_view();
    let extensions = (!case.extensions.is_empty()).then(|| {
        let rows = case
            .extensions
            .iter()
            .map(|x| {
                let state = match x.state.as_str() {
                    "pending" => "Chờ quyết định",
                    "approved" => "Đã đồng ý",
                    _ => "Không đồng ý",
                };
                view! {
                    <tr>
                        <td>{x.requested_by.clone()}</td>
                        <td>{format!("{} → {}", format_date(x.old_deadline_at), format_date(x.new_deadline_at))}</td>
                        <td>{x.reason.clone()}</td>
                        <td>{state}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <section class="card">
                <h2>"Đề nghị gia hạn"</h2>
                <div class="table-wrap">
                    <table>
                        <thead><tr><th scope="col">"Người đề nghị"</th><th scope="col">"Thời hạn"</th><th scope="col">"Lý do"</th><th scope="col">"Kết quả"</th></tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            </section>
        }
    });
    let answer = case.answer.clone().filter(|_| case.status.is_answered()).map(|a| {
        view! { <section class="card"><h2>"Trả lời đã công khai"</h2><p class="answer">{a}</p></section> }
    });
    let pending_answer = (case.status == crate::domain::ComplaintStatus::AwaitingApproval)
        .then(|| case.answer.clone())
        .flatten()
        .map(
            |a| view! { <section class="card"><h2>"Dự thảo trả lời chờ duyệt"</h2><p class="answer">{a}</p></section> },
        );
    let rejected = case.reject_reason.clone().map(|r| {
        view! { <p><strong>"Lý do từ chối (công khai): "</strong>{r}</p> }
    });
    let duplicate = case
        .duplicate_of_code
        .clone()
        .map(|c| view! { <p>{format!("Trùng với phản ánh {c}")}</p> });
    let actions = actions(&case);
    view! {
        <Title text=format!("{} · {}", case.code, case.title) />
        <StaffBar me=case.me.clone() />
        <p><a href="/can-bo">"‹ Trang làm việc"</a></p>
        <header class="case-head">
            <p class="code">{case.code.clone()}</p>
            <h1>{case.title.clone()}</h1>
            <p>
                "Trạng thái: " <strong data-status=case.status.as_str()>{case.status.label()}</strong>
                {case.on_time.map(|ok| if ok {
                    view! { <span class="badge badge-ok">"Trả lời đúng hạn"</span> }.into_any()
                } else {
                    view! { <span class="badge badge-late">"Trả lời quá hạn"</span> }.into_any()
                })}
            </p>
        </header>
        <div class="case-grid">
            <section class="card">
                <h2>"Nội dung"</h2>
                <p class="description">{case.description.clone()}</p>
                <dl>
                    <dt>"Lĩnh vực"</dt><dd>{case.category_name.clone().unwrap_or_else(|| "Khác / không rõ".into())}</dd>
                    <dt>"Xã, phường"</dt><dd>{case.commune_name.clone().unwrap_or_default()}</dd>
                    <dt>"Địa chỉ"</dt><dd>{case.address.clone()}</dd>
                    <dt>"Cơ quan người dân chọn"</dt><dd>{case.chosen_agency_name.clone().unwrap_or_else(|| "Không rõ — để hệ thống chuyển".into())}</dd>
                </dl>
                {(!case.citizen_files.is_empty()).then(|| view! {
                    <h3>"Ảnh, tài liệu người dân gửi"</h3>
                    <FileList files=case.citizen_files.clone() />
                })}
                {rejected}
                {duplicate}
            </section>
            <section class="card">
                <h2>"Xử lý"</h2>
                <dl>
                    <dt>"Cơ quan xử lý"</dt><dd>{case.agency_name.clone().unwrap_or_else(|| "Chưa chuyển".into())}</dd>
                    <dt>"Cán bộ xử lý"</dt><dd>{case.officer_name.clone().unwrap_or_else(|| "Chưa có".into())}</dd>
                    <dt>"Tiếp nhận"</dt><dd>{case.received_at.map(format_date).unwrap_or_default()}</dd>
                    <dt>"Hạn trả lời"</dt><dd>{deadline_badge(case.deadline_at, None)}</dd>
                    <dt>"Bước hiện tại"</dt><dd>{case.stage.map(|s| s.label()).unwrap_or("Đã kết thúc")}</dd>
                    <dt>"Hạn bước hiện tại"</dt><dd>{deadline_badge(case.stage_due_at.filter(|_| case.stage.is_some()), case.urgency)}</dd>
                </dl>
                <h3>"Người gửi"</h3>
                <dl>
                    <dt>"Họ tên"</dt><dd>{case.citizen_name.clone()}</dd>
                    <dt>"Điện thoại"</dt><dd><a href=format!("tel:{}", case.citizen_phone)>{case.citizen_phone.clone()}</a></dd>
                    <dt>"E-mail"</dt><dd>{case.citizen_email.clone().unwrap_or_else(|| "Không có".into())}</dd>
                    <dt>"Công khai nội dung"</dt><dd>{if case.is_public { "Đồng ý" } else { "Không đồng ý" }}</dd>
                </dl>
            </section>
        </div>
        {answer}
        {pending_answer}
        <StaffForms>{actions}</StaffForms>
        {answer_files(&case)}
        {feedback::citizen_feedback(&case)}
        {extensions}
        <section class="card">
            <h2>"Lịch sử xử lý"</h2>
            <ol class="history">{history}</ol>
        </section>
    }
}

/// The answer's files: listed once there are some; while the answer is
/// being drafted, an upload form (plain multipart, outside the island's
/// handling) and a remove button per file.
fn answer_files(case: &CaseView) -> impl IntoView {
    let drafting = case.moves.contains(&Move::Answer);
    if !drafting && case.answer_files.is_empty() {
        return None;
    }
    let (error, added) = use_query_map().with_untracked(|q| (q.get("loi-tep"), q.get("tep").is_some()));
    let invalid = if error.is_some() { "true" } else { "false" };
    let files = case
        .answer_files
        .iter()
        .map(|file| {
            let remove = drafting.then(|| {
                view! {
                    <form method="post" action={action_url::<RemoveAnswerFile>()} class="inline-form"
                        data-confirm=format!("Bỏ tệp “{}” khỏi dự thảo trả lời?", file.file_name)>
                        <input type="hidden" name="id" value=case.id />
                        <input type="hidden" name="file" value=file.id />
                        <button type="submit" class="btn-link">{format!("Bỏ {}", file.file_name)}</button>
                        {form_alert()}
                    </form>
                }
            });
            view! {
                <li>
                    <a href=file_url(file.id, "") target="_blank" rel="noopener">{describe(file)}</a>
                    " "
                    {remove}
                </li>
            }
        })
        .collect_view();
    let upload = drafting.then(|| {
        view! {
            <form method="post" action=format!("/can-bo/phan-anh/{}/tep", case.id) enctype="multipart/form-data" class="upload-form">
                <div class="field">
                    <label for="tep-tra-loi-chon">"Thêm tệp (ảnh JPEG, PNG, WebP hoặc PDF; tối đa 5 tệp, mỗi tệp 10 MB)"</label>
                    <input id="tep-tra-loi-chon" name="tep" type="file" multiple=true
                        accept="image/jpeg,image/png,image/webp,application/pdf"
                        aria-invalid=invalid aria-describedby="tep-tra-loi-loi" />
                    <p id="tep-tra-loi-loi" class="hint error" aria-live="polite">{error}</p>
                </div>
                <button type="submit" class="btn btn-secondary">"Tải tệp lên"</button>
            </form>
        }
    });
    Some(view! {
        <section class="card" id="tep-tra-loi" aria-labelledby="tep-tra-loi-tieu-de">
            <h2 id="tep-tra-loi-tieu-de">"Tệp đính kèm trả lời"</h2>
            {added.then(|| view! { <p class="notice" role="status">"Đã thêm tệp vào dự thảo trả lời."</p> })}
            {if case.answer_files.is_empty() {
                view! { <p class="empty">"Chưa có tệp nào."</p> }.into_any()
            } else {
                view! { <StaffForms><ul class="file-list">{files}</ul></StaffForms> }.into_any()
            }}
            {upload}
        </section>
    })
}

fn actions(case: &CaseView) -> impl IntoView {
    case.moves
        .iter()
        .map(|m| match m {
            Move::Assign => assign_form(case).into_any(),
            Move::Reject => reject_form(case).into_any(),
            Move::Duplicate => view! {
                <section class="card action">
                    <h2>"Đánh dấu trùng"</h2>
                    <form method="post" action={action_url::<MarkDuplicate>()} novalidate=true data-confirm="Đánh dấu phản ánh này là trùng? Thao tác không thể hoàn tác.">
                        {form_alert()}
                        {ids(case)}
                        <div class="field">
                            <label for="trung-of_code">"Mã tra cứu của phản ánh gốc"</label>
                            <input id="trung-of_code" name="of_code" type="text" autocapitalize="characters" aria-describedby="trung-of_code-loi" />
                            {error_slot("trung", "of_code")}
                        </div>
                        <button type="submit" class="btn btn-secondary">"Đánh dấu trùng"</button>
                    </form>
                </section>
            }.into_any(),
            Move::Remind => view! {
                <section class="card action">
                    <h2>"Nhắc cơ quan xử lý"</h2>
                    <form method="post" action={action_url::<SendReminder>()} novalidate=true>
                        {form_alert()}
                        <input type="hidden" name="id" value=case.id />
                        {textarea("nhac", "note", "Lời nhắc (không bắt buộc)", String::new(), 2)}
                        <button type="submit" class="btn btn-secondary">"Gửi nhắc nhở"</button>
                    </form>
                </section>
            }.into_any(),
            Move::DecideExtension => {
                let pending = case.extensions.iter().find(|x| x.state == "pending").cloned();
                pending.map(|x| view! {
                    <section class="card action">
                        <h2>"Quyết định gia hạn"</h2>
                        <p>{format!("{} đề nghị gia hạn đến {}: {}", x.requested_by, format_date(x.new_deadline_at), x.reason)}</p>
                        <form method="post" action={action_url::<ApproveExtension>()} novalidate=true>
                            {form_alert()}
                            <input type="hidden" name="request" value=x.id />
                            {textarea("giahan", "note", "Ý kiến (bắt buộc khi không đồng ý)", String::new(), 2)}
                            <div class="actions-row">
                                <button type="submit" class="btn">"Đồng ý gia hạn"</button>
                                <button type="submit" class="btn btn-secondary" formaction={action_url::<RefuseExtension>()}>"Không đồng ý"</button>
                            </div>
                        </form>
                    </section>
                }).into_any()
            }
            Move::DecideReopen => feedback::decide_reopen(case).into_any(),
            Move::Accept => view! {
                <section class="card action">
                    <h2>"Tiếp nhận xử lý"</h2>
                    <form method="post" action={action_url::<AcceptComplaint>()}>
                        {form_alert()}
                        {ids(case)}
                        <button type="submit" class="btn">"Nhận xử lý"</button>
                    </form>
                </section>
            }.into_any(),
            Move::Return => view! {
                <section class="card action">
                    <h2>"Trả lại cán bộ đầu mối"</h2>
                    <form method="post" action={action_url::<ReturnComplaint>()} novalidate=true data-confirm="Trả phản ánh này về cán bộ đầu mối tỉnh?">
                        {form_alert()}
                        {ids(case)}
                        {textarea("tralai", "reason", "Lý do (ví dụ: không thuộc thẩm quyền, nêu cơ quan có thẩm quyền nếu biết)", String::new(), 3)}
                        <button type="submit" class="btn btn-secondary">"Trả lại"</button>
                    </form>
                </section>
            }.into_any(),
            Move::Answer => view! {
                <section class="card action">
                    <h2>"Dự thảo trả lời"</h2>
                    <form method="post" action={action_url::<SaveAnswer>()} novalidate=true>
                        {form_alert()}
                        {ids(case)}
                        {textarea("traloi", "answer", "Nội dung trả lời (xuống dòng để tách đoạn; dòng bắt đầu bằng “- ” là một ý liệt kê)", case.answer_draft.clone().unwrap_or_default(), 10)}
                        <div class="actions-row">
                            <button type="submit" class="btn btn-secondary">"Lưu nháp"</button>
                            <button type="submit" class="btn" formaction={action_url::<SubmitAnswer>()} data-confirm="Gửi dự thảo trả lời cho lãnh đạo duyệt?">"Gửi lãnh đạo duyệt"</button>
                        </div>
                    </form>
                </section>
            }.into_any(),
            Move::RequestExtension => view! {
                <section class="card action">
                    <h2>"Đề nghị gia hạn"</h2>
                    <form method="post" action={action_url::<RequestExtension>()} novalidate=true>
                        {form_alert()}
                        <input type="hidden" name="id" value=case.id />
                        <div class="field">
                            <label for="dngh-new_date">"Hạn mới đề nghị"</label>
                            <input id="dngh-new_date" name="new_date" type="date" aria-describedby="dngh-new_date-loi" />
                            {error_slot("dngh", "new_date")}
                        </div>
                        {textarea("dngh", "reason", "Lý do gia hạn", String::new(), 3)}
                        <button type="submit" class="btn btn-secondary">"Gửi đề nghị gia hạn"</button>
                    </form>
                </section>
            }.into_any(),
            Move::Approve => view! {
                <section class="card action">
                    <h2>"Duyệt trả lời"</h2>
                    <form method="post" action={action_url::<ApproveAnswer>()} data-confirm="Duyệt và công khai trả lời này? Người dân sẽ nhận được thông báo.">
                        {form_alert()}
                        {ids(case)}
                        <button type="submit" class="btn">"Duyệt và công khai"</button>
                    </form>
                </section>
            }.into_any(),
            Move::SendBack => view! {
                <section class="card action">
                    <h2>"Trả lại dự thảo"</h2>
                    <form method="post" action={action_url::<SendBack>()} novalidate=true>
                        {form_alert()}
                        {ids(case)}
                        {textarea("trdt", "comment", "Ý kiến chỉ đạo", String::new(), 3)}
                        <button type="submit" class="btn btn-secondary">"Trả lại cán bộ xử lý"</button>
                    </form>
                </section>
            }.into_any(),
            Move::Note => view! {
                <section class="card action">
                    <h2>"Ghi chú nội bộ"</h2>
                    <form method="post" action={action_url::<AddNote>()} novalidate=true>
                        {form_alert()}
                        <input type="hidden" name="id" value=case.id />
                        {textarea("ghichu", "note", "Ghi chú (chỉ cán bộ xem được)", String::new(), 2)}
                        <button type="submit" class="btn btn-secondary">"Thêm ghi chú"</button>
                    </form>
                </section>
            }.into_any(),
        })
        .collect_view()
}

fn assign_form(case: &CaseView) -> impl IntoView {
    let suggestions = case
        .suggestions
        .iter()
        .map(|s| {
            let label = format!("{} ({:.0} %)", s.agency_name, s.confidence * 100.0);
            view! {
                <form method="post" action={action_url::<AssignComplaint>()} class="suggestion">
                    {ids(case)}
                    <input type="hidden" name="agency" value=s.agency_code.clone() />
                    <button type="submit" class="btn btn-secondary" data-agency=s.agency_code.clone()>{format!("Chuyển đến {label}")}</button>
                </form>
            }
        })
        .collect_view();
    let options = case
        .agencies
        .iter()
        .map(|(code, name)| view! { <option value=code.clone()>{name.clone()}</option> })
        .collect_view();
    let has_suggestions = !case.suggestions.is_empty();
    view! {
        <section class="card action">
            <h2>"Chuyển cơ quan xử lý"</h2>
            {has_suggestions.then(|| view! { <p class="muted">"Gợi ý theo nội dung (độ tin cậy):"</p> })}
            <div class="suggestions">{suggestions}</div>
            <form method="post" action={action_url::<AssignComplaint>()} novalidate=true>
                {form_alert()}
                {ids(case)}
                <div class="field">
                    <label for="chuyen-agency">"Cơ quan xử lý"</label>
                    <select id="chuyen-agency" name="agency" aria-describedby="chuyen-agency-loi">
                        <option value="">"— Chọn cơ quan —"</option>
                        {options}
                    </select>
                    {error_slot("chuyen", "agency")}
                </div>
                {textarea("chuyen", "note", "Ghi chú cho cơ quan (công khai, không bắt buộc)", String::new(), 2)}
                <button type="submit" class="btn">"Chuyển xử lý"</button>
            </form>
        </section>
    }
}

fn reject_form(case: &CaseView) -> impl IntoView {
    let templates = REJECT_TEMPLATES
        .iter()
        .map(|t| view! { <option value=*t>{*t}</option> })
        .collect_view();
    view! {
        <section class="card action">
            <h2>"Từ chối tiếp nhận"</h2>
            <form method="post" action={action_url::<RejectComplaint>()} novalidate=true data-confirm="Từ chối phản ánh này? Lý do sẽ được công khai cho người dân.">
                {form_alert()}
                {ids(case)}
                <div class="field">
                    <label for="tuchoi-template">"Lý do thường gặp"</label>
                    <select id="tuchoi-template" name="template">
                        <option value="">"— Không chọn —"</option>
                        {templates}
                    </select>
                </div>
                {textarea("tuchoi", "reason", "Lý do cụ thể (công khai)", String::new(), 3)}
                <button type="submit" class="btn btn-secondary">"Từ chối"</button>
            </form>
        </section>
    }
}
