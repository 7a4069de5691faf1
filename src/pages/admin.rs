//! Quản trị: the administrator's pages, one per kind of thing they manage
//! (the overview with the deadline policy and the holidays, agencies,
//! categories, communes and wards, staff accounts). Like the staff pages
//! they are rendered on the server; their forms post to the `admin/…`
//! server functions (see `api::admin`), enhanced by the [`StaffForms`]
//! island, and come back with a "saved" notice.
//!
//! [`StaffForms`]: crate::components::staff_form::StaffForms

pub mod accounts;
pub mod agencies;
pub mod categories;
pub mod communes;
pub mod overview;

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::staff::{error_slot, StaffBar, StaffError};
use crate::api::admin::load_admin;
use crate::domain::admin::AdminView;

/// The administration pages, in the order of their tabs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Overview,
    Agencies,
    Categories,
    Communes,
    Accounts,
}

impl Section {
    pub const ALL: [Section; 5] = [
        Self::Overview,
        Self::Agencies,
        Self::Categories,
        Self::Communes,
        Self::Accounts,
    ];

    pub fn href(self) -> &'static str {
        match self {
            Self::Overview => "/quan-tri",
            Self::Agencies => "/quan-tri/co-quan",
            Self::Categories => "/quan-tri/linh-vuc",
            Self::Communes => "/quan-tri/xa-phuong",
            Self::Accounts => "/quan-tri/tai-khoan",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Overview => "Thời hạn, ngày nghỉ",
            Self::Agencies => "Cơ quan, đơn vị",
            Self::Categories => "Lĩnh vực",
            Self::Communes => "Xã, phường",
            Self::Accounts => "Tài khoản cán bộ",
        }
    }

    /// Where a form of this page goes after a success: back here, with
    /// the notice.
    pub fn saved_href(self) -> String {
        format!("{}?{SAVED}=1", self.href())
    }
}

/// The query parameter that shows the "saved" notice.
const SAVED: &str = "da-luu";

/// Loads the administration data and shows `section` with `body`.
pub fn admin_page(section: Section, body: fn(&AdminView) -> AnyView) -> impl IntoView {
    let saved = use_query_map().with_untracked(|q| q.get(SAVED).is_some());
    let data = Resource::new_blocking(|| (), |_| load_admin());
    view! {
        <Title text=format!("Quản trị · {}", section.label()) />
        <Suspense fallback=|| view! { <p class="muted">"Đang tải…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(view) => view! {
                        <StaffBar me=view.me.clone() />
                        <h1>{format!("Quản trị hệ thống · {}", section.label())}</h1>
                        {tabs(section)}
                        {saved.then(|| view! { <p class="notice" role="status">"Đã lưu thay đổi."</p> })}
                        {body(&view)}
                    }
                    .into_any(),
                    Err(error) => view! { <StaffError error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn tabs(section: Section) -> impl IntoView {
    let items = Section::ALL
        .into_iter()
        .map(|s| {
            let current = s == section;
            view! {
                <li>
                    <a href=s.href() aria-current=current.then_some("page") class:tab-current=current>{s.label()}</a>
                </li>
            }
        })
        .collect_view();
    view! { <nav aria-label="Các mục quản trị"><ul class="tabs">{items}</ul></nav> }
}

/// A labelled input with its error slot; `id` is `{form}-{name}`.
pub fn input(form: &str, name: &'static str, label: &'static str, kind: &'static str, value: String) -> impl IntoView {
    let id = format!("{form}-{name}");
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <input id=id name=name type=kind value=value autocomplete="off" aria-describedby=format!("{form}-{name}-loi") />
            {error_slot(form, name)}
        </div>
    }
}

/// A labelled text area with its error slot.
pub fn textarea(form: &str, name: &'static str, label: &'static str, value: String) -> impl IntoView {
    let id = format!("{form}-{name}");
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <textarea id=id name=name rows=3 aria-describedby=format!("{form}-{name}-loi")>{value}</textarea>
            {error_slot(form, name)}
        </div>
    }
}

/// A labelled drop-down of (value, label) choices with its error slot.
pub fn select(
    form: &str,
    name: &'static str,
    label: &'static str,
    choices: Vec<(String, String)>,
    selected: &str,
) -> impl IntoView {
    let id = format!("{form}-{name}");
    let options = choices
        .into_iter()
        .map(|(value, text)| {
            let chosen = value == selected;
            view! { <option value=value selected=chosen>{text}</option> }
        })
        .collect_view();
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <select id=id name=name aria-describedby=format!("{form}-{name}-loi")>{options}</select>
            {error_slot(form, name)}
        </div>
    }
}

/// The active agencies as drop-down choices (code, name).
pub fn agency_choices(view: &AdminView) -> Vec<(String, String)> {
    view.agencies
        .iter()
        .filter(|a| a.active)
        .map(|a| (a.agency.code.clone(), a.agency.name.clone()))
        .collect()
}

/// "Đang hoạt động" or "Ngừng hoạt động".
pub fn state_badge(active: bool) -> impl IntoView {
    if active {
        view! { <span class="badge badge-ok">"Đang hoạt động"</span> }.into_any()
    } else {
        view! { <span class="badge badge-late">"Ngừng hoạt động"</span> }.into_any()
    }
}
